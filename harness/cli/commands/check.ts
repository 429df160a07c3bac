/** `saml-harness check`: lints the catalogue. */
import type { Command } from 'commander';
import { consoleOutput } from '../../commands/output.ts';

export function registerCheckCommand(program: Command): void {
  program
    .command('check')
    .description('lint the scenario catalogue: valid files, unique ids, every support case covered')
    .option('--scenarios <dir>', 'the catalogue folder (default: the one shipped)')
    .action(async (options) => {
      const { check } = await import('../../commands/check.ts');
      check(consoleOutput, options.scenarios);
    });
}
