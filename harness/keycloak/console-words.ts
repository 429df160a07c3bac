/**
 * What the Keycloak admin console calls each SAML client setting, and where it sits, per version — so that
 * every fix the harness prints is in the words the admin sees. The labels are the console's own English
 * messages (keys of the admin-ui messages bundle); an integration test reads them from the distribution of
 * the version under test and compares.
 */
import { compareVersions, defaultKeycloakVersion, oldestSupportedMajor } from './versions.ts';

/** Keys of the admin console's message bundle, and their English text from that version on. */
const labelsByVersion: ReadonlyArray<{ since: string; labels: Readonly<Record<string, string>> }> = [
  {
    since: '21.0.0',
    labels: {
      clients: 'Clients',
      createClient: 'Create client',
      clientType: 'Client type',
      realmSettings: 'Realm settings',
      users: 'Users',
      userFederation: 'User federation',
      details: 'Details',
      credentials: 'Credentials',
      settings: 'Settings',
      keys: 'Keys',
      keysList: 'Keys list',
      advanced: 'Advanced',
      mappers: 'Mappers',
      clientScopes: 'Client scopes',
      dedicatedScopes: 'Dedicated scopes',
      generalSettings: 'General Settings',
      accessSettings: 'Access settings',
      samlCapabilityConfig: 'SAML capabilities',
      signatureAndEncryption: 'Signature and Encryption',
      signingKeysConfig: 'Signing keys config',
      encryptionKeysConfig: 'Encryption keys config',
      encryptAssertions: 'Encrypt assertions',
      on: 'On',
      off: 'Off',
      fineGrainSamlEndpointConfig: 'Fine Grain SAML Endpoint Configuration',
      clientId: 'Client ID',
      validRedirectUri: 'Valid redirect URIs',
      homeURL: 'Home URL',
      masterSamlProcessingUrl: 'Master SAML Processing URL',
      idpInitiatedSsoUrlName: 'IDP-Initiated SSO URL name',
      idpInitiatedSsoRelayState: 'IDP Initiated SSO Relay State',
      nameIdFormat: 'Name ID format',
      forceNameIdFormat: 'Force name ID format',
      forcePostBinding: 'Force POST binding',
      includeAuthnStatement: 'Include AuthnStatement',
      signDocuments: 'Sign documents',
      signAssertions: 'Sign assertions',
      signatureAlgorithm: 'Signature algorithm',
      samlSignatureKeyName: 'SAML signature key name',
      canonicalization: 'Canonicalization method',
      clientSignature: 'Client signature required',
      assertionConsumerServicePostBindingURL: 'Assertion Consumer Service POST Binding URL',
      assertionLifespan: 'Assertion Lifespan',
      email: 'Email',
      firstName: 'First name',
      lastName: 'Last name',
      userProfile: 'User profile',
      general: 'General',
      endpoints: 'Endpoints',
      samlIdentityProviderMetadata: 'SAML 2.0 Identity Provider Metadata',
      certificate: 'Certificate',
      connectionAndAuthenticationSettings: 'Connection and authentication settings',
      connectionURL: 'Connection URL',
      bindDn: 'Bind DN',
      bindCredentials: 'Bind credentials',
      testConnection: 'Test connection',
      testAuthentication: 'Test authentication',
      enabled: 'Enabled',
      emailVerified: 'Email verified',
      requiredUserActions: 'Required user actions',
      temporaryLocked: 'Temporarily locked',
      login: 'Login',
      verifyEmail: 'Verify email',
      securityDefences: 'Security defenses',
      bruteForceDetection: 'Brute force detection',
      authentication: 'Authentication',
      flows: 'Flows',
      requiredActions: 'Required actions',
      otpPolicy: 'OTP Policy',
    },
  },
  // Keycloak 24 moved the admin console to a properties bundle and lower-cased one section title.
  { since: '24.0.0', labels: { generalSettings: 'General settings' } },
];

/** The message keys the harness uses, for the test that compares them with a distribution. */
export const usedMessageKeys: readonly string[] = Object.keys(labelsByVersion[0]!.labels);

export function consoleLabels(version: string): Readonly<Record<string, string>> {
  return Object.assign({}, ...labelsByVersion.filter((entry) => compareVersions(version, entry.since) >= 0).map((entry) => entry.labels));
}

export type ClientSetting =
  | 'clientId'
  | 'validRedirectUris'
  | 'homeUrl'
  | 'masterSamlProcessingUrl'
  | 'idpInitiatedSsoUrlName'
  | 'idpInitiatedSsoRelayState'
  | 'nameIdFormat'
  | 'forceNameIdFormat'
  | 'forcePostBinding'
  | 'includeAuthnStatement'
  | 'signDocuments'
  | 'signAssertions'
  | 'signatureAlgorithm'
  | 'signatureKeyName'
  | 'canonicalization'
  | 'clientSignatureRequired'
  | 'encryptAssertions'
  | 'acsPostBindingUrl'
  | 'assertionLifespan';

interface Place {
  tab: string;
  section: string;
  label: string;
  /** Where the setting lives in the client representation. */
  field: { attribute: string } | { property: 'clientId' | 'redirectUris' | 'baseUrl' | 'adminUrl' };
}

