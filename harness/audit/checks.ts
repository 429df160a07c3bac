/**
 * Judges what was read from a live Keycloak against the recommended configuration: every setting that
 * breaks logging in to Atlassian, and advice, each with the current value, the recommended one and the
 * fix in the words of that Keycloak version's admin console. Pure.
 */
import { consoleWords, consoleWordsVersion, type ConsoleWords } from '../keycloak/console-words.ts';
import { keycloakFix, type FixContext } from '../fixes/fixes.ts';
import { ATLASSIAN_ATTRIBUTES as claims, atlassianAcsUrl, atlassianSpEntityId, connectionIdOfSpEntityId, DEFAULT_REQUESTED_NAMEID_FORMAT } from '../../sp-mock/index.ts';
import { idpInitiatedUrl, idpInitiatedUrlName, realmIdpValues, recommendedClient, type SpValues } from '../recommended/keycloak.ts';
import { auditFindings, type AuditCode, type Severity } from './findings.ts';
import type { KeycloakSnapshot, MapperSeen } from './read-keycloak.ts';

/** The values Atlassian shows, when the admin gives them; without them the client ID's shape is used. */
export interface AtlassianValues {
  readonly spEntityId?: string;
  readonly acsUrl?: string;
}

export interface AuditFinding {
  readonly code: AuditCode;
  readonly severity: Severity;
  readonly message: string;
  readonly current: string;
  readonly recommended: string;
  readonly fix: string;
}

export interface AuditReport {
  readonly keycloak: {
    readonly baseUrl: string;
    readonly version: string;
    /** The version whose console words the fixes use. */
    readonly wordsVersion: string;
    readonly realm: string;
    readonly clientId: string;
  };
  readonly findings: readonly AuditFinding[];
  /** What to type into Atlassian, from the realm's descriptor and keys. */
  readonly atlassian: {
    readonly entityId?: string;
    readonly ssoUrl?: string;
    readonly certificate?: string;
    readonly certificateThumbprint?: string;
    readonly certificateValidTo?: string;
    readonly keyId?: string;
  };
  readonly breaks: number;
  readonly advisories: number;
}

const PLACEHOLDER_SP: SpValues = { spEntityId: atlassianSpEntityId('<id>'), acsUrl: atlassianAcsUrl('<id>') };
const RSA_PKCS1 = ['RSA_SHA1', 'RSA_SHA256', 'RSA_SHA512'];

/** The SP values to audit against: the ones given, else derived from a client ID of Atlassian's shape. */
export function spValuesFor(clientId: string, given: AtlassianValues): { values: SpValues; known: { spEntityId: boolean; acsUrl: boolean } } {
  const id = connectionIdOfSpEntityId(given.spEntityId ?? clientId);
  const spEntityId = given.spEntityId ?? (id === undefined ? undefined : clientId);
  const acsUrl = given.acsUrl ?? (id === undefined ? undefined : atlassianAcsUrl(id));
  return {
    values: { spEntityId: spEntityId ?? PLACEHOLDER_SP.spEntityId, acsUrl: acsUrl ?? PLACEHOLDER_SP.acsUrl },
    known: { spEntityId: spEntityId !== undefined, acsUrl: acsUrl !== undefined },
  };
}

/** Whether Keycloak lets a request's ACS URL through: an exact redirect URI, or one ending in `*` that prefixes it. */
export function redirectUriAllows(redirectUris: readonly string[], rootUrl: string | undefined, acsUrl: string): boolean {
  return redirectUris.some((uri) => {
    const absolute = uri.startsWith('/') && rootUrl ? `${rootUrl.replace(/\/$/, '')}${uri}` : uri;
    return absolute.endsWith('*') ? acsUrl.startsWith(absolute.slice(0, -1)) : absolute === acsUrl;
  });
}

const onOff = (value: string | undefined, keycloakDefault: boolean) =>
  value === undefined ? `${keycloakDefault ? 'On' : 'Off'} (not set: Keycloak's default)` : value === 'true' ? 'On' : 'Off';

const shown = (value: string | undefined, keycloakDefault?: string) =>
  value === undefined || value === '' ? (keycloakDefault === undefined ? '(not set)' : `${keycloakDefault} (not set: Keycloak's default)`) : value;

class Findings {
  readonly list: AuditFinding[] = [];
  constructor(
    private readonly version: string,
    private readonly client: string,
  ) {}

