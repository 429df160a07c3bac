/**
 * A first start on an empty cache (the distribution linked from the harness's own cache when it has it,
 * fetched otherwise): the server that ran the build step and made the realm pool saves the data template while it
 * runs and goes on to serve, and a later start comes up from that template.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { cacheEnvVariable } from '../../../harness/cache.ts';
import { cachedDistribution } from '../../../harness/keycloak/distribution/distribution.ts';
import { backUpRunningDatabase } from '../../../harness/keycloak/distribution/online-backup.ts';
import type { StartedDistributionKeycloak } from '../../../harness/keycloak/distribution/start-distribution.ts';
import { startKeycloak } from '../../../harness/keycloak/start-keycloak.ts';
import { versionRules } from '../../../harness/keycloak/versions.ts';
import { descendantsOf, listeningAddresses } from '../../support/processes.ts';

const { version } = inject('keycloak');
const distribution = cachedDistribution(version);
let previousCache: string | undefined;
let cache = '';

beforeAll(() => {
  previousCache = process.env[cacheEnvVariable];
  cache = mkdtempSync(join(tmpdir(), 'saml-harness-first-start-'));
  // The distribution of the harness's cache, so that only the first start itself is new.
  if (distribution) {
    mkdirSync(join(cache, 'dist'));
    symlinkSync(join(distribution.home, '..'), join(cache, 'dist', version));
  }
  process.env[cacheEnvVariable] = cache;
});

afterAll(() => {
  if (previousCache === undefined) delete process.env[cacheEnvVariable];
  else process.env[cacheEnvVariable] = previousCache;
  rmSync(cache, { recursive: true, force: true });
});

async function realmNames(keycloak: StartedDistributionKeycloak): Promise<string[]> {
  return (await (await keycloak.adminClient()).realms.find()).map((realm) => realm.realm!);
}

describe('a first start on an empty cache', () => {
  test('the server that made the template serves the run, and the next start comes up from the template', { timeout: 400_000 }, async () => {
    const notes: string[] = [];
    const first = (await startKeycloak({ version, runtime: 'distribution', progress: (note) => notes.push(note) })) as StartedDistributionKeycloak;
    let firstLog: string;
    try {
      expect(notes.join('\n')).toMatch(/3\/3 saving the data template: /);
      expect(notes.join('\n')).not.toMatch(/warning/);
      // The same server ran the build step: its log has the build, and it holds the pool it hands out.
      firstLog = readFileSync(first.log.file!, 'utf8');
      expect(first.realmPool).toHaveLength(48);
      // It lets H2 take other processes in: on loopback only, as every port of the server.
      const listening = listeningAddresses([first.pid, ...descendantsOf(first.pid)]);
      expect(listening.length).toBeGreaterThanOrEqual(3);
      expect(listening.filter((address) => !address.startsWith('127.0.0.1:'))).toEqual([]);
      expect(await realmNames(first)).toEqual(expect.arrayContaining(['master', ...first.realmPool]));
    } finally {
      await first.stop();
    }
    expect(firstLog).toMatch(/Updating the configuration|Server configuration updated/);

    const later: string[] = [];
    await using second = (await startKeycloak({ version, runtime: 'distribution', progress: (note) => later.push(note) })) as StartedDistributionKeycloak;
    expect(later.join('\n')).toMatch(/Reusing Keycloak .* data template \(48 realms\)/);
    expect(readFileSync(second.log.file!, 'utf8')).not.toMatch(/Updating the configuration|Server configuration updated/);
    expect(await realmNames(second)).toEqual(expect.arrayContaining(['master', ...second.realmPool]));
    expect(second.realmPool).toEqual(first.realmPool);

    // A copy H2 refuses (a user the database does not know; on 26.2+ also no port for other processes) is
    // KC_DATA_BACKUP_FAILED, and the server runs on.
    const staging = mkdtempSync(join(cache, 'staging-'));
    const wrongUser = { ...versionRules(version), devFileCredentials: { user: 'nobody', password: 'wrong' } };
    await expect(
      backUpRunningDatabase({ home: second.home, java: join(second.jdk.home, 'bin', 'java'), rules: wrongUser, dataFolder: staging }),
    ).rejects.toMatchObject({ code: 'KC_DATA_BACKUP_FAILED' });
    expect((await fetch(`${second.baseUrl}/realms/master`)).status).toBe(200);
  });
});
