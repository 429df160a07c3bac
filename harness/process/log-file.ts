import { readdirSync, rmSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { cacheDir } from '../cache.ts';

/** The last `count` lines of a file, reading at most its last 256 KB. */
export async function lastLinesOf(file: string, count = 20): Promise<string[]> {
  let handle;
  try {
    handle = await open(file, 'r');
  } catch {
    return [];
  }
  try {
    const { size } = await handle.stat();
    const length = Math.min(size, 256 * 1024);
    const buffer = Buffer.alloc(length);
    await handle.read(buffer, 0, length, size - length);
    return buffer.toString('utf8').split(/\r?\n/).filter((line) => line.trim() !== '').slice(-count);
  } finally {
    await handle.close();
  }
}

/**
 * A new log file in the cache's logs folder, `<kind>-<time>-<detail>.log`, keeping the 40 newest of
 * that kind: servers log there, and errors point to the file.
 */
export function newLogFile(kind: string, detail: string): string {
  const dir = cacheDir('logs');
  const old = readdirSync(dir).filter((name) => name.startsWith(`${kind}-`)).sort();
  for (const name of old.slice(0, Math.max(0, old.length - 40))) rmSync(join(dir, name), { force: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  return join(dir, `${kind}-${stamp}-${detail}.log`);
}
