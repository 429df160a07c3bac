/** Peak resident memory of a server's JVM, read from /proc (Linux). */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** The java process in the process group `pgid` (kc.sh's child, or kc.sh itself after its exec). */
export function javaPidInGroup(pgid: number): number | undefined {
  try {
    const lines = execFileSync('ps', ['-eo', 'pid=,pgid=,comm='], { encoding: 'utf8' }).split('\n');
    const match = lines.map((line) => line.trim().split(/\s+/)).find(([, group, command]) => Number(group) === pgid && command === 'java');
    return match ? Number(match[0]) : undefined;
  } catch {
    return undefined;
  }
}

/** VmHWM: the peak resident set size in MB. */
export function peakRssMb(pid: number | undefined): number | undefined {
  if (!pid) return undefined;
  try {
    const kb = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb ? Math.round(Number(kb) / 1024) : undefined;
  } catch {
    return undefined;
  }
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
