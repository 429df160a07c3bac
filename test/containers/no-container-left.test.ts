/**
 * Whatever ends the harness, no container it started is left: a run that ends, a run interrupted with
 * Ctrl-C, the harness killed outright (its reaper), and its launcher killed (npx, as the README runs it).
 * The harness's containers and networks carry its pid, which is how these tests find them.
 */
import { spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, test } from 'vitest';
import { containerEngine } from '../../harness/process/containers.ts';
import { baseImageLabel, fastImageRepository } from '../../harness/keycloak/container/fast-image.ts';
import { ownerPidLabel } from '../../harness/process/container-sweep.ts';
import { startCli } from '../support/cli.ts';
import { isAlive } from '../support/processes.ts';
import { containersUnusable, harnessObjectsOf, testImages } from '../support/container-engine.ts';
import { repositoryRoot } from '../../harness/compose/generate.ts';
import { findOpenLdap } from '../../harness/ldap/native/openldap-install.ts';

const unusable = await containersUnusable(testImages.keycloak, testImages.ldap);
const slapdHere = (() => {
  try {
    return Boolean(findOpenLdap());
  } catch {
    return false;
  }
})();
const nothing = { containers: [], networks: [] };
const containerRun = ['--runtime', 'container', '--ldap-runtime', 'container'];

/** Polls until the harness process `pid` has nothing on the engine, or `withinMs` passed; returns what is left. */
async function leftAfter(pid: number, withinMs: number) {
  const deadline = Date.now() + withinMs;
  let left = await harnessObjectsOf(pid);
  while ((left.containers.length || left.networks.length) && Date.now() < deadline) {
    await sleep(500);
    left = await harnessObjectsOf(pid);
  }
  return left;
}

/** Port forwarders (Testcontainers' sshd) created since `since` (seconds): the harness removes its own. */
async function forwardersSince(since: number): Promise<string[]> {
  const docker = (await containerEngine())!.container.dockerode;
  const all = await docker.listContainers({ all: true, filters: { label: ['org.testcontainers.sshd=true'] } });
  return all.filter((container) => container.Created >= since).map((container) => container.Names.join(','));
}

describe.skipIf(unusable !== undefined)('no container outlives the harness', () => {
  test('after a run with its directories in containers, nothing is left', async () => {
    const cli = startCli(['run', ...containerRun, 'ldap-happy-path', 'ldap-down']);
    const { code } = await cli.exited;
    expect(code, cli.stderr()).toBe(0);
    expect(await harnessObjectsOf(cli.child.pid!)).toEqual(nothing);
  });

  test.skipIf(!slapdHere)("after a run whose directory is slapd here, reached through Testcontainers' port forwarder, nothing is left", async () => {
    const since = Math.floor(Date.now() / 1000) - 1;
    const cli = startCli(['run', '--runtime', 'container', '--ldap-runtime', 'native', 'ldap-happy-path', 'ldap-down']);
    const { code } = await cli.exited;
    expect(code, cli.stderr()).toBe(0);
    expect(await harnessObjectsOf(cli.child.pid!)).toEqual(nothing);
    expect(await forwardersSince(since)).toEqual([]);
  });

  test('Ctrl-C in the middle of a run stops it (exit 130) and removes its Keycloak, directories and network before it exits', async () => {
    const cli = startCli(['run', ...containerRun, 'ldap-happy-path', 'ldap-down', 'happy-path']);
    await cli.waitForStderr(/ready at http/);
    await sleep(1000);
    expect((await harnessObjectsOf(cli.child.pid!)).containers.length).toBeGreaterThan(0);
    cli.child.kill('SIGINT');
    const { code } = await cli.exited;
    expect(code).toBe(130);
    expect(cli.stderr()).toContain('SIGINT received: stopping what the harness started');
    expect(await harnessObjectsOf(cli.child.pid!)).toEqual(nothing);
  });

  test('when the harness itself is killed (SIGKILL), its reaper removes what it started', async () => {
    const cli = startCli(['keycloak', 'start', '--runtime', 'container']);
    await cli.waitForOutput(/base URL: +http:\/\/127\.0\.0\.1:\d+/);
    expect((await harnessObjectsOf(cli.child.pid!)).containers).toEqual([expect.stringMatching(new RegExp(`^${fastImageRepository}:[^ ]+ running$`))]);
    cli.child.kill('SIGKILL');
    await cli.exited;
    expect(await leftAfter(cli.child.pid!, 30_000)).toEqual(nothing);
  });

  test('`npx saml-harness keycloak start` whose npx gets SIGTERM: the harness notices its launcher has gone, stops its Keycloak and exits', async () => {
    const since = Math.floor(Date.now() / 1000) - 1;
    const npx = spawn('npx', ['saml-harness', 'keycloak', 'start', '--runtime', 'container'], { cwd: repositoryRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    npx.stdout.on('data', (chunk) => (out += chunk));
    npx.stderr.on('data', (chunk) => (out += chunk));
    const deadline = Date.now() + 240_000;
    while (!/base URL:/.test(out) && Date.now() < deadline) await sleep(500);
    expect(out).toMatch(/base URL:/);
    const docker = (await containerEngine())!.container.dockerode;
    const labelled = await docker.listContainers({ filters: { label: [ownerPidLabel] } });
    // Started from the fast-start image of the test image, which its containers carry as a label.
    const keycloak = labelled.find((container) => container.Labels[baseImageLabel] === testImages.keycloak && container.Created >= since);
    const harnessPid = Number(keycloak?.Labels[ownerPidLabel]);
    expect(isAlive(harnessPid)).toBe(true);
    npx.kill('SIGTERM');
    expect(await leftAfter(harnessPid, 30_000)).toEqual(nothing);
    for (let i = 0; i < 60 && isAlive(harnessPid); i++) await sleep(500);
    expect(isAlive(harnessPid)).toBe(false);
  });
});
