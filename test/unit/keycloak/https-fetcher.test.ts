import { createReadStream } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ensureDistribution } from '../../../harness/keycloak/distribution/distribution.ts';
import { keycloakArchive } from '../../../harness/keycloak/distribution/keycloak-archive.ts';
import { HttpsFetcher } from '../../../harness/maven/fetchers.ts';
import { makeFakeDistributionArchive } from '../../support/fake-distribution.ts';
import { useTemporaryCache } from '../../support/temp-cache.ts';
import { temporaryFolder } from '../../support/temporary-folder.ts';

useTemporaryCache();

let server: Server;
let baseUrl: string;
let archive: Awaited<ReturnType<typeof makeFakeDistributionArchive>>;

/** A Maven-repository-shaped HTTP server: the archive, its .sha1 and maven-metadata.xml. */
beforeAll(async () => {
  archive = await makeFakeDistributionArchive('99.1.0');
  server = createServer((request, response) => {
    const path = request.url ?? '';
    if (path.endsWith('/maven-metadata.xml')) {
      response.end('<metadata><versioning><versions><version>99.0.0</version><version>99.1.0</version><version>98.0.0</version></versions></versioning></metadata>');
    } else if (path.endsWith('/99.1.0/keycloak-quarkus-dist-99.1.0.tar.gz.sha1')) {
      response.end(`${archive.sha1}  keycloak-quarkus-dist-99.1.0.tar.gz`);
    } else if (path.endsWith('/99.1.0/keycloak-quarkus-dist-99.1.0.tar.gz')) {
      createReadStream(archive.file).pipe(response);
    } else {
      response.statusCode = 404;
      response.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/maven2`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('the HTTPS fetcher', () => {
  test('downloads the archive and its checksum, which the cache verifies', async () => {
    const distribution = await ensureDistribution({ version: '99.1.0', fetcher: new HttpsFetcher(baseUrl) });
    expect(distribution.home).toMatch(/keycloak-99\.1\.0$/);
  });

  test('a version the repository does not serve names the nearest served ones', async () => {
    const fetcher = new HttpsFetcher(baseUrl);
    await expect(fetcher.fetch(keycloakArchive('99.2.0'), temporaryFolder('fetch-'), () => {})).rejects.toMatchObject({
      code: 'KC_VERSION_NOT_SERVED',
      message: expect.stringContaining('nearest served: 99.1.0, 99.0.0, 98.0.0'),
    });
  });

  test('an unreachable repository is a download failure', async () => {
    const fetcher = new HttpsFetcher('http://127.0.0.1:9/maven2');
    await expect(fetcher.fetch(keycloakArchive('99.1.0'), temporaryFolder('fetch-'), () => {})).rejects.toMatchObject({
      code: 'KC_DOWNLOAD_FAILED',
    });
  });
});
