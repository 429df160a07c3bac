/** JUnit XML for CI: one suite per Keycloak version, one test case per scenario. */
import junitReportBuilder, { type Builder } from 'junit-report-builder';
import type { RunReport } from '../scenario/run-report.ts';

// A CommonJS module whose `exports.default` is the builder: Node hands that over as the default import,
// where TypeScript's NodeNext typing expects one more `.default`.
const junit = junitReportBuilder as unknown as Builder;

export function junitXml(report: RunReport): string {
  const builder = junit.newBuilder();
  for (const run of report.versions) {
    const suite = builder.testSuite().name(`Keycloak ${run.version}`);
    if (run.error) {
      suite.testCase().className(`keycloak-${run.version}`).name('Keycloak starts').error(`${run.error.code}: ${run.error.message}`, run.error.code, run.error.fix);
      continue;
    }
    for (const result of run.results) {
      const testCase = suite
        .testCase()
        .className(`keycloak-${run.version}`)
        .name(`${result.id}: ${result.title}`)
        .time((result.ms.setup + result.ms.login) / 1000);
      if (!result.passed) testCase.failure(result.differences.join('\n'), 'OUTCOME_DIFFERS');
      testCase.standardOutput(
        [
          `outcome: ${result.outcome.result} at ${result.outcome.where} (${result.outcome.code})`,
          result.outcome.message,
          result.outcome.fix ? `fix: ${result.outcome.fix}` : '',
          ...(result.trace.keycloakEvents ?? []).map((line) => `keycloak log: ${line}`),
          result.directory ? `directory: ${result.directory} runtime` : '',
        ]
          .filter(Boolean)
          .join('\n'),
      );
    }
  }
  return builder.build();
}
