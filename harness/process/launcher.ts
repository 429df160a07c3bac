/**
 * Notices that whatever launched this process has gone. `npx saml-harness …` runs the harness as
 * npm → `sh -c` → node; a SIGTERM to npm (a supervisor, a CI step's timeout) ends npm alone, and the
 * shell and the harness live on with no one to stop them. So the harness remembers its ancestors when it
 * starts and treats the loss of any of them as the end of its run. An ancestor is the same process while
 * its start time is: a pid reused by another process does not count as the launcher.
 */
import { readFileSync } from 'node:fs';

export interface Ancestor {
  pid: number;
  /** `/proc/<pid>/stat` field 22, in clock ticks since boot; `undefined` where there is no /proc. */
  startTime: string | undefined;
}

function stat(pid: number): { state: string; ppid: number; startTime: string } | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may hold spaces or parentheses itself.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { state: fields[0]!, ppid: Number(fields[1]), startTime: fields[19]! };
  } catch {
    return undefined;
  }
}

/** A running process as the watch records it; `undefined` when there is none with that pid (or no /proc). */
export function identify(pid: number): Ancestor | undefined {
  const info = stat(pid);
  return info ? { pid, startTime: info.startTime } : undefined;
}

/** This process's ancestors, nearest first, up to (not including) pid 1. */
export function ancestors(pid = process.pid): Ancestor[] {
  if (stat(pid) === undefined) {
    // No /proc (macOS): the parent is all that can be watched, by its pid.
    return process.ppid > 1 ? [{ pid: process.ppid, startTime: undefined }] : [];
  }
  const chain: Ancestor[] = [];
  for (let current = stat(pid)?.ppid; current !== undefined && current > 1 && chain.length < 64; ) {
    const info = stat(current);
    if (!info) break;
    chain.push({ pid: current, startTime: info.startTime });
    current = info.ppid;
  }
  return chain;
}

/** The first of `chain` that is no longer running, if any. */
export function goneAncestor(chain: readonly Ancestor[]): Ancestor | undefined {
  return chain.find((ancestor) => {
    if (ancestor.startTime === undefined) return process.ppid !== ancestor.pid;
    const now = stat(ancestor.pid);
    // A launcher that has exited but is not yet reaped (a zombie, Z) is gone all the same.
    return now === undefined || now.startTime !== ancestor.startTime || now.state === 'Z' || now.state === 'X';
  });
}

/** Calls `onGone` once, when an ancestor this process had at the start ends. The timer keeps nothing alive. */
export function watchLauncher(onGone: (ancestor: Ancestor) => void, intervalMs = 500): () => void {
  const chain = ancestors();
  const timer = setInterval(() => {
    const gone = goneAncestor(chain);
    if (!gone) return;
    clearInterval(timer);
    onGone(gone);
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
