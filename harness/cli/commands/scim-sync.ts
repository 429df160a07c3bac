/** `saml-harness scim-sync`: a realm's users into Atlassian over SCIM. */
import { Option, type Command } from 'commander';
import { consoleOutput } from '../../commands/output.ts';
import { adminPasswordOption, adminUserOption } from '../options.ts';

export function registerScimSyncCommand(program: Command): void {
  program
    .command('scim-sync')
    .description('provision a realm\'s users into Atlassian over SCIM (Keycloak has no outbound SCIM): a plan first, applied unless --dry-run')
    .requiredOption('--keycloak-url <url>', 'the server\'s base URL (with /auth when it serves under it)')
    .requiredOption('--realm <realm>', 'the realm whose users log in to Atlassian')
    .requiredOption('--scim-url <url>', 'the directory\'s SCIM base URL Atlassian shows (https://api.atlassian.com/scim/directory/<id>)')
    .option('--token-file <file>', 'a file holding the directory\'s API key (default: $SAML_HARNESS_SCIM_TOKEN)')
    .option('--group <path>', 'only the members of this group, e.g. /atlassian-users')
    .option('--client-id <id>', 'the SAML client: userName and email come from the attribute its NameID carries (default: the email)')
    .option('--verified-domain <domain...>', 'the organization\'s verified domains: users on others are skipped before anything is sent')
    .option('--sync-ldap', 'run each user federation\'s full sync first, so that directory users exist in Keycloak')
    .option('--dry-run', 'print the plan, send nothing')
    .option('--deactivate-missing', 'deactivate SCIM users a sync made whose Keycloak user is gone (or out of --group)')
    .addOption(adminUserOption())
    .addOption(adminPasswordOption())
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .action(async (options) => {
      const { scimSync } = await import('../../commands/scim-sync.ts');
      await scimSync(
        {
          keycloakUrl: options.keycloakUrl,
          realm: options.realm,
          scimUrl: options.scimUrl,
          ...(options.tokenFile ? { tokenFile: options.tokenFile } : {}),
          ...(options.group ? { group: options.group } : {}),
          ...(options.clientId ? { clientId: options.clientId } : {}),
          ...(options.verifiedDomain ? { verifiedDomains: options.verifiedDomain } : {}),
          syncLdap: options.syncLdap ?? false,
          dryRun: options.dryRun ?? false,
          deactivateMissing: options.deactivateMissing ?? false,
          ...(options.adminUser ? { adminUser: options.adminUser } : {}),
          ...(options.adminPassword ? { adminPassword: options.adminPassword } : {}),
          format: options.format,
        },
        consoleOutput,
      );
    });
}
