/** A jar from a Maven repository: fetched and checked once, kept in the cache, fetched again when damaged. */
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { HarnessError } from '../../../harness/errors.ts';
import { unboundIdJar } from '../../../harness/ldap/embedded/unboundid.ts';
import type { MavenArtifact } from '../../../harness/maven/artifact.ts';
import { cachedArtifactPath, ensureCachedArtifact } from '../../../harness/maven/cached-artifact.ts';
import type { ArtifactFetcher } from '../../../harness/maven/fetchers.ts';
import { useTemporaryCache } from '../../support/temp-cache.ts';

useTemporaryCache();

const content = 'a jar, as far as this test cares\n';
const contentSha1 = createHash('sha1').update(content).digest('hex');

/** A repository that serves `content` with the SHA-1 it publishes; the first `damaged` fetches hand out other bytes. */
function repository(damaged = 0) {
  const calls = { fetch: 0, forget: 0 };
  const fetcher: ArtifactFetcher = {
    name: 'test',
    async fetch(artifact, directory) {
      calls.fetch++;
      const file = join(directory, `${artifact.artifactId}-${artifact.version}.${artifact.extension}`);
      writeFileSync(file, calls.fetch <= damaged ? 'truncated' : content);
      return { file, expectedSha1: contentSha1, source: 'the test repository' };
    },
    async forget() {
      calls.forget++;
    },
  };
  return { fetcher, calls };
}

const artifact = (version: string): MavenArtifact => ({ ...unboundIdJar, version });

describe('a cached artifact', () => {
  test('is fetched once, checked, and served from the cache afterwards', async () => {
    const { fetcher, calls } = repository();
    const first = await ensureCachedArtifact(artifact('1.0.0'), { fetcher });
    const second = await ensureCachedArtifact(artifact('1.0.0'), { fetcher });
    expect(first).toBe(cachedArtifactPath(artifact('1.0.0')));
    expect(second).toBe(first);
    expect(calls.fetch).toBe(1);
  });

  test('a damaged download is told by its SHA-1 and fetched again', async () => {
    const { fetcher, calls } = repository(1);
    const notes: string[] = [];
    await ensureCachedArtifact(artifact('1.0.1'), { fetcher, progress: (note) => notes.push(note) });
    expect(calls).toEqual({ fetch: 2, forget: 1 });
    expect(notes.join('\n')).toContain('fetching it again');
  });

  test('two damaged downloads are an error with the code of the artifact, and nothing is cached', async () => {
    const { fetcher } = repository(2);
    const error = await ensureCachedArtifact(artifact('1.0.2'), { fetcher }).catch((caught: unknown) => caught);
    expect(HarnessError.is(error, 'LDAP_CHECKSUM_MISMATCH')).toBe(true);
    const { fetcher: good } = repository();
    expect(await ensureCachedArtifact(artifact('1.0.2'), { fetcher: good })).toBe(cachedArtifactPath(artifact('1.0.2')));
  });
});
