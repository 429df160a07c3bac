/**
 * The stack docker-compose.yml starts for people who want to click through a login: the recommended
 * configuration at fixed addresses, so that the realm, the Atlassian organization and the directory can
 * be written down before anything runs. Every value comes from harness/recommended/, the LDAP modules and
 * sp-mock itself; generate.ts writes them to docker/.
 */
import { createHash } from 'node:crypto';
import type ClientRepresentation from '@keycloak/keycloak-admin-client/lib/defs/clientRepresentation.js';
import type UserRepresentation from '@keycloak/keycloak-admin-client/lib/defs/userRepresentation.js';
import { directoryInput, ldapPort } from '../ldap/container/openldap-container.ts';
import { defaultAdminPassword, defaultBaseDn, directoryLayout } from '../ldap/directory.ts';
import type { LdapPerson } from '../ldap/started-ldap.ts';
import { recommendedOrganization } from '../recommended/atlassian.ts';
import { directoryUser, recommendedLdapProviderConfig } from '../recommended/directory.ts';
import { idpInitiatedUrl, realmIdpValues, recommendedClient, type SpValues } from '../recommended/keycloak.ts';
import { defaultDomain, defaultUsers, userRepresentation, type ScenarioUser } from '../recommended/users.ts';
import { organizationInputSchema, SpMockState, type OrganizationInput } from '../../sp-mock/index.ts';

/** Where a browser on the Docker host reaches each service, and the names inside the stack. */
export const demoStack = {
  keycloakUrl: 'http://localhost:8080',
  realm: 'atlassian',
  admin: { username: 'admin', password: 'admin' },
  spUrl: 'http://localhost:8090',
  spPort: 8090,
  organizationId: 'acme',
  /** The compose service name, as Keycloak's container reaches the directory. */
  ldapHost: 'openldap',
} as const;

/** The demo key pair in docker/keycloak/: public, committed, and protecting nothing. */
export interface DemoSigningKey {
  privateKeyPem: string;
  certificatePem: string;
}

/** People in the directory, federated into the realm; alice (recommended/users.ts) is a local Keycloak user. */
export const demoDirectoryPeople: readonly LdapPerson[] = [
  { uid: 'bob', password: 'bob-Passw0rd', cn: 'Bob Baker', givenName: 'Bob', sn: 'Baker', mail: `bob@${defaultDomain}` },
  { uid: 'carol', password: 'carol-Passw0rd', cn: 'Carol Cooper', givenName: 'Carol', sn: 'Cooper', mail: `carol@${defaultDomain}` },
];

const demoDirectory = directoryLayout(defaultBaseDn);

/** Everyone who can log in, as Atlassian knows them. */
function demoUsers(): ScenarioUser[] {
  return [...defaultUsers, ...demoDirectoryPeople.map(directoryUser)];
}

/** The Atlassian organization: the realm's three IdP values, the domain verified and linked, everyone's account. */
export function demoOrganization(key: DemoSigningKey): OrganizationInput {
  const idp = { ...realmIdpValues(demoStack.keycloakUrl, demoStack.realm), certificate: key.certificatePem };
  return { id: demoStack.organizationId, ...recommendedOrganization(demoUsers(), idp) };
}

/** The SP entity ID and ACS URL sp-mock gives that organization, asked of sp-mock rather than rebuilt. */
export function demoSpValues(organization: OrganizationInput): SpValues & { loginUrl: string } {
  const state = new SpMockState({ publicUrl: demoStack.spUrl });
  const view = state.createOrganization(organizationInputSchema.parse(organization)).view(state.publicUrl);
  return { spEntityId: view.spEntityId, acsUrl: view.acsUrl, loginUrl: view.loginUrl };
}

interface ComponentFile {
  name: string;
  providerId: string;
  subComponents: Record<string, ComponentFile[]>;
  config: Record<string, string[]>;
}

