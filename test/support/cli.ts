import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const cliPath = fileURLToPath(new URL('../../bin/saml-harness.mjs', import.meta.url));

export interface RunningCli {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  /** Resolves when stdout has printed a line matching `pattern`. */
  waitForOutput(pattern: RegExp, timeoutMs?: number): Promise<void>;
  /** The same for stderr, where progress goes. */
  waitForStderr(pattern: RegExp, timeoutMs?: number): Promise<void>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** The real `saml-harness` CLI in a child process. */
export function startCli(args: string[], env: NodeJS.ProcessEnv = {}): RunningCli {
  const child = spawn(process.execPath, [cliPath, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout!.on('data', (chunk) => (out += chunk));
  child.stderr!.on('data', (chunk) => (err += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  const waitFor = (stream: NodeJS.ReadableStream, read: () => string, pattern: RegExp, timeoutMs: number) =>
    new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${pattern} after ${timeoutMs} ms; stderr: ${err}`)), timeoutMs);
      const check = () => {
        if (pattern.test(read())) {
          clearTimeout(timer);
          resolve();
        }
      };
      stream.on('data', check);
      void exited.then(() => {
        clearTimeout(timer);
        if (!pattern.test(read())) reject(new Error(`exited before ${pattern}; stdout: ${out}; stderr: ${err}`));
      });
      check();
    });
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    exited,
    waitForOutput: (pattern, timeoutMs = 180_000) => waitFor(child.stdout!, () => out, pattern, timeoutMs),
    waitForStderr: (pattern, timeoutMs = 180_000) => waitFor(child.stderr!, () => err, pattern, timeoutMs),
  };
}

/** Runs the CLI to completion. */
export async function runCli(args: string[], env: NodeJS.ProcessEnv = {}) {
  const cli = startCli(args, env);
  const { code } = await cli.exited;
  return { exitCode: code, stdout: cli.stdout(), stderr: cli.stderr() };
}
