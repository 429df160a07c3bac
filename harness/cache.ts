/** The user cache: Keycloak distributions, build outputs, data templates, records of detached servers. */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import envPaths from 'env-paths';
import lockfile from 'proper-lockfile';

export const cacheEnvVariable = 'SAML_HARNESS_CACHE';

export function cacheRoot(): string {
  return process.env[cacheEnvVariable] || envPaths('saml-harness', { suffix: '' }).cache;
}

/** `cacheDir('dist', '26.7.3')` → `<cache>/dist/26.7.3`, created if missing. */
export function cacheDir(...parts: string[]): string {
  const dir = join(cacheRoot(), ...parts);
  mkdirSync(dir, { recursive: true });
  return dir;
}

/**
 * Runs `work` while holding an inter-process lock named `name`, so that concurrent runs (two terminals,
 * parallel test workers) never fetch, unpack or build the same thing at once. A holder that died leaves a
 * stale lock that is taken over after `staleMs`.
 */
export async function withCacheLock<T>(name: string, work: () => Promise<T>, waitMs = 15 * 60_000): Promise<T> {
  const target = join(cacheDir('locks'), name);
  const release = await lockfile.lock(target, {
    realpath: false,
    stale: 30_000,
    update: 5_000,
    // Poll quickly at first (another test worker unpacking), then once a second (another run building).
    retries: { retries: Math.ceil(waitMs / 1000) + 10, factor: 1.5, minTimeout: 100, maxTimeout: 1000 },
  });
  try {
    return await work();
  } finally {
    await release();
  }
}
