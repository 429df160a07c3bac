/**
 * A folder of the system's temporary one for a test file's files, removed after the file's tests (the hook
 * is registered when a test file imports this module), so that no run leaves folders behind in /tmp.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

const made: string[] = [];
afterAll(() => made.splice(0).forEach((path) => rmSync(path, { recursive: true, force: true })));

export function temporaryFolder(prefix: string): string {
  const folder = mkdtempSync(join(tmpdir(), prefix));
  made.push(folder);
  return folder;
}
