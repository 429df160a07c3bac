/** `saml-harness keycloak start | stop | versions`. */
import type { Command } from 'commander';
import { consoleOutput } from '../../commands/output.ts';
import { untilStopped } from '../interrupted.ts';
import { keycloakImageOption, port, runtimeOption, seconds } from '../options.ts';

export function registerKeycloakCommands(program: Command): void {
  const keycloak = program.command('keycloak').description('start, stop and list Keycloak servers');

  keycloak
    .command('start')
    .description('start a Keycloak, print how to reach it, and keep it until Ctrl-C (or leave it running with --detach)')
    .option('--version <version>', 'Keycloak version (see `keycloak versions`)')
    .addOption(runtimeOption())
    .addOption(keycloakImageOption())
    .option('--relative-path <path>', 'serve every URL under this path, e.g. /auth as before Keycloak 17')
    .option('--detach', 'leave it running; later runs attach with --attach or SAML_HARNESS_ATTACH=1')
    .option('--distribution-archive <path>', 'a keycloak-<version>.tar.gz you already have (e.g. 21.1.2)')
    .option('--http-port <port>', 'HTTP port (default: a free one)', port)
    .option('--java-home <path>', 'the JDK to run Keycloak with (default: chosen per version)')
    .option('--admin-user <name>', 'bootstrap admin user', 'admin')
    .option('--admin-password <password>', 'bootstrap admin password', 'admin')
    .option('--ready-timeout <seconds>', 'how long to wait for Keycloak to answer', seconds)
    .action(async (options) => {
      const { keycloakStart } = await import('../../commands/keycloak.ts');
      await keycloakStart({ ...options, readyTimeoutMs: options.readyTimeout }, consoleOutput, untilStopped);
    });

  keycloak
    .command('stop')
    .description('stop the Keycloak servers left running by `keycloak start --detach`')
    .action(async () => {
      const { keycloakStop } = await import('../../commands/keycloak.ts');
      await keycloakStop(consoleOutput);
    });

  keycloak
    .command('fetch')
    .description('fetch and check a Keycloak distribution into the cache (for offline use, or to build an image), and print its folder')
    .option('--version <version>', 'Keycloak version (see `keycloak versions`)')
    .option('--distribution-archive <path>', 'a keycloak-<version>.tar.gz you already have (e.g. 21.1.2)')
    .action(async (options) => {
      const { keycloakFetch } = await import('../../commands/keycloak.ts');
      await keycloakFetch(options, consoleOutput);
    });

  keycloak
    .command('versions')
    .description('list the supported Keycloak versions, which are cached, and the default')
    .action(async () => {
      const { keycloakVersions } = await import('../../commands/keycloak.ts');
      await keycloakVersions(consoleOutput);
    });
}
