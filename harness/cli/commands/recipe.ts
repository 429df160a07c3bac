/** `saml-harness recipe`. */
import type { Command } from 'commander';
import { Option } from 'commander';
import { consoleOutput } from '../../commands/output.ts';

export function registerRecipeCommand(program: Command): void {
  program
    .command('recipe')
    .description('print the recommended Keycloak and Atlassian settings in the words of one Keycloak version, and the run that proved them')
    .option('--keycloak-version <version>', 'the Keycloak version whose admin console words to use')
    .addOption(new Option('--format <format>', 'output format').choices(['md', 'json']).default('md'))
    .action(async (options) => {
      const { recipe } = await import('../../commands/recipe.ts');
      recipe({ keycloakVersion: options.keycloakVersion, format: options.format }, consoleOutput);
    });
}
