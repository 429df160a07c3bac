/**
 * The fix for every SP rule a captured response can fail, in the words of the admin console of one
 * Keycloak version: the harness's fix where it is a Keycloak setting, else sp-mock's own text (the fix is
 * on the Atlassian side or outside Keycloak).
 */
import { spRuleCodes, spRules, type FixOverrides, type SpRuleCode } from '../../sp-mock/index.ts';
import { fixFor } from '../login/fixes.ts';

/** `client` names the SAML client in console paths; a response names it as its Audience. */
export function responseFix(code: SpRuleCode, version: string, client = '<client>'): string {
  return fixFor(code, version, { client }) ?? spRules[code].fix;
}

/** Every rule's fix, as sp-mock's judge takes overrides. */
export function responseFixes(version: string, client?: string): FixOverrides {
  return Object.fromEntries(spRuleCodes.map((code) => [code, responseFix(code, version, client)]));
}
