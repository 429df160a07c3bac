import { copyFileSync, existsSync, readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { cachedDistribution, ensureDistribution } from '../../../harness/keycloak/distribution/distribution.ts';
import type { ArtifactFetcher, FetchedArtifact } from '../../../harness/maven/fetchers.ts';
import { makeFakeDistributionArchive } from '../../support/fake-distribution.ts';
import { useTemporaryCache } from '../../support/temp-cache.ts';

useTemporaryCache();

/** Serves a real archive from disk; the first `damaged` fetches hand out a truncated copy. */
function archiveFetcher(source: { file: string; sha1: string }, damaged = 0) {
  const calls = { fetch: 0, forget: 0 };
  const fetcher: ArtifactFetcher = {
    name: 'test',
    async fetch(artifact, directory): Promise<FetchedArtifact> {
      calls.fetch++;
      const file = join(directory, `keycloak-quarkus-dist-${artifact.version}.tar.gz`);
      copyFileSync(source.file, file);
      if (calls.fetch <= damaged) truncateSync(file, Math.floor(statSync(file).size / 2));
      return { file, expectedSha1: source.sha1, source: 'test repository' };
    },
    async forget() {
      calls.forget++;
    },
  };
  return { fetcher, calls };
}

describe('the distribution cache', () => {
  test('unpacks a fetched archive once and serves later calls from the cache', async () => {
    const archive = await makeFakeDistributionArchive('99.0.1');
    const { fetcher, calls } = archiveFetcher(archive);
    const first = await ensureDistribution({ version: '99.0.1', fetcher });
    const second = await ensureDistribution({ version: '99.0.1', fetcher });
    expect(readFileSync(join(first.home, 'version.txt'), 'utf8')).toContain('99.0.1');
    expect(second.home).toBe(first.home);
    expect(calls.fetch).toBe(1);
  });

  test('a truncated archive is detected by its checksum and fetched again', async () => {
    const archive = await makeFakeDistributionArchive('99.0.2');
    const { fetcher, calls } = archiveFetcher(archive, 1);
    const notes: string[] = [];
    const distribution = await ensureDistribution({ version: '99.0.2', fetcher, progress: (m) => notes.push(m) });
    expect(existsSync(join(distribution.home, 'bin', 'kc.sh'))).toBe(true);
    expect(calls).toEqual({ fetch: 2, forget: 1 });
    expect(notes.join('\n')).toContain('fetching it again');
  });

  test('a second bad archive fails with KC_CHECKSUM_MISMATCH and leaves nothing cached', async () => {
    const archive = await makeFakeDistributionArchive('99.0.3');
    const { fetcher } = archiveFetcher(archive, 2);
    await expect(ensureDistribution({ version: '99.0.3', fetcher })).rejects.toMatchObject({ code: 'KC_CHECKSUM_MISMATCH' });
    expect(cachedDistribution('99.0.3')).toBeUndefined();
  });

  test('concurrent runs fetch and unpack once', async () => {
    const archive = await makeFakeDistributionArchive('99.0.4');
    const { fetcher, calls } = archiveFetcher(archive);
    const results = await Promise.all([1, 2, 3].map(() => ensureDistribution({ version: '99.0.4', fetcher })));
    expect(new Set(results.map((r) => r.home)).size).toBe(1);
    expect(calls.fetch).toBe(1);
  });

  test("an archive the user has is read for its version and unpacked", async () => {
    const archive = await makeFakeDistributionArchive('21.1.2');
    const distribution = await ensureDistribution({ archive: archive.file });
    expect(distribution.version).toBe('21.1.2');
    expect(cachedDistribution('21.1.2')?.home).toBe(distribution.home);
  });

  test("a user's archive with a .sha1 beside it that does not match is refused", async () => {
    const archive = await makeFakeDistributionArchive('21.1.3');
    writeFileSync(`${archive.file}.sha1`, '0'.repeat(40));
    await expect(ensureDistribution({ archive: archive.file })).rejects.toMatchObject({ code: 'KC_CHECKSUM_MISMATCH' });
  });

  test('an archive that is not a Keycloak distribution is refused with KC_ARCHIVE_INVALID', async () => {
    const archive = await makeFakeDistributionArchive('21.1.4', 'something-else');
    await expect(ensureDistribution({ archive: archive.file })).rejects.toMatchObject({ code: 'KC_ARCHIVE_INVALID' });
  });

  test('an archive of another version than the one asked for is refused', async () => {
    const archive = await makeFakeDistributionArchive('21.1.5');
    await expect(ensureDistribution({ archive: archive.file, version: '26.7.3' })).rejects.toMatchObject({
      code: 'KC_ARCHIVE_INVALID',
      message: expect.stringContaining('holds Keycloak 21.1.5'),
    });
  });
});
