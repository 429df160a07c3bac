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
