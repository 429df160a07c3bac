import { describe, expect, test } from 'vitest';
import type { LoginOutcome } from '../../../harness/login/outcome.ts';
import { compare, expectationFor } from '../../../harness/scenario/run-scenario.ts';
import { parseScenario } from '../../../harness/scenario/load.ts';

const step = { index: 5, name: "read the SP's verdict" };
const success = (nameId: string): LoginOutcome => ({
  result: 'success',
  where: 'sp',
  code: 'SUCCESS',
  message: 'ok',
  step,
  attempt: { nameId, attributes: {} } as unknown as LoginOutcome['attempt'],
});

describe('comparing an outcome with the expected one', () => {
  test('a success with the expected NameID matches', () => {
    expect(compare({ outcome: 'success', nameId: '{email}' }, success('alice@acme.example'), { email: 'alice@acme.example' })).toEqual([]);
  });

  test('a success with another NameID differs, and says how', () => {
    expect(compare({ outcome: 'success', nameId: '{email}' }, success('alice'), { email: 'alice@acme.example' })).toEqual([
      'expected NameID alice@acme.example, got alice',
    ]);
  });

  test('a failure at another place than expected differs', () => {
    const outcome: LoginOutcome = { result: 'failure', where: 'keycloak', code: 'KEYCLOAK_INVALID_REQUEST', message: 'no client', step };
    expect(compare({ outcome: 'failure', where: 'sp', code: 'SP_AUDIENCE_INVALID' }, outcome, { email: '' })).toEqual([
      'expected sp to stop the login with SP_AUDIENCE_INVALID, but keycloak stopped it with KEYCLOAK_INVALID_REQUEST: no client',
    ]);
  });

  test('an expected failure that succeeded differs', () => {
    expect(compare({ outcome: 'failure', where: 'sp', code: 'SP_AUDIENCE_INVALID' }, success('a'), { email: '' })).toHaveLength(1);
  });
});

describe('version-specific expectations', () => {
  const { scenario } = parseScenario(
    `id: versioned
title: a versioned case ends differently before 24
expect: { outcome: failure, where: keycloak, code: KEYCLOAK_UPDATE_PROFILE }
expectByVersion:
  - versions: "<24"
    why: before 24 the user profile is not enforced
    expect: { outcome: success }
`,
    '<inline>',
  );

  test.each([
    ['21.0.2', 'success'],
    ['23.0.7', 'success'],
    ['24.0.5', 'failure'],
    ['26.7.3', 'failure'],
  ])('Keycloak %s expects %s', (version, outcome) => {
    expect(expectationFor(scenario, version).expected.outcome).toBe(outcome);
  });
});
