/**
 * The Atlassian organization a scenario logs in to: the recommended one with the scenario's differences,
 * and the three IdP values as its admin typed or pasted them.
 */
import type { OrganizationInput } from '../../sp-mock/index.ts';
import { recommendedOrganization, type IdpValues } from '../recommended/atlassian.ts';
import type { ScenarioUser } from '../recommended/users.ts';
import { fill, type Placeholders } from './placeholders.ts';
import type { Scenario } from './schema.ts';

export function organizationInput(scenario: Scenario, users: readonly ScenarioUser[]): OrganizationInput {
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

/** The IdP values Atlassian holds: the realm's own, unless the scenario says what the admin typed instead. */
export function pastedIdp(scenario: Scenario, certificate: string, placeholders: Placeholders): IdpValues {
  const pasted = scenario.atlassian.idp ?? {};
  return {
    entityId: fill(pasted.entityId ?? '{entityId}', placeholders),
    ssoUrl: fill(pasted.ssoUrl ?? '{ssoUrl}', placeholders),
    certificate: pasted.certificate === 'mangled' ? mangle(certificate) : certificate,
  };
}

/** The PEM as pasted with stray control characters, as in ACCESS-1498. */
function mangle(pem: string): string {
  const lines = pem.split('\n');
  lines[2] = `${lines[2]!.slice(0, 20)}\u0002\u001b${lines[2]!.slice(20)}`;
  return lines.join('\n');
}
