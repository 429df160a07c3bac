import { existsSync } from 'node:fs';
import { describe, expect, inject, test } from 'vitest';
import { startKeycloak } from '../../../harness/keycloak/start-keycloak.ts';
import type { StartedDistributionKeycloak } from '../../../harness/keycloak/distribution/start-distribution.ts';
import { groupAlive } from '../../../harness/process/process-group.ts';

const shared = inject('keycloak');

describe('the distribution runtime', () => {
  test('a second Keycloak starts beside the first, and stop() leaves no process or scratch folder', async () => {
    const second = (await startKeycloak({ version: shared.version, runtime: 'distribution' })) as StartedDistributionKeycloak;
    try {
      expect(second.baseUrl).not.toBe(shared.baseUrl);
      expect(second.managementPort).not.toBe(second.httpPort);
      const [mine, theirs] = await Promise.all([fetch(`${second.baseUrl}/realms/master`), fetch(`${shared.baseUrl}/realms/master`)]);
      expect([mine.status, theirs.status]).toEqual([200, 200]);
      expect(await second.log.lastLines(200)).toEqual(expect.arrayContaining([expect.stringMatching(/started in/)]));
    } finally {
      await second.stop();
    }
    expect(groupAlive(second.pid)).toBe(false);
    expect(existsSync(second.home)).toBe(false);
    expect((await fetch(`${shared.baseUrl}/realms/master`)).status).toBe(200);
  });

  test('relativePath /auth serves every URL under /auth, as before Keycloak 17', async () => {
    await using keycloak = await startKeycloak({ version: shared.version, runtime: 'distribution', relativePath: '/auth' });
    expect(keycloak.baseUrl).toMatch(/\/auth$/);
    expect((await fetch(`${keycloak.baseUrl}/realms/master`)).status).toBe(200);
    expect((await fetch(keycloak.baseUrl.replace(/\/auth$/, '/realms/master'))).status).toBe(404);
    const admin = await keycloak.adminClient();
    expect((await admin.realms.find()).map((realm) => realm.realm)).toContain('master');
  });

  test('an HTTP port already in use is PORT_IN_USE before anything starts', async () => {
    const port = Number(new URL(shared.baseUrl).port);
    await expect(startKeycloak({ version: shared.version, runtime: 'distribution', httpPort: port })).rejects.toMatchObject({
      code: 'PORT_IN_USE',
    });
  });
});
