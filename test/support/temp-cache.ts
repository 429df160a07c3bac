import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { cacheEnvVariable } from '../../harness/cache.ts';

/** Points the harness cache at a fresh folder for each test of the file. */
export function useTemporaryCache(): { readonly path: string } {
  const state = { path: '' };
  let previous: string | undefined;
  beforeEach(() => {
    previous = process.env[cacheEnvVariable];
    state.path = mkdtempSync(join(tmpdir(), 'saml-harness-cache-test-'));
    process.env[cacheEnvVariable] = state.path;
  });
  afterEach(() => {
    if (previous === undefined) delete process.env[cacheEnvVariable];
    else process.env[cacheEnvVariable] = previous;
    rmSync(state.path, { recursive: true, force: true });
  });
  return state;
}
