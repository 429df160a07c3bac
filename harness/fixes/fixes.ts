/**
 * Every fix the harness prints, for every command: how a login can end (run, reproduce, check-response)
 * and what an audit finds, in the words of the admin console of one Keycloak version. A code without an
 * entry here keeps the fix sp-mock gives: those are fixed on the Atlassian side, whose words do not
 * change with Keycloak's version.
 */
import { spRuleCodes, spRules, type FixOverrides, type SpRuleCode } from '../../sp-mock/index.ts';
import type { AuditCode } from '../audit/findings.ts';
import { consoleWords, type ClientSetting, type ConsoleWords } from '../keycloak/console-words.ts';
import type { OutcomeCode } from '../login/outcome.ts';

/** What a fix names besides the console: the client, and the values it says to set. */
export interface FixContext {
  /** The SAML client's ID, to name it in console paths. */
  readonly client?: string;
  /** The ACS URL, when it is known. */
  readonly acsUrl?: string;
  /** The value to set, for fixes that set one. */
  readonly value?: string;
  /** The setting to turn on, for fixes about one of several. */
  readonly setting?: ClientSetting;
  /** A URL the fix names (where users start, the descriptor that did not answer). */
  readonly url?: string;
}

type FixText = (words: ConsoleWords, client: string, context: FixContext) => string;

export type FixCode = OutcomeCode | AuditCode;

const signingFix: FixText = (w, c) =>
  `Turn on "${w.label('signDocuments')}" and "${w.label('signAssertions')}" (${w.path('signDocuments', c).split(' → ').slice(0, -1).join(' → ')}).`;

const acsFix: FixText = (w, c) =>
  `Put Atlassian's "Service provider assertion consumer service URL" into ${w.path('validRedirectUris', c)}, ${w.path('masterSamlProcessingUrl', c)} and ${w.path('acsPostBindingUrl', c)}.`;

