/** OpenLDAP's own clients, as an administrator or a person would use them against the directory. */
import { execFile } from 'node:child_process';

export interface CliResult {
  exitCode: number;
  output: string;
}

export interface Credentials {
  dn: string;
  password: string;
}

/** An entry as ldapsearch prints it: attribute names as the server spells them, base64 values decoded. */
export interface FoundEntry {
  dn: string;
  attributes: Record<string, string[]>;
}

function run(command: string, args: string[]): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(command, args, { env: { ...process.env, LDAPNOINIT: '1' }, timeout: 10_000 }, (error, stdout, stderr) => {
      const code = error && typeof error.code === 'number' ? error.code : error ? 255 : 0;
      resolve({ exitCode: code, output: `${stdout}${stderr}` });
    });
  });
}

const bindArgs = (as: Credentials | undefined) => (as ? ['-D', as.dn, '-w', as.password] : []);

export function ldapwhoami(url: string, as: Credentials): Promise<CliResult> {
  return run('ldapwhoami', ['-x', '-H', url, ...bindArgs(as)]);
}

/** Searches `base` (subtree) as `as`, or anonymously; rejects when ldapsearch fails. */
export async function ldapsearch(url: string, base: string, filter: string, attributes: string[], as?: Credentials): Promise<FoundEntry[]> {
  const result = await run('ldapsearch', ['-x', '-LLL', '-o', 'ldif-wrap=no', '-H', url, ...bindArgs(as), '-b', base, filter, ...attributes]);
  if (result.exitCode !== 0) throw new Error(`ldapsearch exited ${result.exitCode}: ${result.output}`);
  return parseLdif(result.output);
}

function parseLdif(text: string): FoundEntry[] {
  return text
    .split(/\n\n+/)
    .map((block) => block.split('\n').filter((line) => line !== '' && !line.startsWith('#')))
    .filter((lines) => lines.length > 0)
    .map((lines) => {
      const pairs = lines.map((line) => {
        const match = /^([^:]+)(::?) ?(.*)$/.exec(line);
        if (!match) throw new Error(`not an LDIF line: ${line}`);
        const [, name = '', separator, value = ''] = match;
        return [name, separator === '::' ? Buffer.from(value, 'base64').toString('utf8') : value] as const;
      });
      const [first, ...rest] = pairs;
      if (first?.[0] !== 'dn') throw new Error(`an LDIF entry starts with dn: ${lines[0]}`);
      const attributes: Record<string, string[]> = {};
      for (const [name, value] of rest) (attributes[name] ??= []).push(value);
      return { dn: first[1], attributes };
    });
}
