/** `saml-harness reproduce`. */
import type { Command } from 'commander';
import { Option } from 'commander';
import { HarnessError } from '../../errors.ts';
import { consoleOutput } from '../../commands/output.ts';
import { browserFromEnvironment } from '../../login/drivers/driver-choice.ts';
import { keycloakImageOption, runtimeOption } from '../options.ts';

export function registerReproduceCommand(program: Command): void {
  program
    .command('reproduce')
    .description("reproduce your own setup: your client export in a real Keycloak of your version, logged into a mock of your Atlassian organization")
    .option('--client-export <file>', 'the client as the console exports it (Clients → the client → Action → Export)')
    .option('--realm-export <file>', 'a partial realm export (Realm settings → Action → Partial export, with clients)')
    .option('--client-id <id>', 'which SAML client of the realm export is the Atlassian one')
    .option('--keycloak-version <version>', 'default: the version recorded in the realm export, else the default version')
    .option('--org <file>', 'the Atlassian side as YAML: spEntityId, acsUrl, idp (what you typed), domains, accounts')
    .option('--user <username>', 'log in as this user of the realm export (default: a test user on the verified domain)')
    .addOption(new Option('--flow <flow>', 'how the login starts').choices(['sp-initiated', 'idp-initiated']).default('sp-initiated'))
    .option('--fix', 'then apply the recommended settings to the client, print what changed, and log in again')
    .addOption(runtimeOption())
    .addOption(keycloakImageOption())
    .option('--relative-path <path>', 'run Keycloak under this path (/auth, as your server may)')
    .option('--distribution-archive <path>', 'a keycloak-<version>.tar.gz you already have (e.g. 21.1.2)')
    .option('--attach', 'use the Keycloak left running by `keycloak start --detach`')
    .option('--keep', 'keep the realm for inspection')
    .option('--browser', 'drive the logins in the system\'s Chromium instead of over HTTP (also SAML_HARNESS_BROWSER=chromium)')
    .action(async (options) => {
      const { reproduce } = await import('../../commands/reproduce.ts');
      const result = await reproduce({ ...options, browser: options.browser ?? browserFromEnvironment() }, consoleOutput);
      const last = result.after ?? result.before;
      if (last.outcome.result !== 'success') {
        throw new HarnessError(
          'LOGIN_FAILED',
          `The login ${result.after ? 'still fails after the recommended changes' : 'fails'}: ${last.outcome.code}`,
          result.after ? 'Read the outcome above: what remains is outside the client (the Atlassian side, the user, the server).' : 'Apply the fix above, or run again with --fix to try the recommended settings.',
        );
      }
    });
}
