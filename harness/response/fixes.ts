/**
 * The fix for every SP rule a captured response can fail, in the words of the admin console of one
 * Keycloak version: the login driver's fixes first, then the Keycloak-side rules only a captured response
 * meets (it did not come through the harness's own login), then sp-mock's own text for the rules whose
 * fix is on the Atlassian side or outside Keycloak.
 */
import { spRuleCodes, spRules, type FixOverrides, type SpRuleCode } from '../../sp-mock/index.ts';
import { consoleWords, type ConsoleWords } from '../keycloak/console-words.ts';
import { fixFor } from '../login/fixes.ts';
import { dedicatedMappersPath, encryptAssertionsPath } from './console-paths.ts';

type FixText = (words: ConsoleWords, client: string) => string;

const acsFix: FixText = (w, c) =>
  `Put Atlassian's "Service provider assertion consumer service URL" into ${w.path('validRedirectUris', c)}, ${w.path('masterSamlProcessingUrl', c)} and ${w.path('acsPostBindingUrl', c)}.`;

const capturedOnly: Partial<Record<SpRuleCode, FixText>> = {
  SP_CONNECTION_UNKNOWN: acsFix,
  SP_DESTINATION_MISMATCH: acsFix,
  SP_RECIPIENT_MISMATCH: acsFix,
  SP_IN_RESPONSE_TO_UNKNOWN: (w, c) =>
    `Start the login again from Atlassian and pass its AuthnRequest ID with --request-id; for IdP-initiated login use ${w.path('idpInitiatedSsoUrlName', c)}, which sends no InResponseTo.`,
  SP_ASSERTION_MISSING: (w, c) => `Turn off ${encryptAssertionsPath(w, c)}: Atlassian gives the IdP no encryption certificate.`,
  SP_REQUEST_TOO_LARGE: (w, c) => `Remove mappers that send large attributes (such as one "Role" per realm role) under ${dedicatedMappersPath(w, c)}.`,
  SP_ACCOUNT_LINK_CONFLICT: (w, c) =>
    `Send a stable, unique ID (User Property "id") as http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name under ${dedicatedMappersPath(w, c)}, and keep each email on one user.`,
};

/** `client` names the SAML client in console paths; a response names it as its Audience. */
export function responseFix(code: SpRuleCode, version: string, client = '<client>'): string {
  const own = capturedOnly[code];
  return fixFor(code, version, { client }) ?? own?.(consoleWords(version), client) ?? spRules[code].fix;
}

/** Every rule's fix, as sp-mock's judge takes overrides. */
export function responseFixes(version: string, client?: string): FixOverrides {
  return Object.fromEntries(spRuleCodes.map((code) => [code, responseFix(code, version, client)]));
}