  /** A finding, its fix from the fixes table with what it names besides the client. */
  add(code: AuditCode, values: { current: string; recommended: string }, fixNames: Omit<FixContext, 'client'> = {}): void {
    const kind = auditFindings[code];
    const fix = keycloakFix(code, this.version, { client: this.client, ...fixNames });
    if (fix === undefined) throw new TypeError(`no fix for ${code}`);
    this.list.push({ code, severity: kind.severity, message: kind.message, ...values, fix });
  }
}

interface Context {
  readonly snapshot: KeycloakSnapshot;
  readonly words: ConsoleWords;
  readonly client: string;
  readonly sp: ReturnType<typeof spValuesFor>;
  readonly attributes: Readonly<Record<string, string>>;
  readonly recommended: Readonly<Record<string, string>>;
  readonly now: Date;
}


function checkClientIdentity(found: Findings, { snapshot, words, client, sp }: Context): void {
  const clientId = snapshot.client.clientId ?? '';
  if (sp.known.spEntityId && clientId !== sp.values.spEntityId) {
    found.add('AUDIT_CLIENT_ID_NOT_SP_ENTITY_ID', {
      current: clientId,
      recommended: sp.values.spEntityId,
    }, { value: sp.values.spEntityId });
  } else if (!sp.known.spEntityId) {
    found.add('AUDIT_CLIENT_ID_NOT_ATLASSIAN_SHAPE', {
      current: clientId,
      recommended: `Atlassian's "Service provider entity URL", ${PLACEHOLDER_SP.spEntityId}`,
    });
  }
  if (snapshot.client.enabled === false) {
    found.add('AUDIT_CLIENT_DISABLED', { current: 'Disabled', recommended: 'Enabled' });
  }
}

function checkRequests(found: Findings, { snapshot, words, client, sp, attributes, recommended }: Context): void {
  if (attributes['saml.client.signature'] !== 'false') {
    found.add('AUDIT_CLIENT_SIGNATURE_REQUIRED', {
      current: onOff(attributes['saml.client.signature'], true),
      recommended: onOff(recommended['saml.client.signature'], false),
    });
  }
  const redirectUris = snapshot.client.redirectUris ?? [];
  const allowed = sp.known.acsUrl ? redirectUriAllows(redirectUris, snapshot.client.rootUrl, sp.values.acsUrl) : redirectUris.length > 0;
  if (!allowed) {
    found.add('AUDIT_ACS_NOT_ALLOWED', {
      current: redirectUris.length > 0 ? redirectUris.join(', ') : '(none)',
      recommended: sp.values.acsUrl,
    }, sp.known.acsUrl ? { acsUrl: sp.values.acsUrl } : {});
  }
}

function checkIdpInitiated(found: Findings, { snapshot, words, client, sp, attributes }: Context): void {
  const urlName = attributes.saml_idp_initiated_sso_url_name;
  if (!urlName) {
    found.add('AUDIT_IDP_INITIATED_URL_NAME_MISSING', {
      current: '(not set)',
      recommended: idpInitiatedUrlName,
    }, { value: idpInitiatedUrlName, url: idpInitiatedUrl(snapshot.baseUrl, snapshot.realm.name) });
    return;
  }
  const postUrl = attributes.saml_assertion_consumer_url_post || undefined;
  const target = postUrl ?? (snapshot.client.adminUrl || undefined);
  if (target === undefined) {
    found.add('AUDIT_IDP_INITIATED_NO_ACS', {
      current: '(not set)',
      recommended: sp.values.acsUrl,
    }, { acsUrl: sp.values.acsUrl });
  } else if (sp.known.acsUrl && target !== sp.values.acsUrl) {
    const setting = postUrl === undefined ? 'masterSamlProcessingUrl' : 'acsPostBindingUrl';
    found.add('AUDIT_ACS_POST_URL_WRONG', {
      current: `${target} (${words.label(setting)})`,
      recommended: sp.values.acsUrl,
    }, { acsUrl: sp.values.acsUrl });
  }
}

