/** A jar (or any single file) from a Maven repository, fetched and checked once, then kept in the cache. */
import { existsSync } from 'node:fs';
import { copyFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { cacheDir, withCacheLock } from '../cache.ts';
import { formatSeconds, silent, type ProgressListener } from '../progress.ts';
import { artifactFileName, type MavenArtifact } from './artifact.ts';
import { fetchVerified, type ArtifactFetcher } from './fetchers.ts';

export function cachedArtifactPath(artifact: MavenArtifact): string {
  return join(cacheDir('artifacts', artifact.groupId), artifactFileName(artifact));
}

/** The artifact's file in the cache: fetched and checked the first time, under an inter-process lock. */
export async function ensureCachedArtifact(
  artifact: MavenArtifact,
  options: { fetcher?: ArtifactFetcher; progress?: ProgressListener } = {},
): Promise<string> {
  const target = cachedArtifactPath(artifact);
  if (existsSync(target)) return target;
  const progress = options.progress ?? silent;
  return withCacheLock(`artifact-${artifact.artifactId}-${artifact.version}`, async () => {
    if (existsSync(target)) return target;
    const started = Date.now();
    await fetchVerified(artifact, { progress, ...(options.fetcher ? { fetcher: options.fetcher } : {}) }, async (file) => {
      // The scratch folder may sit on another file system than the cache: copy, then rename atomically.
      const staging = `${target}.tmp-${process.pid}`;
      await copyFile(file, staging);
      await rename(staging, target);
    });
    progress(`${artifact.label} is ready in the cache (${formatSeconds(Date.now() - started)})`);
    return target;
  });
}
