import { open } from 'node:fs/promises';

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
