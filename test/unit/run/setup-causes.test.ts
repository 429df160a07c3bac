/** When scenarios cannot be set up, the run says each cause once, with its fix and the scenarios it hit. */
import { Writable } from 'node:stream';
import { describe, expect, test } from 'vitest';
import { LiveTable } from '../../../harness/commands/live-table.ts';
import { setupCauses } from '../../../harness/commands/run.ts';
import type { RunReport } from '../../../harness/scenario/run-report.ts';
import type { ScenarioResult } from '../../../harness/scenario/run-scenario.ts';
import type { Scenario } from '../../../harness/scenario/schema.ts';

const unavailable = { code: 'LDAP_UNAVAILABLE', message: 'No LDAP directory can run here', fix: 'Install a JDK 17+.' };

function result(id: string, setupError?: ScenarioResult['setupError']): ScenarioResult {
  return {
    id,
    title: id,
    version: '26.7.3',
    expected: { outcome: 'success' },
    outcome: setupError
      ? { result: 'failure', where: 'harness', code: 'HARNESS_SETUP_FAILED', message: `The harness could not set the scenario up: ${setupError.message}`, step: { index: 0, name: 'apply the scenario' } }
      : { result: 'success', where: 'sp', code: 'SUCCESS', message: 'Logged in', step: { index: 5, name: 'read the verdict' } },
    passed: !setupError,
    differences: setupError ? [`the scenario could not be set up (${setupError.code})`] : [],
    ...(setupError ? { setupError } : {}),
    trace: { steps: [], hops: [], messages: [] },
    realm: '',
    orgId: '',
    ms: { setup: 0, login: 0, cleanup: 0 },
  };
}

const report: RunReport = {
  startedAt: '',
  finishedAt: '',
  versions: [
    {
      version: '26.7.3',
      runtime: 'distribution',
      results: [result('ldap-down', unavailable), result('happy-path'), result('ldap-happy-path', unavailable), result('ldap-bind-wrong', { code: 'TypeError', message: 'fetch failed' })],
    },
  ],
};

describe('setup failures', () => {
  test('are grouped by cause: one message and fix, and every scenario it hit', () => {
    expect(setupCauses(report)).toEqual([
      { ...unavailable, runs: ['ldap-down', 'ldap-happy-path'] },
      { code: 'TypeError', message: 'fetch failed', runs: ['ldap-bind-wrong'] },
    ]);
  });

  test('in the live list, a scenario that could not be set up takes one line naming the cause, not its whole message', () => {
    let written = '';
    const sink = Object.assign(new Writable({ write: (chunk, _encoding, done) => ((written += String(chunk)), done()) }), { isTTY: false });
    const table = new LiveTable([{ id: 'ldap-down' } as Scenario], ['26.7.3'], sink as unknown as NodeJS.WriteStream);
    table.scenarioDone('26.7.3', result('ldap-down', unavailable));
    expect(written).toBe('✗ 26.7.3 ldap-down → HARNESS_SETUP_FAILED (0.0 s): the scenario could not be set up (LDAP_UNAVAILABLE)\n');
  });
});
