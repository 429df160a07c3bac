/**
 * The `saml-harness` command line. Each file in ./commands declares one group of commands and loads its
 * implementation lazily; commands return data or throw HarnessError, and this one place maps errors to
 * exit codes.
 */
import { Command, CommanderError } from 'commander';
import { describeError, HarnessError } from '../errors.ts';
import { describeCause, endEverything, exitCodeFor, stopRequested } from '../process/shutdown.ts';
import { registerAuditCommand } from './commands/audit.ts';
import { registerScimSyncCommand } from './commands/scim-sync.ts';
import { registerUpCommands } from './commands/up.ts';
import { registerCheckResponseCommand } from './commands/check-response.ts';
import { registerCheckHarCommand } from './commands/check-har.ts';
import { registerCheckCommand } from './commands/check.ts';
import { registerKeycloakCommands } from './commands/keycloak.ts';
import { registerRecipeCommand } from './commands/recipe.ts';
import { registerReproduceCommand } from './commands/reproduce.ts';
import { registerRunCommand } from './commands/run.ts';
import { registerSpCommands } from './commands/sp.ts';
import { stopIsClaimed } from './interrupted.ts';

const program = new Command('saml-harness')
  .description('Prove that a Keycloak realm logs people into Atlassian Cloud over SAML 2.0, and reproduce what breaks it.')
  .showHelpAfterError('(add --help for usage)')
  .exitOverride();

for (const register of [registerRunCommand, registerCheckCommand, registerKeycloakCommands, registerSpCommands, registerCheckResponseCommand, registerCheckHarCommand, registerAuditCommand, registerScimSyncCommand, registerUpCommands, registerRecipeCommand, registerReproduceCommand]) register(program);

void stopRequested().then(async (cause) => {
  if (stopIsClaimed()) return;
  process.stderr.write(`${describeCause(cause)}: stopping what the harness started…\n`);
  // A second Ctrl-C while stopping ends the harness at once; the exit hook still signals its servers.
  process.on('SIGINT', () => process.exit(exitCodeFor(cause)));
  await endEverything();
  process.exit(exitCodeFor(cause));
});

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
} finally {
  await endEverything();
}
