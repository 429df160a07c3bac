/**
 * How the distribution runtime reports a server that dies or never answers. The server here is a stand-in
 * kc.sh (a real process that behaves badly), since a real Keycloak cannot be made to fail on cue.
 */
import { chmodSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { ensureDistribution } from '../../../harness/keycloak/distribution/distribution.ts';
import { startDistributionKeycloak } from '../../../harness/keycloak/distribution/start-distribution.ts';
import { makeFakeDistributionArchive } from '../../support/fake-distribution.ts';
import { processesMatching } from '../../support/processes.ts';
import { useTemporaryCache } from '../../support/temp-cache.ts';
import { temporaryFolder } from '../../support/temporary-folder.ts';

useTemporaryCache();

function fakeJdk(): string {
  const home = temporaryFolder('saml-harness-fake-jdk-');
  mkdirSync(join(home, 'bin'));
  writeFileSync(join(home, 'bin', 'java'), '#!/bin/sh\n');
  chmodSync(join(home, 'bin', 'java'), 0o755);
  writeFileSync(join(home, 'release'), 'JAVA_VERSION="25.0.1"\n');
  return home;
}

async function startWith(version: string, kcScript: string, readyTimeoutMs = 30_000) {
  const archive = await makeFakeDistributionArchive(version, `keycloak-${version}`, kcScript);
  await ensureDistribution({ archive: archive.file });
  return startDistributionKeycloak({
    version,
    admin: { username: 'admin', password: 'admin' },
    javaHome: fakeJdk(),
    readyTimeoutMs,
  });
}

const scratchFolders = () => readdirSync(tmpdir()).filter((name) => name.startsWith('saml-harness-keycloak-'));

describe('a Keycloak that fails to start', () => {
  test('exiting during start is KC_EXITED_DURING_START with its last log lines', async () => {
    const script = '#!/bin/sh\necho "ERROR: Failed to start server in (development) mode"\necho "ERROR: the database is locked"\nexit 1\n';
    await expect(startWith('99.0.10', script)).rejects.toMatchObject({
      code: 'KC_EXITED_DURING_START',
      message: expect.stringMatching(/exited during start \(exit 1\); last log lines:\n.*Failed to start server.*\n.*database is locked/),
    });
  });

  test('a port taken while starting is PORT_IN_USE', async () => {
    const script = '#!/bin/sh\necho "ERROR: Port(s) already bound: 8080: Address already in use"\nexit 1\n';
    await expect(startWith('99.0.11', script)).rejects.toMatchObject({ code: 'PORT_IN_USE' });
  });

  test('never answering is KC_READY_TIMEOUT, and the process and its scratch folder are gone', async () => {
    const before = scratchFolders();
    const marker = `never-ready-${process.pid}`;
    const script = `#!/bin/sh\necho "starting ${marker}"\nexec sleep 600 # ${marker}\n`;
    await expect(startWith('99.0.12', script, 1500)).rejects.toMatchObject({
      code: 'KC_READY_TIMEOUT',
      message: expect.stringMatching(/Keycloak 99\.0\.12 not ready at http:\/\/127\.0\.0\.1:\d+\/realms\/master after \d+ ms.*last log lines:\nstarting never-ready/s),
    });
    expect(processesMatching('sleep 600')).toEqual([]);
    expect(scratchFolders().filter((name) => !before.includes(name))).toEqual([]);
  });
});
