/** `saml-harness sp start`. */
import type { Command } from 'commander';
import { consoleOutput } from '../../commands/output.ts';
import { untilStopped } from '../interrupted.ts';
import { port } from '../options.ts';

export function registerSpCommands(program: Command): void {
  const sp = program.command('sp').description('the mock Atlassian Cloud service provider');
  sp.command('start')
    .description('run sp-mock on its own: point any IdP at it and see what Atlassian would say')
    .option('--port <port>', 'port to listen on (default: a free one)', port)
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--public-url <url>', 'the URL browsers reach it at, when not http://host:port')
    .option('--organizations <file>', 'a JSON array of organizations to create at start, as POST /admin/organizations takes them')
    .option('--limit <name=value...>', 'another value for one of sp-mock\'s limits, e.g. maxRelayStateBytes=256 (sp-mock/README.md → Limits)')
    .action(async (options) => {
      const { spStart } = await import('../../commands/sp.ts');
      await spStart(options, consoleOutput, untilStopped);
    });
}
