/**
 * Applies a scenario to a running stack the way an admin would: a fresh realm with the SAML client made
 * from the SP values Atlassian shows, the users, and an Atlassian organization holding the values the
 * realm really publishes, then the scenario's differences.
 */
import { randomBytes } from 'node:crypto';
import type KeycloakAdminClient from '@keycloak/keycloak-admin-client';
import type ClientRepresentation from '@keycloak/keycloak-admin-client/lib/defs/clientRepresentation.js';
import type { OrganizationInput, OrganizationView, SpMockClient } from '../../sp-mock/index.ts';
import { createLimiter } from '../concurrency.ts';
import { exposeHostPort, type ExposedPort } from '../process/port-forwarder.ts';
import { HarnessError } from '../errors.ts';
import { rsaKeyProvider, testRealm } from '../keycloak/test-realm.ts';
import type { DirectoryRoute } from '../keycloak/started-keycloak.ts';
import { versionRules } from '../keycloak/versions.ts';
import { startLdap, type LdapRuntimeChoice } from '../ldap/start-ldap.ts';
import type { StartedLdap } from '../ldap/started-ldap.ts';
import { idpInitiatedLogin, spInitiatedLogin } from '../login/flows.ts';
import type { LoginStep } from '../login/steps.ts';
import { recommendedOrganization } from '../recommended/atlassian.ts';
import { directoryUser, recommendedLdapProviderConfig } from '../recommended/directory.ts';
import { idpInitiatedUrl, realmIdpValues, recommendedClient, type SpValues } from '../recommended/keycloak.ts';
import { defaultDomain, defaultUsers, userRepresentation, type ScenarioUser } from '../recommended/users.ts';
import type { Scenario, ScenarioLdap } from './schema.ts';
import { provisionWithScim } from './scim-provision.ts';

export interface StackKeycloak {
  baseUrl: string;
  version: string;
  admin: KeycloakAdminClient;
  /** Runs realm creations and deletions as many at a time as this version's database takes. */
  realmWrites: <R>(work: () => Promise<R>) => Promise<R>;
  /** A fresh realm made in advance, never handed out before; undefined when none is left. */
  claimRealm: () => string | undefined;
  /** Realms go with the server when it stops: no need to delete them one by one. */
  disposable: boolean;
  /** Where a scenario's directory runs and how Keycloak reaches it (see StartedKeycloak.directoryRoute). */
  directoryRoute: DirectoryRoute;
}

export function stackKeycloak(
  baseUrl: string,
  version: string,
  admin: KeycloakAdminClient,
  server: { realmPool?: readonly string[]; disposable?: boolean; directoryRoute?: DirectoryRoute } = {},
): StackKeycloak {
  const pool = [...(server.realmPool ?? [])];
  return {
    baseUrl,
    version,
    admin,
    realmWrites: createLimiter(versionRules(version).parallelRealmWrites),
    claimRealm: () => pool.shift(),
    disposable: server.disposable ?? false,
    directoryRoute: server.directoryRoute ?? { kind: 'local' },
  };
}

export interface Stack {
  keycloak: StackKeycloak;
  sp: SpMockClient;
  /** How scenarios with a directory get one (each its own, started for it). */
  ldap?: { runtime?: LdapRuntimeChoice; image?: string };
}

export interface AppliedScenario {
  realm: string;
  org: OrganizationView;
  client: ClientRepresentation;
  user: ScenarioUser;
  email: string;
  steps: LoginStep[];
  /** The scenario's own directory, and the realm's LDAP provider for it, when it has one. */
  ldap?: StartedLdap;
  ldapProvider?: LdapProvider;
  /** Deletes the realm and the organization, and stops the directory. */
  cleanup(): Promise<void>;
}

