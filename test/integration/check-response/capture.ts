/**
 * Captures a real SAMLResponse: applies a catalogue scenario to the Keycloak and sp-mock of the run, logs
 * in, and keeps what a user would have captured in the browser (the posted SAMLResponse, the AuthnRequest
 * ID) with the Atlassian side as an organization file, and the live verdict of the SP.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import type { OrganizationView, SpRuleCode } from '../../../sp-mock/index.ts';
import { runLogin } from '../../../harness/login/run-login.ts';
import type { CapturedOrganizationInput } from '../../../harness/response/organization-file.ts';
import { applyScenario } from '../../../harness/scenario/apply.ts';
import type { Stack } from '../../../harness/scenario/stack.ts';
import { checkCatalogue } from '../../../harness/scenario/catalogue.ts';

export interface Capture {
  readonly scenario: string;
  readonly title: string;
  readonly keycloakVersion: string;
  readonly capturedAt: string;
  readonly flow: 'sp-initiated' | 'idp-initiated';
  /** The ID of the AuthnRequest the response answers; absent for IdP-initiated logins. */
  readonly requestId?: string;
  /** What sp-mock answered when the response was posted to it. */
  readonly liveVerdict: SpRuleCode;
}

export interface CapturedLogin {
  readonly capture: Capture;
  readonly samlResponse: string;
  readonly organization: CapturedOrganizationInput;
}

/** The organization as the admin would write it down from Atlassian's pages. */
export function organizationFileFor(org: OrganizationView): CapturedOrganizationInput {
  return {
    spEntityId: org.spEntityId,
    acsUrl: org.acsUrl,
    idp: { ...org.idp },
    domains: org.domains.map((domain) => ({ ...domain })),
    accounts: org.accounts.map(({ source: _source, scimUserId: _scimUserId, ...account }) => account),
    jit: { ...org.jit },
    defaultPolicyEnforcesSso: org.defaultPolicyEnforcesSso,
    ...(org.clockOffsetMs === 0 ? {} : { clockOffsetMs: org.clockOffsetMs }),
  };
}

const scenarios = new Map(checkCatalogue().scenarios.map(({ scenario }) => [scenario.id, scenario]));

export async function captureLogin(scenarioId: string, stack: Stack): Promise<CapturedLogin> {
  const scenario = scenarios.get(scenarioId);
  if (scenario === undefined) throw new TypeError(`no scenario ${scenarioId} in the catalogue`);
  const applied = await applyScenario(scenario, stack);
  try {
    const run = await runLogin(applied.steps, { version: stack.keycloak.version });
    const attempt = run.outcome.attempt;
    const samlResponse = attempt?.saml.responseBase64;
    if (attempt === undefined || samlResponse === undefined) {
      throw new Error(`${scenarioId}: no response reached the SP (${run.outcome.where}: ${run.outcome.code})`);
    }
    const request = run.trace.messages.find((message) => message.kind === 'AuthnRequest');
    const requestId = request && /<(?:\w+:)?AuthnRequest\b[^>]*?\sID="([^"]+)"/.exec(request.xml)?.[1];
    return {
      capture: {
        scenario: scenario.id,
        title: scenario.title,
        keycloakVersion: stack.keycloak.version,
        capturedAt: attempt.at,
        flow: attempt.flow,
        ...(requestId === undefined ? {} : { requestId }),
        liveVerdict: attempt.code,
      },
      samlResponse,
      organization: organizationFileFor(applied.org),
    };
  } finally {
    await applied.cleanup();
  }
}

/** Writes a capture as test/fixtures/responses/<accepted|rejected>/<scenario>/. */
export function writeFixture(root: string, captured: CapturedLogin): string {
  const folder = join(root, captured.capture.liveVerdict === 'SUCCESS' ? 'accepted' : 'rejected', captured.capture.scenario);
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, 'SAMLResponse.b64'), `${captured.samlResponse}\n`);
  writeFileSync(join(folder, 'org.yaml'), stringify(captured.organization, { lineWidth: 0 }));
  writeFileSync(join(folder, 'capture.json'), `${JSON.stringify(captured.capture, null, 2)}\n`);
  return folder;
}
