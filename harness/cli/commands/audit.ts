/** `saml-harness audit`: what in a live Keycloak breaks logging in to Atlassian. */
import { Option, type Command } from 'commander';
import { consoleOutput } from '../../commands/output.ts';
import { adminPasswordOption, adminUserOption } from '../options.ts';

export function registerAuditCommand(program: Command): void {
  program
    .command('audit')
    .description('read a live Keycloak (read-only) and report every setting of the SAML client and realm that breaks Atlassian, with the fix')
    .requiredOption('--keycloak-url <url>', 'the server\'s base URL (with /auth when it serves under it)')
    .requiredOption('--realm <realm>', 'the realm Atlassian logs in with')
    .requiredOption('--client-id <id>', 'the SAML client\'s client ID')
    .addOption(adminUserOption())
    .addOption(adminPasswordOption())
    .option('--atlassian-sp-entity-id <url>', 'Atlassian\'s "Service provider entity URL", to compare the client ID with')
    .option('--atlassian-acs-url <url>', 'Atlassian\'s "Service provider assertion consumer service URL", to check the redirect URIs against')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .action(async (options) => {
      const { audit } = await import('../../commands/audit.ts');
      await audit(
        {
          keycloakUrl: options.keycloakUrl,
          realm: options.realm,
          clientId: options.clientId,
          adminUser: options.adminUser,
          adminPassword: options.adminPassword,
          atlassianSpEntityId: options.atlassianSpEntityId,
          atlassianAcsUrl: options.atlassianAcsUrl,
          format: options.format,
        },
        consoleOutput,
      );
    });
}