/** Message keys: tab, section, label. Keycloak 21–26 keep every SAML client setting in the same place. */
const places: Readonly<Record<ClientSetting, Place>> = {
  clientId: { tab: 'settings', section: 'generalSettings', label: 'clientId', field: { property: 'clientId' } },
  validRedirectUris: { tab: 'settings', section: 'accessSettings', label: 'validRedirectUri', field: { property: 'redirectUris' } },
  homeUrl: { tab: 'settings', section: 'accessSettings', label: 'homeURL', field: { property: 'baseUrl' } },
  masterSamlProcessingUrl: { tab: 'settings', section: 'accessSettings', label: 'masterSamlProcessingUrl', field: { property: 'adminUrl' } },
  idpInitiatedSsoUrlName: { tab: 'settings', section: 'accessSettings', label: 'idpInitiatedSsoUrlName', field: { attribute: 'saml_idp_initiated_sso_url_name' } },
  idpInitiatedSsoRelayState: { tab: 'settings', section: 'accessSettings', label: 'idpInitiatedSsoRelayState', field: { attribute: 'saml_idp_initiated_sso_relay_state' } },
  nameIdFormat: { tab: 'settings', section: 'samlCapabilityConfig', label: 'nameIdFormat', field: { attribute: 'saml_name_id_format' } },
  forceNameIdFormat: { tab: 'settings', section: 'samlCapabilityConfig', label: 'forceNameIdFormat', field: { attribute: 'saml_force_name_id_format' } },
  forcePostBinding: { tab: 'settings', section: 'samlCapabilityConfig', label: 'forcePostBinding', field: { attribute: 'saml.force.post.binding' } },
  includeAuthnStatement: { tab: 'settings', section: 'samlCapabilityConfig', label: 'includeAuthnStatement', field: { attribute: 'saml.authnstatement' } },
  signDocuments: { tab: 'settings', section: 'signatureAndEncryption', label: 'signDocuments', field: { attribute: 'saml.server.signature' } },
  signAssertions: { tab: 'settings', section: 'signatureAndEncryption', label: 'signAssertions', field: { attribute: 'saml.assertion.signature' } },
  signatureAlgorithm: { tab: 'settings', section: 'signatureAndEncryption', label: 'signatureAlgorithm', field: { attribute: 'saml.signature.algorithm' } },
  signatureKeyName: {
    tab: 'settings',
    section: 'signatureAndEncryption',
    label: 'samlSignatureKeyName',
    field: { attribute: 'saml.server.signature.keyinfo.xmlSigKeyInfoKeyNameTransformer' },
  },
  canonicalization: { tab: 'settings', section: 'signatureAndEncryption', label: 'canonicalization', field: { attribute: 'saml_signature_canonicalization_method' } },
  clientSignatureRequired: { tab: 'keys', section: 'signingKeysConfig', label: 'clientSignature', field: { attribute: 'saml.client.signature' } },
  encryptAssertions: { tab: 'keys', section: 'encryptionKeysConfig', label: 'encryptAssertions', field: { attribute: 'saml.encrypt' } },
  acsPostBindingUrl: {
    tab: 'advanced',
    section: 'fineGrainSamlEndpointConfig',
    label: 'assertionConsumerServicePostBindingURL',
    field: { attribute: 'saml_assertion_consumer_url_post' },
  },
  assertionLifespan: { tab: 'advanced', section: 'advanced', label: 'assertionLifespan', field: { attribute: 'saml.assertion.lifespan' } },
};

const canonicalizationNames: Readonly<Record<string, string>> = {
  'http://www.w3.org/2001/10/xml-exc-c14n#': 'EXCLUSIVE',
  'http://www.w3.org/2001/10/xml-exc-c14n#WithComments': 'EXCLUSIVE_WITH_COMMENTS',
  'http://www.w3.org/TR/2001/REC-xml-c14n-20010315': 'INCLUSIVE',
  'http://www.w3.org/TR/2001/REC-xml-c14n-20010315#WithComments': 'INCLUSIVE_WITH_COMMENTS',
};

export interface ConsoleWords {
  version: string;
  /** A client attribute's value as the console shows it: switches On/Off, the c14n URI as EXCLUSIVE. */
  value(value: string | undefined): string;
  /** "Clients → <client> → Keys → Signing keys config → Client signature required" */
  path(setting: ClientSetting, client?: string): string;
  label(setting: ClientSetting): string;
  /** "Clients → <client> → Client scopes → <client>-dedicated → Mappers": where a client's own mappers are. */
  mappersPath(client?: string): string;
  /** A message of the console by key (e.g. 'userFederation'). */
  text(key: string): string;
}

export function consoleWords(version: string): ConsoleWords {
  const labels = consoleLabels(version);
  const text = (key: string) => labels[key] ?? key;
  return {
    version,
    text,
    value: (value) => {
      if (value === undefined || value === '') return '(not set)';
      if (value === 'true') return text('on');
      if (value === 'false') return text('off');
      return canonicalizationNames[value] ?? value;
    },
    label: (setting) => text(places[setting].label),
    mappersPath: (client = '<client>') => [text('clients'), client, text('clientScopes'), `${client}-dedicated`, text('mappers')].join(' → '),
    path(setting, client = '<client>') {
      const place = places[setting];
      return [text('clients'), client, text(place.tab), text(place.section), text(place.label)].join(' → ');
    },
  };
}

/** The setting behind a client attribute or property, for describing changes in console words. */
export function settingForField(field: string): ClientSetting | undefined {
  return (Object.keys(places) as ClientSetting[]).find((setting) => {
    const where = places[setting].field;
    return 'attribute' in where ? where.attribute === field : where.property === field;
  });
}

/**
 * The version whose console words to use for a server's version string: its MAJOR.MINOR.PATCH (a vendor
 * build such as 24.0.5.redhat-00001 counts as 24.0.5), the oldest supported for older servers, and the
 * default for a string that names no version.
 */
export function consoleWordsVersion(version: string): string {
  const plain = /^(\d+\.\d+\.\d+)/.exec(version.trim())?.[1];
  if (plain === undefined) return defaultKeycloakVersion;
  const oldest = `${oldestSupportedMajor}.0.0`;
  return compareVersions(plain, oldest) < 0 ? oldest : plain;
}
