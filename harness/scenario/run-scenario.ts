/** One scenario, end to end: apply it, run the login, compare the outcome with the expected one. */
import type { LdapRuntimeName } from '../ldap/started-ldap.ts';
import type { HarLog } from '../login/har.ts';
import type { LoginOutcome, LoginTrace } from '../login/outcome.ts';
import { runLogin } from '../login/run-login.ts';
import { realmErrorEvents } from '../keycloak/event-log.ts';
import { versionInRange } from '../keycloak/versions.ts';
import { applyScenario } from './apply.ts';
import type { Stack } from './stack.ts';
import type { Expectation, Scenario } from './schema.ts';

export interface ScenarioResult {
  id: string;
  title: string;
  version: string;
  expected: Expectation;
  /** Why this version expects something else than the scenario's default, when it does. */
  expectedBecause?: string;
  outcome: LoginOutcome;
  passed: boolean;
  /** What differs from the expectation, one sentence each. */
  differences: string[];
  trace: LoginTrace;
  /** The login as HAR 1.2 (reports write it beside report.json, not into it). */
  har?: HarLog;
  /** What the user saw at the end, a base64 JPEG, when a real browser ran the login. */
  screenshot?: string;
  realm: string;
  orgId: string;
  ms: { setup: number; login: number; cleanup: number };
  /** Which runtime served the scenario's directory, when it has one. */
  directory?: LdapRuntimeName;
  /** Why the harness could not set the scenario up (the outcome is then HARNESS_SETUP_FAILED). */
  setupError?: { code: string; message: string; fix?: string };
}

export interface RunScenarioOptions {
  /** Keep the realm and organization for inspection. */
  keep?: boolean;
  log?: (line: string) => void;
}

export function expectationFor(scenario: Scenario, version: string): { expected: Expectation; because?: string } {
  const specific = scenario.expectByVersion?.find((entry) => versionInRange(version, entry.versions));
  return specific ? { expected: specific.expect, because: specific.why } : { expected: scenario.expect };
}

export async function runScenario(scenario: Scenario, stack: Stack, options: RunScenarioOptions = {}): Promise<ScenarioResult> {
  const { expected, because } = expectationFor(scenario, stack.keycloak.version);
  const setupStarted = Date.now();
  const applied = await applyScenario(scenario, stack);
  const setup = Date.now() - setupStarted;
  try {
    const run = await runLogin(applied.steps, {
      version: stack.keycloak.version,
      ...(applied.client.clientId ? { client: applied.client.clientId } : {}),
      ...(options.log ? { log: options.log } : {}),
      ...(stack.newDriver ? { newDriver: stack.newDriver } : {}),
      ...(applied.ldapProvider ? { directory: { admin: stack.keycloak.admin, realm: applied.realm, provider: applied.ldapProvider } } : {}),
      ...(stack.keycloak.log ? { events: () => realmErrorEvents(stack.keycloak.log!, stack.keycloak.admin, applied.realm) } : {}),
    });
    const differences = compare(expected, run.outcome, { email: applied.email });
    return {
      id: scenario.id,
      title: scenario.title,
      version: stack.keycloak.version,
      expected,
      ...(because ? { expectedBecause: because } : {}),
      outcome: run.outcome,
      passed: differences.length === 0,
      differences,
      trace: run.trace,
      har: run.har,
      ...(run.screenshot ? { screenshot: run.screenshot } : {}),
      realm: applied.realm,
      orgId: applied.org.id,
      ms: { setup, login: run.ms, cleanup: 0 },
      ...(applied.ldap ? { directory: applied.ldap.runtime } : {}),
    };
  } finally {
    if (!options.keep) await applied.cleanup();
  }
}

export function compare(expected: Expectation, outcome: LoginOutcome, context: { email: string }): string[] {
  const differences: string[] = [];
  if (expected.outcome === 'success') {
    if (outcome.result !== 'success') {
      differences.push(`expected the login to succeed, but ${outcome.where} stopped it with ${outcome.code}: ${outcome.message}`);
      return differences;
    }
    const attempt = outcome.attempt;
    const nameId = expected.nameId?.replace('{email}', context.email);
    if (nameId !== undefined && attempt?.nameId !== nameId) differences.push(`expected NameID ${nameId}, got ${attempt?.nameId}`);
    if (expected.relayState !== undefined && attempt?.relayState !== expected.relayState) {
      differences.push(`expected to land on RelayState ${expected.relayState}, got ${attempt?.relayState ?? 'none'}`);
    }
    if (expected.accountCreatedByJit !== undefined && (attempt?.account?.createdByJit ?? false) !== expected.accountCreatedByJit) {
      differences.push(`expected the account ${expected.accountCreatedByJit ? '' : 'not '}to be created by JIT`);
    }
    return differences;
  }
  if (outcome.result === 'success') {
    differences.push(`expected ${expected.where} to stop the login with ${expected.code}, but it succeeded`);
  } else if (outcome.where !== expected.where || outcome.code !== expected.code) {
    differences.push(`expected ${expected.where} to stop the login with ${expected.code}, but ${outcome.where} stopped it with ${outcome.code}: ${outcome.message}`);
  }
  return differences;
}
