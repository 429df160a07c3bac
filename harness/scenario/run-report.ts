/** What a run produced, per Keycloak version: the data every report format is made from. */
import type { ScenarioResult } from './run-scenario.ts';

export interface VersionRun {
  version: string;
  runtime: string;
  keycloakBaseUrl?: string;
  /** From start to the first 200 on /realms/master. */
  keycloakReadyMs?: number;
  results: ScenarioResult[];
  /** Why this version could not run at all (Keycloak did not start). */
  error?: { code: string; message: string; fix: string };
}

export interface RunReport {
  startedAt: string;
  finishedAt: string;
  versions: VersionRun[];
}

export function allPassed(report: RunReport): boolean {
  return report.versions.every((run) => !run.error && run.results.every((result) => result.passed));
}

export function countResults(report: RunReport): { total: number; passed: number; failed: number; versionsFailedToStart: number } {
  const results = report.versions.flatMap((run) => run.results);
  const passed = results.filter((result) => result.passed).length;
  return {
    total: results.length,
    passed,
    failed: results.length - passed,
    versionsFailedToStart: report.versions.filter((run) => run.error).length,
  };
}

/** One scenario across the versions of a run: its result on each (undefined where it did not run). */
export interface MatrixRow {
  id: string;
  /** In the order of the runs given. */
  results: Array<ScenarioResult | undefined>;
  /** The versions that started did not all end it the same way (or not all ran it). */
  differs: boolean;
  /** Why, when the scenario expects the difference. */
  because?: string;
}

/** The scenario × version table every report draws: scenarios in the order they first ran, or sorted. */
export function scenarioMatrix(runs: readonly VersionRun[], order: 'as-run' | 'sorted' = 'as-run'): MatrixRow[] {
  const ids = [...new Set(runs.flatMap((run) => run.results.map((result) => result.id)))];
  if (order === 'sorted') ids.sort();
  return ids.map((id) => {
    const results = runs.map((run) => run.results.find((result) => result.id === id));
    const started = results.filter((_, index) => !runs[index]!.error);
    const differs = new Set(started.map((result) => result?.outcome.code)).size > 1;
    const because = results.find((result) => result?.expectedBecause)?.expectedBecause;
    return { id, results, differs, ...(because ? { because } : {}) };
  });
}
