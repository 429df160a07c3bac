/**
 * A Markdown summary of one or more `report.json` files (written by `saml-harness run --report DIR`), for
 * a GitHub Actions job summary: one row per scenario, one column per Keycloak version.
 *   npx tsx harness/ci/github-summary.ts reports/report.json >> "$GITHUB_STEP_SUMMARY"
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { ScenarioResult } from '../scenario/run-scenario.ts';
import { countResults, scenarioMatrix, type RunReport, type VersionRun } from '../scenario/run-report.ts';
import { compareVersions } from '../keycloak/versions.ts';

export function githubSummary(reports: readonly RunReport[]): string {
  const runs = reports.flatMap((report) => report.versions).sort((a, b) => compareVersions(a.version, b.version));
  if (runs.length === 0) return '## SAML harness\n\nNo Keycloak version ran.\n';
  const counts = countResults({ startedAt: '', finishedAt: '', versions: runs });
  const lines = [
    '## SAML harness: Keycloak × scenario',
    '',
    `${counts.passed} of ${counts.total} scenario runs as expected` +
      (counts.versionsFailedToStart ? `; ${counts.versionsFailedToStart} version(s) did not start` : '') +
      '.',
    '',
    `| scenario | ${runs.map((run) => `${run.version} (${run.runtime})`).join(' | ')} |`,
    `|---|${runs.map(() => '---').join('|')}|`,
  ];
  for (const { id, results } of scenarioMatrix(runs, 'sorted')) {
    lines.push(`| ${cell(id)} | ${runs.map((run, index) => resultCell(run, results[index])).join(' | ')} |`);
  }
  const stops = runs.filter((run) => run.error);
  if (stops.length > 0) {
    lines.push('', ...stops.map((run) => `- **Keycloak ${run.version} did not start**: ${cell(`${run.error!.code}: ${run.error!.message}`)} Fix: ${cell(run.error!.fix)}`));
  }
  const failures = runs.flatMap((run) => run.results.filter((result) => !result.passed));
  if (failures.length > 0) {
    lines.push('', '### Differences', '');
    for (const result of failures) lines.push(`- ${result.version} \`${result.id}\`: ${cell(result.differences.join(' '))}`);
  }
  return `${lines.join('\n')}\n`;
}

function resultCell(run: VersionRun, result: ScenarioResult | undefined): string {
  if (run.error) return '⚠ not started';
  if (!result) return '–';
  const outcome = result.outcome.result === 'success' ? 'success' : result.outcome.code;
  return `${result.passed ? '✓' : '✗'} ${cell(outcome)}`;
}

/** Text that cannot break the table: no pipes, no line breaks. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const files = process.argv.slice(2);
  if (files.length === 0) {
    process.stderr.write('usage: github-summary.ts <report.json>...\n');
    process.exitCode = 2;
  } else {
    const reports = await Promise.all(files.map(async (file) => JSON.parse(await readFile(file, 'utf8')) as RunReport));
    process.stdout.write(githubSummary(reports));
  }
}
