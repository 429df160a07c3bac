/**
 * The `saml-harness` command line. It only declares flags and loads commands lazily; commands return
 * data or throw HarnessError, and this one place maps errors to exit codes.
 */
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { describeError, HarnessError } from '../errors.ts';
import { consoleOutput } from './output.ts';
import { untilInterrupted } from './interrupted.ts';

const program = new Command('saml-harness')
  .description('Prove that a Keycloak realm logs people into Atlassian Cloud over SAML 2.0, and reproduce what breaks it.')
  .showHelpAfterError('(add --help for usage)')
  .exitOverride();

const runtimeOption = () =>
  new Option('--runtime <runtime>', 'where Keycloak runs: a container, or the server distribution on a local JDK')
    .choices(['auto', 'container', 'distribution'])
    .default('auto');

const keycloak = program.command('keycloak').description('start, stop and list Keycloak servers');

keycloak
  .command('start')
  .description('start a Keycloak, print how to reach it, and keep it until Ctrl-C (or leave it running with --detach)')
  .option('--version <version>', 'Keycloak version (see `keycloak versions`)')
  .addOption(runtimeOption())
  .option('--relative-path <path>', 'serve every URL under this path, e.g. /auth as before Keycloak 17')
  .option('--detach', 'leave it running; later runs attach with --attach or SAML_HARNESS_ATTACH=1')
  .option('--distribution-archive <path>', 'a keycloak-<version>.tar.gz you already have (e.g. 21.1.2)')
  .option('--http-port <port>', 'HTTP port (default: a free one)', port)
  .option('--java-home <path>', 'the JDK to run Keycloak with (default: chosen per version)')
  .option('--admin-user <name>', 'bootstrap admin user', 'admin')
  .option('--admin-password <password>', 'bootstrap admin password', 'admin')
  .option('--ready-timeout <seconds>', 'how long to wait for Keycloak to answer', seconds)
  .action(async (options) => {
    const { keycloakStart } = await import('../commands/keycloak.ts');
    await keycloakStart({ ...options, readyTimeoutMs: options.readyTimeout }, consoleOutput, untilInterrupted);
  });

keycloak
  .command('stop')
  .description('stop the Keycloak servers left running by `keycloak start --detach`')
  .action(async () => {
    const { keycloakStop } = await import('../commands/keycloak.ts');
    await keycloakStop(consoleOutput);
  });

keycloak
  .command('versions')
  .description('list the supported Keycloak versions, which are cached, and the default')
  .action(async () => {
    const { keycloakVersions } = await import('../commands/keycloak.ts');
    await keycloakVersions(consoleOutput);
  });

program
  .command('run')
  .description('run the scenario catalogue (or the scenarios named) against a real Keycloak, judged by the mock Atlassian SP')
  .argument('[scenario...]', 'scenario ids (default: the whole catalogue)')
  .option('--keycloak-version <versions>', 'one or more versions, comma-separated, or "all"', list)
  .addOption(runtimeOption())
  .option('--scenario-file <file...>', 'run your own scenario file(s), e.g. a support case you wrote')
  .option('--report <dir>', 'write JUnit XML, JSON and a one-file HTML report with every trace here')
  .option('--distribution-archive <path>', 'a keycloak-<version>.tar.gz you already have (e.g. 21.1.2)')
  .option('--attach', 'use the Keycloak left running by `keycloak start --detach` (also SAML_HARNESS_ATTACH=1)')
  .option('--concurrency <n>', 'scenarios at a time on one Keycloak', positiveInteger, 4)
  .option('--keep', 'keep the realms and organizations for inspection')
  .action(async (ids: string[], options) => {
    const [{ run }, { allPassed, countResults }] = await Promise.all([import('../commands/run.ts'), import('../report/run-report.ts')]);
    const report = await run(
      {
        scenarioIds: ids,
        scenarioFiles: options.scenarioFile ?? [],
        keycloakVersions: options.keycloakVersion,
        runtime: options.runtime,
        distributionArchive: options.distributionArchive,
        attach: options.attach,
        report: options.report,
        concurrency: options.concurrency,
        keep: options.keep,
        live: true,
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

program
  .command('check')
  .description('lint the scenario catalogue: valid files, unique ids, every support case covered')
  .option('--scenarios <dir>', 'the catalogue folder (default: the one shipped)')
  .action(async (options) => {
    const { check } = await import('../commands/check.ts');
    check(consoleOutput, options.scenarios);
  });

const sp = program.command('sp').description('the mock Atlassian Cloud service provider');
sp.command('start')
  .description('run sp-mock on its own: point any IdP at it and see what Atlassian would say')
  .option('--port <port>', 'port to listen on (default: a free one)', port)
  .option('--host <host>', 'address to listen on', '127.0.0.1')
  .option('--public-url <url>', 'the URL browsers reach it at, when not http://host:port')
  .action(async (options) => {
    const { spStart } = await import('../commands/sp.ts');
    await spStart(options, consoleOutput, untilInterrupted);
  });

function list(value: string): string[] {
  return value.split(',').map((item) => item.trim()).filter(Boolean);
}

function positiveInteger(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1) throw new InvalidArgumentError('expected a whole number above 0');
  return parsed;
}

function port(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1 || parsed > 65535) throw new InvalidArgumentError('expected a TCP port (1-65535)');
  return parsed;
}

function seconds(value: string): number {
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed <= 0) throw new InvalidArgumentError('expected a number of seconds');
  return parsed * 1000;
}

export { program };

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    // Help and version exit 0; commander already printed what went wrong otherwise.
    process.exitCode = error.exitCode === 0 ? 0 : 2;
  } else {
    process.stderr.write(`${describeError(error)}\n`);
    process.exitCode = error instanceof HarnessError ? error.exitCode : 70;
  }
}