const loginFixes: Partial<Record<OutcomeCode, FixText>> = {
  KEYCLOAK_INVALID_REQUESTER: (w, c) => `Turn off "${w.label('clientSignatureRequired')}" (${w.path('clientSignatureRequired', c)}): Atlassian does not sign its requests.`,
  KEYCLOAK_INVALID_REDIRECT_URI: (w, c) =>
    `Add Atlassian's "Service provider assertion consumer service URL" to ${w.path('validRedirectUris', c)}, and set it as ${w.path('acsPostBindingUrl', c)}.`,
  KEYCLOAK_INVALID_REQUEST: (w) =>
    `Set ${w.path('clientId', '<the SAML client>')} to Atlassian's "Service provider entity URL", exactly (https://auth.atlassian.com/saml/…).`,
  SP_AUDIENCE_INVALID: (w) =>
    `Set ${w.path('clientId', '<the SAML client>')} to Atlassian's "Service provider entity URL", exactly: Keycloak puts the client ID in the Audience.`,
  KEYCLOAK_CLIENT_NOT_FOUND: (w, c) => `Set ${w.path('idpInitiatedSsoUrlName', c)} to the name at the end of the IdP-initiated URL.`,
  KEYCLOAK_UNSUPPORTED_NAMEID_FORMAT: (w, c) => `Set ${w.path('nameIdFormat', c)} to "email" and turn on "${w.label('forceNameIdFormat')}".`,
  SP_NAMEID_NOT_EMAIL: (w, c) =>
    `Set ${w.path('nameIdFormat', c)} to "email" and turn on "${w.label('forceNameIdFormat')}": Atlassian asks for the unspecified format, which Keycloak otherwise answers with the username.`,
  KEYCLOAK_PAGE_NOT_FOUND: (w) =>
    `Copy the SSO URL from ${w.text('realmSettings')} → ${w.text('general')} → ${w.text('endpoints')} → "${w.text('samlIdentityProviderMetadata')}" (the SingleSignOnService Location) into Atlassian's "Identity provider SSO URL".`,
  SP_ISSUER_MISMATCH: (w) =>
    `Copy the entityID from ${w.text('realmSettings')} → ${w.text('general')} → ${w.text('endpoints')} → "${w.text('samlIdentityProviderMetadata')}" into Atlassian's "Identity provider Entity ID" (no /auth on Keycloak 17+ unless the server runs with --http-relative-path=/auth).`,
  SP_SIGNATURE_INVALID: (w) =>
    `Paste the active certificate from ${w.text('realmSettings')} → ${w.text('keys')} → ${w.text('keysList')} (RS256, "${w.text('certificate')}") into Atlassian's "Public x509 certificate".`,
  SP_CERTIFICATE_INVALID: (w) =>
    `Paste the certificate again, cleanly, from ${w.text('realmSettings')} → ${w.text('keys')} → ${w.text('keysList')} (RS256, "${w.text('certificate')}"): the one Atlassian holds has characters a certificate cannot have.`,
  SP_SIGNATURE_MISSING: signingFix,
  SP_JIT_NAMES_MISSING: (w, c) => `Add mappers for the givenname and surname claims: ${w.mappersPath(c)} (User Property firstName and lastName).`,
  SP_CONNECTION_UNKNOWN: acsFix,
  SP_DESTINATION_MISMATCH: acsFix,
  SP_RECIPIENT_MISMATCH: acsFix,
  SP_IN_RESPONSE_TO_UNKNOWN: (w, c) =>
    `Start the login again from Atlassian (a captured response: pass its AuthnRequest ID with --request-id); for IdP-initiated login use ${w.path('idpInitiatedSsoUrlName', c)}, which sends no InResponseTo.`,
  SP_ASSERTION_MISSING: (w, c) => `Turn off ${w.path('encryptAssertions', c)}: Atlassian gives the IdP no encryption certificate.`,
  SP_REQUEST_TOO_LARGE: (w, c) => `Remove mappers that send large attributes (such as one "Role" per realm role) under ${w.mappersPath(c)}.`,
  SP_ACCOUNT_LINK_CONFLICT: (w, c) =>
    `Send a stable, unique ID (User Property "id") as http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name under ${w.mappersPath(c)}, and keep each email on one user.`,
  SP_ASSERTION_EXPIRED: (w, c) => `Synchronise Keycloak's clock (NTP); Atlassian allows 3 minutes of skew. A very short ${w.path('assertionLifespan', c)} has the same effect.`,
  SP_ASSERTION_NOT_YET_VALID: () => "Synchronise Keycloak's clock (NTP); Atlassian allows 3 minutes of skew.",
  KEYCLOAK_UPDATE_PROFILE: (w) =>
    `Fill ${w.text('email')}, ${w.text('firstName')} and ${w.text('lastName')} in ${w.text('users')} → <user> → ${w.text('details')} (for LDAP users: the ${w.text('userFederation')} mappers that should fill them), or relax them in ${w.text('realmSettings')} → ${w.text('userProfile')}.`,
  KEYCLOAK_INVALID_NAMEID_POLICY: (w) =>
    `Give the user an ${w.text('email')} (${w.text('users')} → <user> → ${w.text('details')}); for LDAP users, fill the mail attribute the ${w.text('userFederation')} "email" mapper reads.`,
  KEYCLOAK_REQUESTER_NOT_ENABLED: (w, c) => `Enable the client: ${w.text('clients')} → ${c} → the "Enabled" switch.`,
  KEYCLOAK_RESTART_COOKIE_NOT_FOUND: () =>
    'Serve Keycloak over HTTPS (Keycloak 24+ marks its login cookies Secure; SameSite=None), and let the browser keep cookies for the Keycloak host.',
  KEYCLOAK_UNEXPECTED_ERROR: (w) =>
    `Check the directory behind ${w.text('userFederation')} → <provider> ("Test connection", "Test authentication") and the server log.`,
  KEYCLOAK_LDAP_UNREACHABLE: (w) =>
    `Bring the directory back, or correct ${w.text('userFederation')} → <provider> → ${w.text('connectionAndAuthenticationSettings')} → ${w.text('connectionURL')}; "${w.text('testConnection')}" there must succeed.`,
  KEYCLOAK_LDAP_BIND_FAILED: (w) =>
    `Correct ${w.text('userFederation')} → <provider> → ${w.text('connectionAndAuthenticationSettings')} → ${w.text('bindDn')} and ${w.text('bindCredentials')}; "${w.text('testAuthentication')}" there must succeed.`,
  KEYCLOAK_INVALID_CREDENTIALS: (w) =>
    `Check the user's password (${w.text('users')} → <user> → ${w.text('credentials')}), or for LDAP users the directory's password and the ${w.text('userFederation')} bind settings.`,
  KEYCLOAK_USER_DISABLED: (w) => `Turn on ${w.text('users')} → <user> → ${w.text('details')} → "${w.text('enabled')}" (for LDAP users: the directory's own account lock, synchronised by ${w.text('userFederation')}).`,
  KEYCLOAK_USER_TEMPORARILY_LOCKED: (w) =>
    `Wait for the lock to end, or unlock the user: ${w.text('users')} → <user> → ${w.text('details')} ("${w.text('temporaryLocked')}" off); the rules are in ${w.text('realmSettings')} → ${w.text('securityDefences')} → ${w.text('bruteForceDetection')}.`,
  KEYCLOAK_REALM_DISABLED: (w) => `Enable the realm: ${w.text('realmSettings')} → ${w.text('general')} → "${w.text('enabled')}".`,
  KEYCLOAK_FAILED_TO_PROCESS_RESPONSE: (w, c) =>
    `Turn off ${w.path('encryptAssertions', c)}: Atlassian gives the IdP no encryption certificate. If it is off, the server log's event line says what failed.`,
  KEYCLOAK_LOGIN_EXPIRED: () => 'Start the login again from Atlassian, in one tab, without going Back; the browser must keep Keycloak\'s cookies.',
  KEYCLOAK_INVALID_OTP: (w) => `Check the authenticator's clock and the user's one-time code; ${w.text('authentication')} → ${w.text('otpPolicy')} sets the period and algorithm the authenticator must use.`,
  KEYCLOAK_OTP_REQUIRED: (w) =>
    `Give the one-time code of the user's authenticator (${w.text('users')} → <user> → ${w.text('credentials')}), or take the OTP step out of ${w.text('authentication')} → ${w.text('flows')} → the browser flow.`,
  KEYCLOAK_UPDATE_PASSWORD: (w) =>
    `Let the user set a password once outside the Atlassian login (the account console), or remove "Update Password" from ${w.text('users')} → <user> → ${w.text('details')} → ${w.text('requiredUserActions')}; a temporary password sets it again.`,
  KEYCLOAK_VERIFY_EMAIL: (w) =>
    `Turn on ${w.text('users')} → <user> → ${w.text('details')} → "${w.text('emailVerified')}" for users whose email you trust (or import them so), or turn off ${w.text('realmSettings')} → ${w.text('login')} → "${w.text('verifyEmail')}".`,
  KEYCLOAK_EMAIL_SEND_FAILED: (w) =>
    `Fill ${w.text('realmSettings')} → ${w.text('email')} (the SMTP server, "From") and test it there; for users whose email you trust, turn on ${w.text('users')} → <user> → ${w.text('details')} → "${w.text('emailVerified')}" so that no email is needed.`,
  KEYCLOAK_CONFIGURE_OTP: (w) =>
    `Let the user set up the authenticator once outside the Atlassian login (the account console), or remove "Configure OTP" from ${w.text('users')} → <user> → ${w.text('details')} → ${w.text('requiredUserActions')}.`,
  KEYCLOAK_TERMS_AND_CONDITIONS: (w) =>
    `Have the user accept the terms once outside the Atlassian login, or remove "Terms and Conditions" from ${w.text('users')} → <user> → ${w.text('details')} → ${w.text('requiredUserActions')} (${w.text('authentication')} → ${w.text('requiredActions')} turns it off for everyone).`,
};