function checkSigning(found: Findings, { words, client, attributes, recommended }: Context): void {
  const documents = attributes['saml.server.signature'] !== 'false';
  const assertions = attributes['saml.assertion.signature'] === 'true';
  const current = `${words.label('signDocuments')} ${onOff(attributes['saml.server.signature'], true)}, ${words.label('signAssertions')} ${onOff(attributes['saml.assertion.signature'], false)}`;
  const both = `${words.label('signDocuments')} On, ${words.label('signAssertions')} On`;
  if (!documents && !assertions) {
    found.add('AUDIT_NOTHING_SIGNED', { current, recommended: both });
  } else if (!documents || !assertions) {
    found.add('AUDIT_SIGNING_PARTIAL', { current, recommended: both }, { setting: documents ? 'signAssertions' : 'signDocuments' });
  }
  const algorithm = attributes['saml.signature.algorithm'] ?? 'RSA_SHA256';
  if (!RSA_PKCS1.includes(algorithm)) {
    found.add('AUDIT_SIGNATURE_ALGORITHM_UNSUPPORTED', {
      current: algorithm,
      recommended: recommended['saml.signature.algorithm']!,
    }, { value: recommended['saml.signature.algorithm']! });
  } else if (algorithm === 'RSA_SHA1') {
    found.add('AUDIT_SIGNATURE_ALGORITHM_WEAK', {
      current: algorithm,
      recommended: recommended['saml.signature.algorithm']!,
    }, { value: recommended['saml.signature.algorithm']! });
  }
  const keyName = attributes['saml.server.signature.keyinfo.xmlSigKeyInfoKeyNameTransformer'];
  const recommendedKeyName = recommended['saml.server.signature.keyinfo.xmlSigKeyInfoKeyNameTransformer']!;
  if ((keyName ?? 'KEY_ID') !== recommendedKeyName) {
    found.add('AUDIT_SIGNATURE_KEY_NAME', {
      current: shown(keyName, 'KEY_ID'),
      recommended: recommendedKeyName,
    }, { value: recommendedKeyName });
  }
  if (attributes['saml.encrypt'] === 'true') {
    found.add('AUDIT_ENCRYPTION_ON', { current: 'On', recommended: 'Off' });
  }
}

/** Keycloak's Name ID format names and the URIs of an AuthnRequest's NameIDPolicy. */
const nameIdFormatUris: Readonly<Record<string, string>> = {
  username: 'urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified',
  email: 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress',
  transient: 'urn:oasis:names:tc:SAML:2.0:nameid-format:transient',
  persistent: 'urn:oasis:names:tc:SAML:2.0:nameid-format:persistent',
};

/**
 * What Keycloak puts in the NameID of a response to Atlassian, as SamlProtocol decides it: the format
 * Atlassian asks for (unspecified) unless the client forces its own; a "User Attribute Mapper For
 * NameID" of that format sends its attribute, else the email format sends the email and the others the
 * username (or an ID).
 */
export function nameIdSent(attributes: Readonly<Record<string, string>>, mappers: readonly MapperSeen[]): { format: string; value: string; mapper?: string } {
  const format = attributes.saml_force_name_id_format === 'true' ? nameIdFormatUris[attributes.saml_name_id_format ?? 'username'] : DEFAULT_REQUESTED_NAMEID_FORMAT;
  const mapper = mappers.find((m) => m.protocolMapper === 'saml-user-attribute-nameid-mapper' && m.config['mapper.nameid.format'] === format);
  if (mapper) return { format: format!, value: mapper.config['user.attribute'] ?? '', mapper: mapper.name };
  return { format: format!, value: format === nameIdFormatUris.email ? 'email' : 'username' };
}

function checkNameId(found: Findings, { snapshot, attributes, recommended }: Context): void {
  // A mapper may send the email whatever the format: then the NameID is right however it is reached.
  if (nameIdSent(attributes, snapshot.mappers).value === 'email') return;
  const format = attributes.saml_name_id_format;
  if (format !== 'email') {
    found.add('AUDIT_NAMEID_NOT_EMAIL', {
      current: shown(format, 'username'),
      recommended: recommended.saml_name_id_format!,
    });
  }
  if (attributes.saml_force_name_id_format !== 'true') {
    found.add('AUDIT_NAMEID_NOT_FORCED', {
      current: onOff(attributes.saml_force_name_id_format, false),
      recommended: onOff(recommended.saml_force_name_id_format, true),
    });
  }
}

function checkMappers(found: Findings, { snapshot, words, client }: Context): void {
  const sent = new Set(snapshot.mappers.map((mapper) => mapper.config['attribute.name']));
  const missingNames = [claims.givenName, claims.surname].filter((claim) => !sent.has(claim));
  if (missingNames.length > 0) {
    found.add('AUDIT_JIT_NAME_MAPPERS_MISSING', {
      current: `no mapper for ${missingNames.join(', ')}`,
      recommended: `User Property firstName → ${claims.givenName}; lastName → ${claims.surname}`,
    });
  }
  if (!sent.has(claims.name)) {
    found.add('AUDIT_NAME_CLAIM_MISSING', {
      current: `no mapper for ${claims.name}`,
      recommended: `User Property id → ${claims.name}`,
    }, { value: claims.name });
  }
}

