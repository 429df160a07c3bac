/**
 * The recommended configuration: the answer to the support thread, in one place. Every scenario is a
 * difference from it. Keycloak side: the SAML client an admin makes from the values Atlassian shows.
 * Atlassian side: an organization holding the three values copied from the realm, a verified and linked
 * domain, and a managed account for the user.
 */
import type ClientRepresentation from '@keycloak/keycloak-admin-client/lib/defs/clientRepresentation.js';
import type ProtocolMapperRepresentation from '@keycloak/keycloak-admin-client/lib/defs/protocolMapperRepresentation.js';

export const claims = {
  givenName: 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/givenname',
  surname: 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/surname',
  name: 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name',
  email: 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress',
} as const;

/** The name in Keycloak's IdP-initiated URL: `/realms/<realm>/protocol/saml/clients/atlassian`. */
export const idpInitiatedUrlName = 'atlassian';

export interface SpValues {
  /** "Service provider entity URL" */
  spEntityId: string;
  /** "Service provider assertion consumer service URL" */
  acsUrl: string;
}

/**
 * Client attributes, as the admin console sets them. Keys left out keep Keycloak's REST defaults, which
 * differ from the console's (e.g. `saml.client.signature` defaults to true over REST).
 */
export function recommendedClientAttributes(sp: SpValues): Record<string, string> {
  return {
    // Keys → Signing keys config → Client signature required: Atlassian does not sign its requests.
    'saml.client.signature': 'false',
    // Settings → Signature and Encryption: sign both the document and the assertion.
    'saml.server.signature': 'true',
    'saml.assertion.signature': 'true',
    'saml.signature.algorithm': 'RSA_SHA256',
    saml_signature_canonicalization_method: 'http://www.w3.org/2001/10/xml-exc-c14n#',
    'saml.server.signature.keyinfo.xmlSigKeyInfoKeyNameTransformer': 'KEY_ID',
    'saml.encrypt': 'false',
    // Settings → SAML capabilities: Atlassian matches the NameID against the account email.
    saml_name_id_format: 'email',
    saml_force_name_id_format: 'true',
    'saml.force.post.binding': 'true',
    'saml.authnstatement': 'true',
    // Advanced → Fine Grain SAML Endpoint Configuration.
    saml_assertion_consumer_url_post: sp.acsUrl,
    // Settings → Access settings → IDP-Initiated SSO URL name.
    saml_idp_initiated_sso_url_name: idpInitiatedUrlName,
  };
}

function attributeMapper(name: string, userProperty: string, friendlyName: string): ProtocolMapperRepresentation {
  return {
    name,
    protocol: 'saml',
    protocolMapper: 'saml-user-property-mapper',
    config: {
      'user.attribute': userProperty,
      'attribute.name': claims[name as keyof typeof claims],
      'attribute.nameformat': 'URI Reference',
      'friendly.name': friendlyName,
    },
  };
}

/** Mappers for the claims Atlassian reads; `name` is Keycloak's user id: stable, and not the email. */
export function recommendedMappers(): ProtocolMapperRepresentation[] {
  return [
    attributeMapper('givenName', 'firstName', 'givenname'),
    attributeMapper('surname', 'lastName', 'surname'),
    attributeMapper('name', 'id', 'name'),
    attributeMapper('email', 'email', 'emailaddress'),
  ];
}

export function recommendedClient(sp: SpValues): ClientRepresentation {
  return {
    // Settings → General settings → Client ID = Atlassian's "Service provider entity URL".
    clientId: sp.spEntityId,
    name: 'Atlassian Cloud',
    protocol: 'saml',
    enabled: true,
    // Settings → Access settings: Valid redirect URIs, Home URL (baseUrl), Master SAML Processing URL.
    redirectUris: [sp.acsUrl],
    baseUrl: sp.acsUrl,
    adminUrl: sp.acsUrl,
    frontchannelLogout: true,
    attributes: recommendedClientAttributes(sp),
    protocolMappers: recommendedMappers(),
  };
}

export interface ScenarioUser {
  username: string;
  password: string;
  email?: string;
  firstName?: string;
  lastName?: string;
}

export const defaultDomain = 'acme.example';

/** A user as Keycloak's admin API creates it: enabled, email verified, a permanent password. */
export function userRepresentation(user: ScenarioUser) {
  return {
    username: user.username,
    enabled: true,
    ...(user.email ? { email: user.email, emailVerified: true } : {}),
    ...(user.firstName ? { firstName: user.firstName } : {}),
    ...(user.lastName ? { lastName: user.lastName } : {}),
    credentials: [{ type: 'password', value: user.password, temporary: false }],
  };
}

export const defaultUsers: readonly ScenarioUser[] = [
  { username: 'alice', password: 'alice-Passw0rd', email: `alice@${defaultDomain}`, firstName: 'Alice', lastName: 'Archer' },
];

/** What Atlassian is told about the IdP: the realm's own values. */
export function realmIdpValues(keycloakBaseUrl: string, realm: string) {
  return {
    entityId: `${keycloakBaseUrl}/realms/${realm}`,
    ssoUrl: `${keycloakBaseUrl}/realms/${realm}/protocol/saml`,
  };
}

export function idpInitiatedUrl(keycloakBaseUrl: string, realm: string): string {
  return `${keycloakBaseUrl}/realms/${realm}/protocol/saml/clients/${idpInitiatedUrlName}`;
}

export interface DirectoryValues {
  /** As Keycloak reaches it. */
  connectionUrl: string;
  usersDn: string;
  bindDn: string;
  bindCredential: string;
}

/**
 * The LDAP user federation an admin sets up for OpenLDAP (vendor "Other"), read-only: Keycloak
 * authenticates against the directory and imports the user; it writes nothing back.
 */
export function recommendedLdapProviderConfig(directory: DirectoryValues): Record<string, string[]> {
  return {
    enabled: ['true'],
    vendor: ['other'],
    connectionUrl: [directory.connectionUrl],
    usersDn: [directory.usersDn],
    bindDn: [directory.bindDn],
    bindCredential: [directory.bindCredential],
    authType: ['simple'],
    editMode: ['READ_ONLY'],
    usernameLDAPAttribute: ['uid'],
    rdnLDAPAttribute: ['uid'],
    uuidLDAPAttribute: ['entryUUID'],
    userObjectClasses: ['inetOrgPerson, organizationalPerson'],
    searchScope: ['1'],
    importEnabled: ['true'],
    syncRegistrations: ['false'],
    trustEmail: ['true'],
    pagination: ['false'],
    connectionPooling: ['false'],
  };
}
