/** `saml-harness run`: the catalogue (or some scenarios) against real Keycloak versions, judged by sp-mock. */
import { resolve } from 'node:path';
import type { Output } from './output.ts';
import { LiveTable } from './live-table.ts';
import { HarnessError } from '../errors.ts';
import { defaultKeycloakVersion, supportedVersions } from '../keycloak/versions.ts';
import { allPassed, countResults, scenarioMatrix, type RunReport } from '../scenario/run-report.ts';
import { recordProofs } from '../recipe/proofs.ts';
import { checkCatalogue } from '../scenario/catalogue.ts';
import { loadScenarioFile } from '../scenario/load.ts';
import { runCatalogue, type RunCatalogueOptions, type RunObserver } from '../scenario/run-catalogue.ts';
import type { Scenario } from '../scenario/schema.ts';

export interface RunOptions
  extends Pick<RunCatalogueOptions, 'runtime' | 'keycloakImage' | 'ldapRuntime' | 'ldapImage' | 'distributionArchive' | 'attach' | 'concurrency' | 'keep' | 'browser'> {
  scenarioIds?: string[];
  scenarioFiles?: string[];
  /** Versions, or ['all'] for every version Maven Central serves. */
  keycloakVersions?: string[];
  report?: string;
  /** Draw the live table (the CLI does; tests do not). */
  live?: boolean;
  /** Aborted to stop the run (the CLI aborts it on Ctrl-C). */
  signal?: AbortSignal;
}

export function resolveVersions(requested: readonly string[] | undefined): string[] {
  if (!requested?.length) return [defaultKeycloakVersion];
  if (requested.includes('all')) return supportedVersions.filter((v) => v.source === 'distribution').map((v) => v.version);
  return [...new Set(requested)];
}

export function selectScenarios(ids: readonly string[] = [], files: readonly string[] = []): Scenario[] {
  const fromFiles = files.map((file) => loadScenarioFile(resolve(file)).scenario);
  if (!ids.length && fromFiles.length) return fromFiles;
  const catalogue = checkCatalogue();
  const invalid = catalogue.problems.filter((problem) => !problem.startsWith('support case'));
  if (invalid.length) throw new HarnessError('CATALOGUE_INVALID', invalid.join('\n'), 'Fix the scenario files (`saml-harness check` lists every problem).');
  const all = catalogue.scenarios.map((loaded) => loaded.scenario);
  if (!ids.length) return [...all, ...fromFiles];
  const unknown = ids.filter((id) => !all.some((scenario) => scenario.id === id));
  if (unknown.length) {
    throw new HarnessError(
      'SCENARIO_NOT_FOUND',
      `No scenario ${unknown.join(', ')} in the catalogue`,
      `Pick from: ${all.map((scenario) => scenario.id).join(', ')}; or pass your own file with --scenario-file.`,
    );
  }
  return [...all.filter((scenario) => ids.includes(scenario.id)), ...fromFiles];
}

