/** `saml-harness run`: the main job. */
import type { Command } from 'commander';
import { HarnessError } from '../../errors.ts';
import { consoleOutput } from '../../commands/output.ts';
import { browserFromEnvironment } from '../../login/drivers/driver-choice.ts';
import { keycloakImageOption, ldapImageOption, ldapRuntimeOption, list, positiveInteger, runtimeOption } from '../options.ts';

export function registerRunCommand(program: Command): void {
  program
    .command('run')
    .description('run the scenario catalogue (or the scenarios named) against a real Keycloak, judged by the mock Atlassian SP')
    .argument('[scenario...]', 'scenario ids (default: the whole catalogue)')
    .option('--keycloak-version <versions>', 'one or more versions, comma-separated, or "all"', list)
    .addOption(runtimeOption())
    .addOption(keycloakImageOption())
    .addOption(ldapRuntimeOption())
    .addOption(ldapImageOption())
    .option('--scenario-file <file...>', 'run your own scenario file(s), e.g. a support case you wrote')
    .option('--report <dir>', 'write JUnit XML, JSON and a one-file HTML report with every trace here')
    .option('--distribution-archive <path>', 'a keycloak-<version>.tar.gz you already have (e.g. 21.1.2)')
    .option('--attach', 'use the Keycloak left running by `keycloak start --detach` (also SAML_HARNESS_ATTACH=1)')
    .option('--concurrency <n>', 'scenarios at a time on one Keycloak', positiveInteger, 4)
    .option('--keep', 'keep the realms and organizations for inspection')
    .option('--browser', 'drive the logins in the system\'s Chromium instead of over HTTP (also SAML_HARNESS_BROWSER=chromium)')
    .action(async (ids: string[], options) => {
      const [{ run }, { allPassed, countResults }, { stopRequested }] = await Promise.all([
        import('../../commands/run.ts'),
        import('../../scenario/run-report.ts'),
        import('../../process/shutdown.ts'),
      ]);
      const stopping = new AbortController();
      void stopRequested().then(() => stopping.abort());
      const report = await run(
        {
          scenarioIds: ids,
          scenarioFiles: options.scenarioFile ?? [],
          keycloakVersions: options.keycloakVersion,
          runtime: options.runtime,
          keycloakImage: options.keycloakImage,
          ldapRuntime: options.ldapRuntime,
          ldapImage: options.ldapImage,
          distributionArchive: options.distributionArchive,
          attach: options.attach,
          report: options.report,
          concurrency: options.concurrency,
          keep: options.keep,
          browser: options.browser ?? browserFromEnvironment(),
          live: true,
          signal: stopping.signal,
        },
        consoleOutput,
      );
      if (!allPassed(report)) {
        const counts = countResults(report);
        throw new HarnessError(
          'OUTCOMES_DIFFER',
          `${counts.failed} of ${counts.total} scenario runs ended differently than expected${counts.versionsFailedToStart ? `, ${counts.versionsFailedToStart} version(s) did not start` : ''}`,
          'Read each ✗ above (what was seen and the fix), or the HTML report written with --report.',
        );
      }
    });
}
