/** `saml-harness check-response`: judge a captured SAMLResponse offline. */
import { Option, type Command } from 'commander';
import { defaultKeycloakVersion } from '../../keycloak/versions.ts';
import { consoleOutput } from '../../commands/output.ts';

export function registerCheckResponseCommand(program: Command): void {
  program
    .command('check-response')
    .description("judge a SAMLResponse captured in a browser by the mock Atlassian SP's rules: every rule, the fixes, the response with its failing parts marked")
    .argument('<file>', 'the response: base64 from the POST form, URL-encoded, the form body, or the XML; - reads standard input')
    .requiredOption('--org <file>', 'the Atlassian side (YAML): idp, spEntityId, acsUrl, domains, accounts')
    .option('--at <time>', 'judge the time checks at now, at the response\'s own IssueInstant (issue-instant), or at an ISO 8601 time', 'now')
    .option('--request-id <id>', "the ID of Atlassian's AuthnRequest the response must answer (InResponseTo)")
    .option('--keycloak-version <version>', 'word the fixes as this version of the admin console does', defaultKeycloakVersion)
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .action(async (file: string, options) => {
      const { checkResponse } = await import('../../commands/check-response.ts');
      await checkResponse(
        {
          input: file,
          org: options.org,
          at: options.at,
          requestId: options.requestId,
          keycloakVersion: options.keycloakVersion,
          format: options.format,
        },
        consoleOutput,
      );
    });
}