function checkRealm(found: Findings, { snapshot, words, now }: Context): AuditReport['atlassian'] {
  if (!snapshot.realm.enabled) {
    found.add('AUDIT_REALM_DISABLED', { current: 'Disabled', recommended: 'Enabled' });
  }
  const kid = snapshot.keys.active?.RS256;
  const rs256 = (snapshot.keys.keys ?? []).filter((key) => key.algorithm === 'RS256' && key.status !== 'DISABLED');
  const { signing } = snapshot;
  if (signing === undefined) {
    found.add('AUDIT_NO_ACTIVE_SIGNING_KEY', {
      current: kid === undefined ? 'no active RS256 key' : `active RS256 key ${kid} has no readable certificate`,
      recommended: 'an active RS256 key (provider rsa-generated) with a certificate',
    });
  }
  if (rs256.length > 1) {
    found.add('AUDIT_SEVERAL_SIGNING_KEYS', {
      current: rs256.map((key) => `${key.kid} (${key.status ?? '?'}, priority ${key.providerPriority ?? '?'})`).join('; '),
      recommended: `Atlassian holds the certificate of the active key ${kid ?? ''}`.trim(),
    });
  }
  if (signing !== undefined && signing.validTo.getTime() < now.getTime()) {
    found.add('AUDIT_CERTIFICATE_EXPIRED', {
      current: `valid until ${signing.validTo.toISOString()}`,
      recommended: 'a certificate still valid',
    });
  }
  const expected = realmIdpValues(snapshot.baseUrl, snapshot.realm.name);
  const { descriptor } = snapshot;
  if (!descriptor.ok) {
    found.add('AUDIT_DESCRIPTOR_UNAVAILABLE', {
      current: `${descriptor.url}: ${descriptor.problem}`,
      recommended: `${descriptor.url} answers with the realm's IdP metadata`,
    }, { url: descriptor.url });
  }
  const entityId = descriptor.ok ? descriptor.entityId : undefined;
  const ssoUrl = descriptor.ok ? (descriptor.ssoUrls['HTTP-Redirect'] ?? descriptor.ssoUrls['HTTP-POST']) : undefined;
  if (entityId !== undefined && /\/auth\/realms\//.test(entityId)) {
    found.add('AUDIT_AUTH_PATH', { current: entityId, recommended: `${entityId} (with /auth) in Atlassian` });
  }
  if (entityId !== undefined && entityId !== expected.entityId) {
    found.add('AUDIT_ENTITY_ID_NOT_AUDITED_URL', { current: entityId, recommended: `${entityId} in Atlassian (audited at ${expected.entityId})` });
  }
  const plain = [entityId, ssoUrl].filter((url): url is string => url?.startsWith('http:') ?? false);
  if (plain.length > 0) {
    found.add('AUDIT_NOT_HTTPS', {
      current: [...new Set(plain)].join(', '),
      recommended: 'https://…',
    });
  }
  return {
    ...(entityId === undefined ? {} : { entityId }),
    ...(ssoUrl === undefined ? {} : { ssoUrl }),
    ...(signing === undefined
      ? {}
      : { certificate: signing.pem, certificateThumbprint: signing.thumbprint, certificateValidTo: signing.validTo.toISOString(), keyId: signing.kid }),
  };
}

export function auditSnapshot(snapshot: KeycloakSnapshot, given: AtlassianValues = {}, now = new Date()): AuditReport {
  const version = consoleWordsVersion(snapshot.version);
  const clientId = snapshot.client.clientId ?? '';
  const sp = spValuesFor(clientId, given);
  const context: Context = {
    snapshot,
    words: consoleWords(version),
    client: clientId,
    sp,
    attributes: (snapshot.client.attributes ?? {}) as Record<string, string>,
    recommended: recommendedClient(sp.values).attributes as Record<string, string>,
    now,
  };
  const found = new Findings(version, clientId);
  const atlassian = checkRealm(found, context);
  if (snapshot.client.protocol !== 'saml') {
    found.add('AUDIT_CLIENT_NOT_SAML', {
      current: snapshot.client.protocol ?? '(none)',
      recommended: 'saml',
    }, { value: sp.values.spEntityId });
  } else {
    checkClientIdentity(found, context);
    checkRequests(found, context);
    checkIdpInitiated(found, context);
    checkSigning(found, context);
    checkNameId(found, context);
    checkMappers(found, context);
  }
  const findings = [...found.list].sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'breaks' ? -1 : 1));
  return {
    keycloak: { baseUrl: snapshot.baseUrl, version: snapshot.version, wordsVersion: version, realm: snapshot.realm.name, clientId },
    findings,
    atlassian,
    breaks: findings.filter((finding) => finding.severity === 'breaks').length,
    advisories: findings.filter((finding) => finding.severity === 'advisory').length,
  };
}
