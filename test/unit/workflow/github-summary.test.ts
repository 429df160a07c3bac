/** The job summary table the Keycloak matrix workflow writes from report.json files. */
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { githubSummary } from '../../../harness/ci/github-summary.ts';
import type { RunReport, VersionRun } from '../../../harness/scenario/run-report.ts';
import type { ScenarioResult } from '../../../harness/scenario/run-scenario.ts';

const repositoryRoot = fileURLToPath(new URL('../../../', import.meta.url));

function result(version: string, id: string, passed: boolean, code = 'SUCCESS'): ScenarioResult {
  return {
    id,
    title: id,
    version,
    passed,
    outcome: { result: code === 'SUCCESS' ? 'success' : 'failure', where: 'sp', code, message: '', step: { index: 0, name: '' } },
    differences: passed ? [] : [`expected success, saw ${code} | at the SP`],
  } as unknown as ScenarioResult;
}

function report(...versions: VersionRun[]): RunReport {
  return { startedAt: '2026-01-01T00:00:00Z', finishedAt: '2026-01-01T00:10:00Z', versions };
}

const newest: VersionRun = { version: '26.7.3', runtime: 'container', results: [result('26.7.3', 'happy-path', true), result('26.7.3', 'nameid-username', true, 'SP_NAMEID_NOT_EMAIL')] };
const oldest: VersionRun = { version: '21.1.2', runtime: 'container', results: [result('21.1.2', 'happy-path', false, 'KC_INVALID_REDIRECT_URI')] };
const unstarted: VersionRun = {
  version: '22.0.5',
  runtime: 'container',
  results: [],
  error: { code: 'KC_READY_TIMEOUT', message: 'Keycloak 22.0.5 not ready after 120000 ms', fix: 'Give it more time.' },
};

describe('githubSummary', () => {
  it('one row per scenario and one column per version, versions in order, from several reports', () => {
    const table = githubSummary([report(newest), report(oldest)]).split('\n').filter((line) => line.startsWith('|'));
    expect(table).toEqual([
      '| scenario | 21.1.2 (container) | 26.7.3 (container) |',
      '|---|---|---|',
      '| happy-path | ✗ KC_INVALID_REDIRECT_URI | ✓ success |',
      '| nameid-username | – | ✓ SP_NAMEID_NOT_EMAIL |',
    ]);
  });

  it('counts the runs as expected, and lists each difference without breaking the table', () => {
    const summary = githubSummary([report(oldest, newest)]);
    expect(summary).toContain('2 of 3 scenario runs as expected.');
    expect(summary).toContain('- 21.1.2 `happy-path`: expected success, saw KC_INVALID_REDIRECT_URI \\| at the SP');
  });

  it('a version that did not start is marked in every row, with its error code and fix', () => {
    const summary = githubSummary([report(newest, unstarted)]);
    expect(summary).toContain('| happy-path | ⚠ not started | ✓ success |');
    expect(summary).toContain('**Keycloak 22.0.5 did not start**: KC_READY_TIMEOUT: Keycloak 22.0.5 not ready after 120000 ms Fix: Give it more time.');
    expect(summary).toContain('1 version(s) did not start');
  });

  it('as a script it prints the summary of the report files named', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'github-summary-'));
    try {
      const file = join(folder, 'report.json');
      await writeFile(file, JSON.stringify(report(newest)));
      const run = spawnSync(process.execPath, ['--import', 'tsx', join(repositoryRoot, 'harness/ci/github-summary.ts'), file], { encoding: 'utf8', cwd: repositoryRoot });
      expect(run.status).toBe(0);
      expect(run.stdout).toBe(githubSummary([report(newest)]));
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });
});