export async function applyScenario(scenario: Scenario, stack: Stack): Promise<AppliedScenario> {
  const { admin, baseUrl, realmWrites, disposable } = stack.keycloak;
  const pooled = stack.keycloak.claimRealm();
  const realm = pooled ?? `${scenario.id}-${randomBytes(3).toString('hex')}`;
  const localUsers = scenario.keycloak.users ?? (scenario.ldap ? [] : defaultUsers);
  const users = [...localUsers, ...(scenario.ldap?.people ?? []).map(directoryUser)];
  const user = pickUser(scenario, users);
  const email = user.email ?? `${user.username}@${defaultDomain}`;

  const org = await stack.sp.createOrganization(organizationInput(scenario, users));
  let realmCreated = false;
  let ldap: StartedLdap | undefined;
  let ldapProvider: LdapProvider | undefined;
  let reach: { url: string; close(): Promise<void> } | undefined;
  // Keycloak's way to the directory closes first, so that it is refused as by a stopped server.
  const stopDirectory = async () => {
    await reach?.close();
    await ldap?.stop();
  };
  const cleanup = async () => {
    await stopDirectory();
    if (realmCreated && !disposable) await realmWrites(() => admin.realms.del({ realm }));
    await stack.sp.deleteOrganization(org.id);
  };
  try {
    const idp = realmIdpValues(baseUrl, realm);
    const placeholders = { baseUrl, origin: new URL(baseUrl).origin, realm, ...idp, spEntityId: org.spEntityId, acsUrl: org.acsUrl };
    const client = scenarioClient(scenario, org, placeholders);
    const userRepresentations = localUsers.map(userRepresentation);
    if (pooled) {
      if (userRepresentations.length) {
        await admin.realms.partialImport({ realm, rep: { users: userRepresentations, ifResourceExists: 'FAIL' } });
      }
    } else {
      const representation = { ...(await testRealm(realm)), users: userRepresentations };
      await realmWrites(() => admin.realms.create(representation));
    }
    realmCreated = true;
    // Through the clients endpoint, as the admin console does: Keycloak then fills in its defaults for
    // what the client leaves out (a realm import would not).
    await admin.clients.create({ realm, ...client });
    if (scenario.ldap) {
      const route = stack.keycloak.directoryRoute;
      ldap = await startLdap({
        entries: scenario.ldap.people,
        ...(stack.ldap?.runtime ? { runtime: stack.ldap.runtime } : {}),
        ...(stack.ldap?.image ? { image: stack.ldap.image } : {}),
        ...(route.kind === 'network' ? { network: route.network } : {}),
      });
      reach = await directoryForKeycloak(ldap, route);
      ldapProvider = await federateDirectory(admin, realm, ldap, scenario.ldap, reach.url);
    }
    const certificate = await activeCertificate(admin, realm);
    if (scenario.keycloak.rotateSigningKey) await rotateSigningKey(admin, realm);
    const pasted = scenario.atlassian.idp ?? {};
    await stack.sp.updateOrganization(org.id, {
      idp: {
        entityId: fill(pasted.entityId ?? '{entityId}', placeholders),
        ssoUrl: fill(pasted.ssoUrl ?? '{ssoUrl}', placeholders),
        certificate: pasted.certificate === 'mangled' ? mangle(certificate) : certificate,
      },
    });
    for (const username of scenario.atlassian.scimProvision ?? []) {
      const provisioned = users.find((u) => u.username === username);
      if (!provisioned) throw unknownUser(scenario, username, 'atlassian.scimProvision');
      await provisionWithScim(org, provisioned);
    }
    if (scenario.ldap?.stopBeforeLogin) await stopDirectory();
    const loginUser = { username: user.username, password: scenario.login.password ?? user.password };
    const steps =
      scenario.flow === 'idp-initiated'
        ? idpInitiatedLogin({ idpInitiatedUrl: idpInitiatedUrl(baseUrl, realm), user: loginUser })
        : spInitiatedLogin({
            loginUrl: org.loginUrl,
            email,
            user: loginUser,
            ...(scenario.login.relayState ? { relayState: scenario.login.relayState } : {}),
          });
    return {
      realm,
      org: await stack.sp.getOrganization(org.id),
      client,
      user,
      email,
      steps,
      ...(ldap ? { ldap } : {}),
      ...(ldapProvider ? { ldapProvider } : {}),
      cleanup,
    };
  } catch (error) {
    await cleanup().catch(() => {});
    throw error;
  }
}

/** User federation → Add LDAP provider, as an admin does for OpenLDAP; then the scenario's differences. */
export interface LdapProvider {
  componentId: string;
  connectionUrl: string;
  bindDn: string;
}

/**
 * The directory as Keycloak reaches it: by its URL from a Keycloak on this machine; by its name on the
 * network from a Keycloak in a container beside a directory container; through Testcontainers' port
 * forwarder from a Keycloak in a container to slapd on this machine, until `close()`.
 */
export async function directoryForKeycloak(
  ldap: Pick<StartedLdap, 'url' | 'containerUrl'>,
  route: DirectoryRoute,
  expose: (port: number, containerId: string) => Promise<ExposedPort> = exposeHostPort,
): Promise<{ url: string; close(): Promise<void> }> {
  const asItIs = async () => {};
  if (route.kind === 'local') return { url: ldap.url, close: asItIs };
  if (ldap.containerUrl) return { url: ldap.containerUrl, close: asItIs };
  const url = new URL(ldap.url);
  const exposed = await expose(Number(url.port), route.containerId);
  url.hostname = exposed.address;
  return { url: url.toString().replace(/\/$/, ''), close: () => exposed.close() };
}

