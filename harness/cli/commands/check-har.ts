/** `saml-harness check-har`: judge a whole login captured as HAR, offline. */
import { Option, type Command } from 'commander';
import { consoleOutput } from '../../commands/output.ts';

export function registerCheckHarCommand(program: Command): void {
  program
    .command('check-har')
    .description("judge a login captured as a HAR file: every hop, where Keycloak stopped it or the response judged by the mock Atlassian SP's rules, Atlassian's answer, and the fixes")
    .argument('<file>', "the HAR file, as a browser's developer tools export it or as --report writes it")
    .option('--org <file>', 'the Atlassian side (YAML, as for check-response); without it, derived from the capture')
    .option('--keycloak-version <version>', 'word the fixes as this version of the admin console does (default: inferred from the capture)')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .action(async (file: string, options) => {
      const { checkHar } = await import('../../commands/check-har.ts');
      await checkHar({ input: file, org: options.org, keycloakVersion: options.keycloakVersion, format: options.format }, consoleOutput);
    });
}
