/**
 * The fix for each way a login can end, in the words of the admin console of the Keycloak version that
 * ran it. Codes without an entry here keep the fix the SP (or the answer table) gave; those are fixed on
 * the Atlassian side, whose words do not change with Keycloak's version.
 */
import { consoleWords, type ConsoleWords } from '../keycloak/console-words.ts';
import type { OutcomeCode } from './outcome.ts';

export interface FixContext {
  /** The SAML client's ID, to name it in console paths. */
  client?: string;
}

type FixText = (words: ConsoleWords, client: string) => string;

const signingFix: FixText = (w, c) =>
  `Turn on "${w.label('signDocuments')}" and "${w.label('signAssertions')}" (${w.path('signDocuments', c).split(' → ').slice(0, -1).join(' → ')}).`;

const acsFix: FixText = (w, c) =>
  `Put Atlassian's "Service provider assertion consumer service URL" into ${w.path('validRedirectUris', c)}, ${w.path('masterSamlProcessingUrl', c)} and ${w.path('acsPostBindingUrl', c)}.`;

const fixes: Partial<Record<OutcomeCode, FixText>> = {
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
};

export function fixFor(code: OutcomeCode, version: string | undefined, context: FixContext = {}): string | undefined {
  const fix = fixes[code];
  if (!fix || !version) return undefined;
  return fix(consoleWords(version), context.client ?? '<client>');
}
