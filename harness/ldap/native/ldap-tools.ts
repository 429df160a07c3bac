/** Runs OpenLDAP's command-line clients (ldap-utils) against a directory, as its administrator. */
import { spawn } from 'node:child_process';

export interface ToolResult {
  /** The clients exit with the LDAP result code: 0 success, 49 invalid credentials, 255 (-1) no answer. */
  exitCode: number;
  /** stdout and stderr together. */
  output: string;
}

export interface BindAs {
  url: string;
  dn: string;
  /** A file holding only the password (`-y`): it never shows in a process list and needs no quoting. */
  passwordFile: string;
}

/** `tool -x -H url -D dn -y file ...args`, `input` on stdin; rejects only when the tool cannot be started. */
export function runLdapClient(tool: string, bind: BindAs, args: readonly string[], input = ''): Promise<ToolResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(tool, ['-x', '-H', bind.url, '-D', bind.dn, '-y', bind.passwordFile, ...args], {
      // LDAPNOINIT: ignore /etc/ldap/ldap.conf, ~/.ldaprc and LDAP* variables, which could redirect the client.
      env: { ...process.env, LDAPNOINIT: '1' },
      stdio: ['pipe', 'pipe', 'pipe'],
      timeout: 15_000,
    });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.once('error', reject);
    child.once('close', (code, signal) => {
      resolve({ exitCode: code ?? (signal ? 255 : 0), output: Buffer.concat(chunks).toString('utf8') });
    });
    // A client that exits before reading its input (no answer from the directory) closes the pipe: its
    // exit code says what happened, so a broken pipe here is not an error of its own.
    child.stdin.on('error', () => {});
    if (input) child.stdin.end(input);
    else child.stdin.end();
  });
}