async function federateDirectory(
  admin: KeycloakAdminClient,
  realm: string,
  ldap: StartedLdap,
  scenario: ScenarioLdap,
  connectionUrl: string,
): Promise<LdapProvider> {
  const realmId = (await admin.realms.findOne({ realm }))!.id!;
  const config = recommendedLdapProviderConfig({
    connectionUrl,
    usersDn: ldap.usersDn,
    bindDn: ldap.bindDn,
    bindCredential: scenario.federation?.bindCredential ?? ldap.bindPassword,
  });
  const { id } = await admin.components.create({
    realm,
    name: 'ldap',
    providerId: 'ldap',
    providerType: 'org.keycloak.storage.UserStorageProvider',
    parentId: realmId,
    config,
  });
  const firstNameAttribute = scenario.federation?.firstNameAttribute;
  if (firstNameAttribute) {
    const mappers = await admin.components.find({ realm, parent: id });
    const firstName = mappers.find((mapper) => mapper.name === 'first name');
    if (!firstName?.id) throw new HarnessError('KC_ADMIN_FAILED', `Realm ${realm}: the LDAP provider has no "first name" mapper`, 'Check the LDAP provider\'s mappers.');
    await admin.components.update({ realm, id: firstName.id }, { ...firstName, config: { ...firstName.config, 'ldap.attribute': [firstNameAttribute] } });
  }
  return { componentId: id, connectionUrl, bindDn: ldap.bindDn };
}

function pickUser(scenario: Scenario, users: readonly ScenarioUser[]): ScenarioUser {
  const name = scenario.login.user ?? users[0]!.username;
  const user = users.find((u) => u.username === name);
  if (!user) throw unknownUser(scenario, name, 'login.user');
  return user;
}

function organizationInput(scenario: Scenario, users: readonly ScenarioUser[]): OrganizationInput {
  const atlassian = scenario.atlassian;
  const recommended = recommendedOrganization(users);
  return {
    ...recommended,
    ...(atlassian.domains ? { domains: atlassian.domains } : {}),
    ...(atlassian.accounts ? { accounts: atlassian.accounts } : {}),
    ...(atlassian.jit !== undefined ? { jit: { enabled: atlassian.jit } } : {}),
    ...(atlassian.defaultPolicyEnforcesSso !== undefined ? { defaultPolicyEnforcesSso: atlassian.defaultPolicyEnforcesSso } : {}),
    ...(atlassian.clockOffsetMinutes !== undefined ? { clockOffsetMs: Math.round(atlassian.clockOffsetMinutes * 60_000) } : {}),
    ...(atlassian.requestedNameIdFormat ? { requestedNameIdFormat: atlassian.requestedNameIdFormat } : {}),
  };
}

function scenarioClient(scenario: Scenario, sp: SpValues, placeholders: Record<string, string>): ClientRepresentation {
  const client = recommendedClient(sp);
  const differences = scenario.keycloak.client ?? {};
  if (differences.clientId) client.clientId = fill(differences.clientId, placeholders);
  if (differences.redirectUris) client.redirectUris = differences.redirectUris.map((uri) => fill(uri, placeholders));
  const attributes = { ...client.attributes } as Record<string, string>;
  for (const [key, value] of Object.entries(differences.attributes ?? {})) {
    if (value === null) delete attributes[key];
    else attributes[key] = fill(value, placeholders);
  }
  if (scenario.flow === 'idp-initiated' && scenario.login.relayState) {
    attributes.saml_idp_initiated_sso_relay_state = scenario.login.relayState;
  }
  client.attributes = attributes;
  const without = new Set<string>(differences.withoutMappers ?? []);
  client.protocolMappers = client.protocolMappers?.filter((mapper) => !without.has(mapper.name ?? ''));
  return client;
}

export async function activeCertificate(admin: KeycloakAdminClient, realm: string): Promise<string> {
  const keys = await admin.realms.getKeys({ realm });
  const kid = keys.active?.RS256;
  const certificate = keys.keys?.find((key) => key.kid === kid)?.certificate;
  if (!certificate) {
    throw new HarnessError('KC_ADMIN_FAILED', `Realm ${realm} has no active RS256 signing certificate`, 'Check Realm settings → Keys.');
  }
  return `-----BEGIN CERTIFICATE-----\n${certificate.match(/.{1,64}/g)!.join('\n')}\n-----END CERTIFICATE-----\n`;
}

/** A new RSA key with a higher priority becomes the active signing key, as after a rotation. */
async function rotateSigningKey(admin: KeycloakAdminClient, realm: string): Promise<void> {
  const representation = await admin.realms.findOne({ realm });
  const { subComponents: _exportOnly, ...key } = await rsaKeyProvider('rotated-rsa-key', 1000);
  await admin.components.create({
    realm,
    ...key,
    providerType: 'org.keycloak.keys.KeyProvider',
    parentId: representation!.id!,
  });
}

/** The PEM as pasted with stray control characters, as in ACCESS-1498. */
function mangle(pem: string): string {
  const lines = pem.split('\n');
  lines[2] = `${lines[2]!.slice(0, 20)}\u0002\u001b${lines[2]!.slice(20)}`;
  return lines.join('\n');
}

function fill(template: string, placeholders: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = placeholders[name];
    if (value === undefined) throw new TypeError(`unknown placeholder ${whole} (known: ${Object.keys(placeholders).join(', ')})`);
    return value;
  });
}

function unknownUser(scenario: Scenario, username: string, field: string): HarnessError {
  return new HarnessError(
    'SCENARIO_INVALID',
    `Scenario ${scenario.id}: ${field} names "${username}", who is neither among keycloak.users nor ldap.people`,
    'Name one of the users the scenario defines (or alice, the default user).',
  );
}
