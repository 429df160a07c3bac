/**
 * Keycloak's own event lines for a login it stopped, read from this run's Keycloak (its log file, or its
 * container's output), go into the trace; where the page looks like a wrong password, they tell a
 * locked-out user apart.
 */
import { expect, inject, test } from 'vitest';
import { SpMockClient } from '../../../sp-mock/index.ts';
import { connectAdminClient } from '../../../harness/keycloak/admin-client.ts';
import { parseEventLine } from '../../../harness/keycloak/event-log.ts';
import { parseScenario } from '../../../harness/scenario/load.ts';
import { runScenario } from '../../../harness/scenario/run-scenario.ts';
import { stackKeycloak, type Stack } from '../../../harness/scenario/stack.ts';
import { providedKeycloakLog } from '../../support/keycloak-log.ts';

const keycloak = inject('keycloak');
const log = providedKeycloakLog(keycloak);
const admin = await connectAdminClient(keycloak.baseUrl, keycloak.admin);
const stack = (withLog: boolean): Stack => ({
  keycloak: stackKeycloak(keycloak.baseUrl, keycloak.version, admin, { log: withLog ? log : undefined }),
  sp: new SpMockClient(inject('spMockUrl')),
});
const scenario = (yaml: string) => parseScenario(yaml, '<inline>').scenario;

const lockedOut = scenario(`id: locked-out
title: a locked-out user is refused with the right password
keycloak:
  realm: { bruteForceProtected: true, failureFactor: 2 }
login: { failedAttemptsBefore: 2 }
expect: { outcome: failure, where: keycloak, code: KEYCLOAK_USER_TEMPORARILY_LOCKED }
`);

test.runIf(log)("a login Keycloak stopped carries Keycloak's event lines of its realm, and only those", async () => {
  const disabled = scenario(`id: disabled
title: a disabled user is refused at the form
keycloak:
  users: [{ username: alice, enabled: false }]
expect: { outcome: failure, where: keycloak, code: KEYCLOAK_USER_DISABLED }
`);
  const [first, second] = await Promise.all([runScenario(disabled, stack(true)), runScenario(disabled, stack(true))]);
  for (const result of [first!, second!]) {
    expect(result.differences).toEqual([]);
    const events = (result.trace.keycloakEvents ?? []).map((line) => parseEventLine(line));
    expect(events.map((event) => event?.error)).toEqual(['user_disabled']);
  }
  expect(first!.trace.keycloakEvents).not.toEqual(second!.trace.keycloakEvents);
});

test.runIf(log)('the event line tells a locked-out user from a wrong password, which the page does not', async () => {
  const result = await runScenario(lockedOut, stack(true));
  expect(result.differences).toEqual([]);
  expect(result.trace.keycloakEvents?.at(-1)).toMatch(/error="?user_temporarily_disabled/);
  expect(result.outcome.seen).toBe('Invalid username or password.');
});

test('without the log, the same lockout reads as the wrong password the page shows', async () => {
  const result = await runScenario(lockedOut, stack(false));
  expect(result.outcome.code).toBe('KEYCLOAK_INVALID_CREDENTIALS');
  expect(result.trace.keycloakEvents).toBeUndefined();
});
