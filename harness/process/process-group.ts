/**
 * Servers we spawn run in their own process group, so that stopping them also stops what their
 * launcher script started (kc.sh → java). Two guards make sure none outlives us:
 * - an exit hook (signal-exit) that signals every group still running when this process exits or is
 *   interrupted;
 * - a watchdog shell, detached from us, that ends the group if this process dies without running hooks
 *   (SIGKILL, an OOM kill), and removes the server's scratch folder.
 */
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { onExit } from 'signal-exit';

export interface ManagedProcess {
  readonly child: ChildProcess;
  readonly pid: number;
  /** Resolves with the exit code (or signal name) when the process ends. */
  readonly exited: Promise<number | string>;
  hasExited(): boolean;
  /** SIGTERM to the group, then SIGKILL after `graceMs`. Resolves once the leader has exited. */
  stop(graceMs?: number): Promise<void>;
}

export interface ManagedSpawnOptions extends Omit<SpawnOptions, 'detached'> {
  /** Keep running after this process ends (`keycloak start --detach`): no exit hook, no watchdog. */
  outliveParent?: boolean;
  /** Removed when the watchdog has to clean up after a dead parent. */
  scratchDirectory?: string;
}

const running = new Set<number>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  onExit(() => {
    for (const pgid of running) signalGroup(pgid, 'SIGTERM');
  });
}

export function signalGroup(pgid: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(-pgid, signal);
    return true;
  } catch {
    return false;
  }
}

export function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

export function spawnManaged(command: string, args: string[], options: ManagedSpawnOptions): ManagedProcess {
  const { outliveParent, scratchDirectory, ...spawnOptions } = options;
  const child = spawn(command, args, { ...spawnOptions, detached: true });
  if (child.pid === undefined) throw new Error(`could not start ${command}`);
  const pid = child.pid;
  let exitedWith: number | string | undefined;
  const exited = new Promise<number | string>((resolve) => {
    child.once('exit', (code, signal) => {
      exitedWith = code ?? signal ?? 'unknown';
      running.delete(pid);
      resolve(exitedWith);
    });
    child.once('error', (error) => {
      exitedWith = error.message;
      running.delete(pid);
      resolve(exitedWith);
    });
  });
  if (outliveParent) {
    child.unref();
  } else {
    running.add(pid);
    installExitHook();
    const watchdog = startWatchdog(pid, scratchDirectory);
    // Once the group is gone and its folder removed by stop(), the watchdog has nothing left to guard.
    void exited.then(() => setTimeout(() => watchdog.kill('SIGKILL'), 30_000).unref());
  }
  return {
    child,
    pid,
    exited,
    hasExited: () => exitedWith !== undefined,
    stop: (graceMs = 20_000) => stopGroup(pid, exited, graceMs),
  };
}

async function stopGroup(pgid: number, exited: Promise<unknown>, graceMs: number): Promise<void> {
  signalGroup(pgid, 'SIGTERM');
  const grace = new AbortController();
  const done = await Promise.race([
    exited.then(() => true),
    sleep(graceMs, false, { signal: grace.signal }).catch(() => false),
  ]);
  grace.abort();
  if (!done) signalGroup(pgid, 'SIGKILL');
  await exited;
  // The leader may be gone while others in its group linger (kc.sh's java child): finish them.
  for (let i = 0; i < 50 && groupAlive(pgid); i++) await sleep(100);
  if (groupAlive(pgid)) signalGroup(pgid, 'SIGKILL');
}

/** Stops a group we did not spawn in this process (a detached server recorded earlier). */
export async function stopGroupByPid(pgid: number, graceMs = 20_000): Promise<void> {
  signalGroup(pgid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (groupAlive(pgid) && Date.now() < deadline) await sleep(100);
  if (groupAlive(pgid)) signalGroup(pgid, 'SIGKILL');
  for (let i = 0; i < 50 && groupAlive(pgid); i++) await sleep(100);
}

/**
 * The watchdog blocks reading a pipe whose other end only this process holds. The kernel closes that end
 * when this process dies, however it dies, and the watchdog then ends the group. Polling the parent's pid
 * instead would be fooled by a parent that is dead but not yet reaped (a zombie still "exists").
 */
function startWatchdog(pgid: number, scratchDirectory: string | undefined): ChildProcess {
  const quoted = scratchDirectory ? `'${scratchDirectory.replace(/'/g, `'\\''`)}'` : '';
  const script =
    `read _; ` +
    `if kill -0 -${pgid} 2>/dev/null; then kill -TERM -${pgid}; i=0; ` +
    `while kill -0 -${pgid} 2>/dev/null && [ $i -lt 20 ]; do sleep 1; i=$((i+1)); done; kill -KILL -${pgid} 2>/dev/null; fi` +
    (quoted ? `; rm -rf ${quoted}` : '');
  // /bin/sh by its path: the harness may run with a PATH that holds no shell.
  const watchdog = spawn('/bin/sh', ['-c', script], { detached: true, stdio: ['pipe', 'ignore', 'ignore'] });
  watchdog.unref();
  const pipe = watchdog.stdin!;
  // Nothing is ever written; once the watchdog is gone, closing our end may report EPIPE: not an error.
  pipe.on('error', () => {});
  (pipe as unknown as { unref(): void }).unref();
  return watchdog;
}
