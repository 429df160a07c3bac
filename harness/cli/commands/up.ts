/** `saml-harness up` and `saml-harness verify`. */
import type { Command } from 'commander';
import { consoleOutput } from '../../commands/output.ts';
import { untilStopped } from '../interrupted.ts';
import { keycloakImageOption, runtimeOption } from '../options.ts';

export function registerUpCommands(program: Command): void {
  program
    .command('up')
    .description("start one scenario's whole stack (Keycloak, its directory, sp-mock) and keep it up until Ctrl-C, with the links to play with it")
    .argument('[scenario]', 'a scenario id of the catalogue')
    .option('--scenario-file <file>', 'your own scenario file instead')
    .option('--keycloak-version <version>', 'Keycloak version (see `keycloak versions`)')
    .addOption(runtimeOption())
    .addOption(keycloakImageOption())
    .option('--attach', 'use the Keycloak left running by `keycloak start --detach` (also SAML_HARNESS_ATTACH=1)')
    .action(async (scenarioId: string | undefined, options) => {
      const { up } = await import('../../commands/up.ts');
      await up(
        {
          ...(scenarioId ? { scenarioId } : {}),
          ...(options.scenarioFile ? { scenarioFile: options.scenarioFile } : {}),
          ...(options.keycloakVersion ? { keycloakVersion: options.keycloakVersion } : {}),
          ...(options.runtime ? { runtime: options.runtime } : {}),
          ...(options.keycloakImage ? { keycloakImage: options.keycloakImage } : {}),
          ...(options.attach ? { attach: true } : {}),
        },
        consoleOutput,
        untilStopped,
      );
    });

  program
    .command('verify')
    .description('run the login of the scenario `saml-harness up` keeps up again, against it, and print the verdict')
    .option('--watch', 'verify again whenever the realm\'s SAML client or the user changes, until Ctrl-C')
    .action(async (options) => {
      const { verify } = await import('../../commands/up.ts');
      await verify({ watch: options.watch ?? false, ...(options.watch ? { until: untilStopped() } : {}) }, consoleOutput);
    });
}