export interface RealmFile {
  realm: string;
  enabled: boolean;
  clients: ClientRepresentation[];
  users: UserRepresentation[];
  components: Record<string, ComponentFile[]>;
}

/** The realm `--import-realm` creates: the recommended client, alice, the demo signing key, the directory. */
export function demoRealm(key: DemoSigningKey, sp: SpValues): RealmFile {
  return {
    realm: demoStack.realm,
    enabled: true,
    clients: [recommendedClient(sp)],
    users: defaultUsers.map((user) => userRepresentation(user)),
    components: {
      'org.keycloak.keys.KeyProvider': [
        {
          // Realm settings → Keys → Add provider → rsa: a fixed key, so Atlassian's certificate is known in advance.
          name: 'demo-signing-key (demo only, protects nothing)',
          providerId: 'rsa',
          subComponents: {},
          config: {
            priority: ['200'],
            enabled: ['true'],
            active: ['true'],
            algorithm: ['RS256'],
            privateKey: [key.privateKeyPem],
            certificate: [key.certificatePem],
          },
        },
      ],
      'org.keycloak.storage.UserStorageProvider': [
        {
          name: 'ldap',
          providerId: 'ldap',
          subComponents: { 'org.keycloak.storage.ldap.mappers.LDAPStorageMapper': ldapProviderDefaultMappers() },
          config: recommendedLdapProviderConfig({
            connectionUrl: `ldap://${demoStack.ldapHost}:${ldapPort}`,
            usersDn: demoDirectory.usersDn,
            bindDn: demoDirectory.bindDn,
            bindCredential: defaultAdminPassword,
          }),
        },
      ],
    },
  };
}

/**
 * The mappers Keycloak gives an LDAP provider an admin adds (vendor "Other", read-only, uid as username),
 * which a realm import does not create: without them a directory user has no email and no names.
 */
function ldapProviderDefaultMappers(): ComponentFile[] {
  const mapper = (name: string, ldapAttribute: string, userAttribute: string, options: { mandatory: boolean; alwaysRead: boolean }): ComponentFile => ({
    name,
    providerId: 'user-attribute-ldap-mapper',
    subComponents: {},
    config: {
      'ldap.attribute': [ldapAttribute],
      'user.model.attribute': [userAttribute],
      'read.only': ['true'],
      'always.read.value.from.ldap': [String(options.alwaysRead)],
      'is.mandatory.in.ldap': [String(options.mandatory)],
    },
  });
  return [
    mapper('username', 'uid', 'username', { mandatory: true, alwaysRead: false }),
    mapper('first name', 'cn', 'firstName', { mandatory: true, alwaysRead: true }),
    mapper('last name', 'sn', 'lastName', { mandatory: true, alwaysRead: true }),
    mapper('email', 'mail', 'email', { mandatory: false, alwaysRead: false }),
    mapper('creation date', 'createTimestamp', 'createTimestamp', { mandatory: false, alwaysRead: true }),
    mapper('modify date', 'modifyTimestamp', 'modifyTimestamp', { mandatory: false, alwaysRead: true }),
  ];
}

/**
 * The files the OpenLDAP container reads at start (its start script, the slapd.conf, the bind DN and
 * password, the entries), as its Testcontainers module writes them, but with a salt fixed per DN, so
 * that generating them again changes nothing.
 */
export function demoDirectoryInput(): Record<string, string> {
  return directoryInput(demoDirectory, defaultAdminPassword, demoDirectoryPeople, (dn) => createHash('sha256').update(dn).digest().subarray(0, 8));
}

/** The URLs the README gives for clicking through. */
export function demoUrls(sp: { loginUrl: string }) {
  const alice = defaultUsers[0]!;
  return {
    adminConsole: `${demoStack.keycloakUrl}/admin/master/console/`,
    spInitiatedLogin: `${sp.loginUrl}&email=${alice.email}`,
    idpInitiatedLogin: idpInitiatedUrl(demoStack.keycloakUrl, demoStack.realm),
  };
}
