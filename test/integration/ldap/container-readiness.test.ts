/**
 * The OpenLDAP container's readiness command, run by a real shell against a real slapd on 1389, inside
 * PID namespaces standing in for the container's (no Docker engine runs here). In the image, the setup
 * script's temporary slapd answers on 1389 too; only the final one is PID 1.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ldapPort, openLdapContainerSettings } from '../../../harness/ldap/container/openldap-container.ts';
import { startLdap } from '../../../harness/ldap/start-ldap.ts';
import type { StartedLdap } from '../../../harness/ldap/started-ldap.ts';
import { isPortFree } from '../../../harness/process/ports.ts';

const { readinessCommand } = openLdapContainerSettings({});
const canUnshare = process.getuid?.() === 0 && spawnSync('unshare', ['-fp', '--mount-proc', 'true']).status === 0;
const portFree = await isPortFree(ldapPort);

/** A PID namespace whose PID 1 is called `slapd` (a link to sleep): what the image's exec leaves. */
async function namespaceWithSlapdAsPid1(folder: string) {
  const standIn = join(folder, 'slapd');
  symlinkSync('/bin/sleep', standIn);
  const unshare = spawn('unshare', ['-fp', '--mount-proc', '--kill-child', standIn, '60'], { stdio: 'ignore' });
  // unshare forks, then its child execs the stand-in: wait until PID 1 of the namespace is called slapd.
  let inside: number | undefined;
  for (let i = 0; i < 100 && inside === undefined; i++) {
    const [child] = readFileSync(`/proc/${unshare.pid}/task/${unshare.pid}/children`, 'utf8').trim().split(' ');
    if (child && readFileSync(`/proc/${child}/comm`, 'utf8').trim() === 'slapd') inside = Number(child);
    else await sleep(20);
  }
  if (inside === undefined) throw new Error('unshare did not start the stand-in as PID 1');
  const pid = inside;
  return {
    run: () => spawnSync('nsenter', ['-t', String(pid), '-p', '-m', 'sh', '-c', readinessCommand]).status,
    end: () => unshare.kill('SIGKILL'),
  };
}

describe.skipIf(!canUnshare || !portFree)('OpenLDAP container readiness command', () => {
  let folder: string;
  let ldap: StartedLdap;
  let namespace: Awaited<ReturnType<typeof namespaceWithSlapdAsPid1>>;

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'saml-harness-readiness-'));
    ldap = await startLdap({ runtime: 'native', port: ldapPort });
    namespace = await namespaceWithSlapdAsPid1(folder);
  });

  afterAll(async () => {
    namespace?.end();
    await ldap?.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  it('succeeds where PID 1 is slapd and 1389 answers', () => {
    expect(namespace.run()).toBe(0);
  });

  it('fails where 1389 answers but PID 1 is not slapd (the setup-time server)', () => {
    expect(spawnSync('unshare', ['-fp', '--mount-proc', 'sh', '-c', readinessCommand]).status).not.toBe(0);
  });

  it('fails where PID 1 is slapd but nothing answers on 1389', async () => {
    await ldap.stop();
    expect(namespace.run()).not.toBe(0);
  });
});