export async function run(options: RunOptions, output: Output): Promise<RunReport> {
  const scenarios = selectScenarios(options.scenarioIds, options.scenarioFiles);
  const versions = resolveVersions(options.keycloakVersions);
  output.note(`Running ${scenarios.length} scenario(s) on Keycloak ${versions.join(', ')}`);
  const observer: RunObserver = options.live ? new LiveTable(scenarios, versions) : {};
  const report = await runCatalogue(scenarios, {
    versions,
    observer,
    progress: output.note,
    ...(options.runtime ? { runtime: options.runtime } : {}),
    ...(options.keycloakImage ? { keycloakImage: options.keycloakImage } : {}),
    ...(options.ldapRuntime ? { ldapRuntime: options.ldapRuntime } : {}),
    ...(options.ldapImage ? { ldapImage: options.ldapImage } : {}),
    ...(options.distributionArchive ? { distributionArchive: options.distributionArchive } : {}),
    ...(options.attach ? { attach: true } : {}),
    ...(options.concurrency ? { concurrency: options.concurrency } : {}),
    ...(options.keep ? { keep: true } : {}),
    ...(options.browser ? { browser: true } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  printSummary(report, output);
  for (const proof of await recordProofs(report)) {
    output.note(`Recorded: the recommended configuration works on Keycloak ${proof.version} (\`saml-harness recipe --keycloak-version ${proof.version}\`).`);
  }
  if (options.report) {
    // Loaded once there is something to write: the report builders are not needed while Keycloak starts.
    const { writeReports } = await import('../report/write-reports.ts');
    const files = await writeReports(report, options.report);
    output.print(`Reports: ${files.join(', ')}`);
  }
  return report;
}

/** Scenario × version, each cell the outcome; ≠ marks a scenario whose outcome differs between versions. */
export function matrixTable(report: RunReport): string[] {
  const runs = report.versions.filter((run) => !run.error);
  const rows = scenarioMatrix(runs);
  // The mark before each id ("≠ ") and a space after it.
  const width = Math.max(8, ...rows.map((row) => row.id.length)) + 3;
  const cellText = (r: (typeof rows)[number]['results'][number]) => (r ? `${r.passed ? '✓' : '✗'} ${r.outcome.code}` : '—');
  const cellWidth = Math.max(...runs.map((run) => `Keycloak ${run.version}`.length), ...rows.flatMap((row) => row.results.map((r) => cellText(r).length))) + 1;
  const cell = (text: string) => text.padEnd(cellWidth);
  const lines = [`${'scenario'.padEnd(width)}${runs.map((run) => cell(`Keycloak ${run.version}`)).join('')}`.trimEnd()];
  const notes: string[] = [];
  for (const { id, results, differs, because } of rows) {
    lines.push(
      `${`${differs ? '≠ ' : '  '}${id}`.padEnd(width)}${results.map((r) => cell(cellText(r))).join('')}`.trimEnd(),
    );
    if (differs) notes.push(`≠ ${id}: ${because ?? results.map((r, i) => `${runs[i]!.version} → ${r?.outcome.code ?? 'not run'}`).join(', ')}`);
  }
  return [...lines, ...notes];
}

function printSummary(report: RunReport, output: Output): void {
  if (report.versions.length > 1) for (const line of matrixTable(report)) output.print(line);
  for (const run of report.versions) {
    if (run.error) {
      output.print(`✗ Keycloak ${run.version} did not start: ${run.error.code}: ${run.error.message}\n  fix: ${run.error.fix}`);
      continue;
    }
    for (const result of run.results.filter((r) => !r.passed && !r.setupError)) {
      output.print(`✗ ${result.id} on Keycloak ${run.version}: ${result.differences.join('; ')}`);
      if (result.outcome.seen) output.print(`  seen: ${result.outcome.seen}`);
      for (const line of result.trace.keycloakEvents ?? []) output.print(`  keycloak log: ${line}`);
      if (result.outcome.fix) output.print(`  fix: ${result.outcome.fix}`);
    }
  }
  for (const cause of setupCauses(report)) {
    output.print(`✗ ${cause.runs.length} scenario run(s) could not be set up: ${cause.code}: ${cause.message}`);
    if (cause.fix) output.print(`  fix: ${cause.fix}`);
    output.print(`  hit: ${cause.runs.join(', ')}`);
  }
  const directories = new Map<string, number>();
  for (const result of report.versions.flatMap((run) => run.results)) {
    if (result.directory) directories.set(result.directory, (directories.get(result.directory) ?? 0) + 1);
  }
  if (directories.size) output.note(`Directories: ${[...directories].map(([runtime, count]) => `${runtime} for ${count}`).join(', ')} scenario run(s)`);
  const counts = countResults(report);
  output.print(
    `${allPassed(report) ? 'All outcomes as expected' : 'Some outcomes differ'}: ${counts.passed} of ${counts.total} scenario runs as expected on Keycloak ${report.versions.map((v) => v.version).join(', ')}.`,
  );
}

/** Setup failures by cause: one message and one fix for every scenario a cause hit. */
export function setupCauses(report: RunReport): Array<{ code: string; message: string; fix?: string; runs: string[] }> {
  const causes = new Map<string, { code: string; message: string; fix?: string; runs: string[] }>();
  for (const run of report.versions) {
    for (const result of run.results) {
      const error = result.setupError;
      if (!error) continue;
      const key = JSON.stringify([error.code, error.message, error.fix]);
      const cause = causes.get(key) ?? { ...error, runs: [] };
      cause.runs.push(report.versions.length > 1 ? `${result.id} (${run.version})` : result.id);
      causes.set(key, cause);
    }
  }
  return [...causes.values()];
}