const set = (w: ConsoleWords, setting: ClientSetting, client: string, value: string) => `Set ${w.path(setting, client)} to ${value}.`;
const endpoints = (w: ConsoleWords) =>
  `${w.text('realmSettings')} → ${w.text('general')} → ${w.text('endpoints')} → "${w.text('samlIdentityProviderMetadata')}"`;
const copyFromDescriptor: FixText = (w) => `Type into Atlassian the entity ID and SSO URL the descriptor publishes (${endpoints(w)}), as shown below.`;
const given = (context: FixContext, name: keyof FixContext): string => {
  const value = context[name];
  if (value === undefined) throw new TypeError(`this fix needs ${name}`);
  return value;
};

/** What an audit finds, where its fix is not the one for the login failure it causes. */
const auditFixes: Partial<Record<AuditCode, FixText>> = {
  AUDIT_REALM_DISABLED: (w) => `Enable the realm: ${w.text('realmSettings')} → ${w.text('general')} → "Enabled".`,
  AUDIT_CLIENT_NOT_SAML: (w, _c, x) => `In ${w.text('clients')}, create a SAML client whose ${w.label('clientId')} is ${given(x, 'value')}.`,
  AUDIT_CLIENT_DISABLED: loginFixes.KEYCLOAK_REQUESTER_NOT_ENABLED!,
  AUDIT_CLIENT_ID_NOT_SP_ENTITY_ID: (w, c, x) => set(w, 'clientId', c, given(x, 'value')),
  AUDIT_CLIENT_ID_NOT_ATLASSIAN_SHAPE: (w, c) =>
    `${set(w, 'clientId', c, 'Atlassian\'s "Service provider entity URL", exactly')} Pass it with --atlassian-sp-entity-id to audit against it.`,
  AUDIT_CLIENT_SIGNATURE_REQUIRED: loginFixes.KEYCLOAK_INVALID_REQUESTER!,
  AUDIT_ACS_NOT_ALLOWED: (w, c, x) =>
    x.acsUrl === undefined ? loginFixes.KEYCLOAK_INVALID_REDIRECT_URI!(w, c, x) : `Add ${x.acsUrl} to ${w.path('validRedirectUris', c)}.`,
  AUDIT_IDP_INITIATED_URL_NAME_MISSING: (w, c, x) =>
    `${set(w, 'idpInitiatedSsoUrlName', c, `"${given(x, 'value')}"`)} Users then start at ${given(x, 'url')}.`,
  AUDIT_IDP_INITIATED_NO_ACS: (w, c, x) => set(w, 'acsPostBindingUrl', c, given(x, 'acsUrl')),
  AUDIT_ACS_POST_URL_WRONG: (w, c, x) => set(w, 'acsPostBindingUrl', c, given(x, 'acsUrl')),
  AUDIT_NOTHING_SIGNED: loginFixes.SP_SIGNATURE_MISSING!,
  AUDIT_SIGNING_PARTIAL: (w, c, x) => `Turn on ${w.path(x.setting ?? 'signAssertions', c)}.`,
  AUDIT_SIGNATURE_ALGORITHM_UNSUPPORTED: (w, c, x) => set(w, 'signatureAlgorithm', c, given(x, 'value')),
  AUDIT_SIGNATURE_ALGORITHM_WEAK: (w, c, x) => set(w, 'signatureAlgorithm', c, given(x, 'value')),
  AUDIT_SIGNATURE_KEY_NAME: (w, c, x) => set(w, 'signatureKeyName', c, given(x, 'value')),
  AUDIT_ENCRYPTION_ON: (w, c) => `Turn off ${w.path('encryptAssertions', c)}.`,
  AUDIT_NAMEID_NOT_EMAIL: loginFixes.SP_NAMEID_NOT_EMAIL!,
  AUDIT_NAMEID_NOT_FORCED: (w, c) => `Turn on ${w.path('forceNameIdFormat', c)}.`,
  AUDIT_JIT_NAME_MAPPERS_MISSING: loginFixes.SP_JIT_NAMES_MISSING!,
  AUDIT_NAME_CLAIM_MISSING: (w, c, x) =>
    `Add a "User Property" mapper (property id, SAML attribute name ${given(x, 'value')}, name format URI Reference) under ${w.mappersPath(c)}.`,
  AUDIT_NO_ACTIVE_SIGNING_KEY: (w) =>
    `Add or enable an RSA key provider ("rsa-generated", algorithm RS256) in ${w.text('realmSettings')} → ${w.text('keys')}, then paste its certificate into Atlassian.`,
  AUDIT_SEVERAL_SIGNING_KEYS: loginFixes.SP_SIGNATURE_INVALID!,
  AUDIT_CERTIFICATE_EXPIRED: (w) =>
    `Add a new RSA key provider ("rsa-generated", higher priority) in ${w.text('realmSettings')} → ${w.text('keys')}, then paste its certificate from ${w.text('realmSettings')} → ${w.text('keys')} → ${w.text('keysList')} into Atlassian's "Public x509 certificate".`,
  AUDIT_DESCRIPTOR_UNAVAILABLE: (w, _c, x) => `Check that the realm is enabled and that ${given(x, 'url')} is reachable; ${endpoints(w)} links it.`,
  AUDIT_AUTH_PATH: copyFromDescriptor,
  AUDIT_ENTITY_ID_NOT_AUDITED_URL: copyFromDescriptor,
  AUDIT_NOT_HTTPS: () =>
    'Serve Keycloak over HTTPS (its --https-* options, or a reverse proxy with --proxy-headers and --hostname set), then copy the new values into Atlassian.',
};

const fixes: Partial<Record<FixCode, FixText>> = { ...loginFixes, ...auditFixes };

/** The fix in the words of `version`'s admin console; undefined when the fix is not a Keycloak setting (or no version is known). */
export function keycloakFix(code: FixCode, version: string | undefined, context: FixContext = {}): string | undefined {
  const fix = fixes[code];
  if (!fix || !version) return undefined;
  return fix(consoleWords(version), context.client ?? '<client>', context);
}

/** The fix for an SP rule: the harness's where it is a Keycloak setting, else sp-mock's own text. */
export function fixForSpRule(code: SpRuleCode, version: string, client = '<client>'): string {
  return keycloakFix(code, version, { client }) ?? spRules[code].fix;
}

/** Every rule's fix, as sp-mock's judge takes overrides. */
export function spRuleFixesFor(version: string, client?: string): FixOverrides {
  return Object.fromEntries(spRuleCodes.map((code) => [code, fixForSpRule(code, version, client)]));
}
