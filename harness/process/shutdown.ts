/**
 * What the harness started ends with it, whatever ends it: the command finishing, Ctrl-C, SIGTERM, a
 * closed terminal (SIGHUP), or its launcher going away (launcher.ts). Servers register how to stop
 * themselves; the CLI runs every stop before it exits. Processes it spawned also have an exit hook and a
 * watchdog (process-group.ts), containers a reaper (containers.ts), for when the harness dies too hard
 * to run any of this.
 */
import { watchLauncher } from './launcher.ts';

export type StopCause = { kind: 'signal'; signal: NodeJS.Signals } | { kind: 'launcher-gone'; pid: number };

interface Registered {
  stop: () => Promise<void>;
  /** Sweeps (the container reaper's) run after every server has stopped. */
  last: boolean;
}

const registered = new Set<Registered>();

/**
 * Registers how to stop something the harness started. Call the returned function once it has been
 * stopped in the ordinary way, so that it is not stopped twice.
 */
export function endWithHarness(stop: () => Promise<void>, options: { last?: boolean } = {}): () => void {
  const entry: Registered = { stop, last: options.last ?? false };
  registered.add(entry);
  return () => registered.delete(entry);
}

/** Stops everything still registered: servers at once, then the sweeps. A stop that fails does not stop the others. */
export async function endEverything(): Promise<void> {
  const run = async (entries: Registered[]) => {
    for (const entry of entries) registered.delete(entry);
    await Promise.allSettled(entries.map((entry) => entry.stop()));
  };
  await run([...registered].filter((entry) => !entry.last));
  await run([...registered]);
}

let requested: Promise<StopCause> | undefined;

/** Resolves on the first Ctrl-C, SIGTERM or SIGHUP, or when the launcher has gone. The first call starts listening. */
export function stopRequested(): Promise<StopCause> {
  return (requested ??= new Promise<StopCause>((resolve) => {
    // The listeners stay: signal-exit (process-group.ts) kills the process on a signal nobody else
    // listens to, and a second Ctrl-C is the caller's to handle.
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => resolve({ kind: 'signal', signal }));
    watchLauncher((ancestor) => resolve({ kind: 'launcher-gone', pid: ancestor.pid }));
  }));
}

export function describeCause(cause: StopCause): string {
  return cause.kind === 'signal' ? `${cause.signal} received` : `the process that launched the harness (pid ${cause.pid}) has gone`;
}

/** 128 + the signal's number, as a shell reports a command ended by it; a lost launcher counts as a hang-up. */
export function exitCodeFor(cause: StopCause): number {
  const numbers: Partial<Record<NodeJS.Signals, number>> = { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 };
  return 128 + (cause.kind === 'signal' ? (numbers[cause.signal] ?? 15) : 1);
}
