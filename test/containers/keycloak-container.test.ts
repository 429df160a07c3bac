/** Keycloak through Testcontainers, for real: the image setting, its checks, and nothing left behind. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { HarnessError } from '../../harness/errors.ts';
import { fastImageFor, fastImageRepository } from '../../harness/keycloak/container/fast-image.ts';
import { defaultAdmin, keycloakRuntimeFor, startKeycloak } from '../../harness/keycloak/start-keycloak.ts';
import { containerEngine } from '../../harness/process/containers.ts';
import { defaultKeycloakVersion as version } from '../../harness/keycloak/versions.ts';
import { containersUnusable, harnessObjectsOf, testImages } from '../support/container-engine.ts';

const unusable = await containersUnusable(testImages.keycloak, testImages.ldap);
const nothing = { containers: [], networks: [] };

describe.skipIf(unusable !== undefined)('Keycloak in a container', () => {
  test('serves every URL under /auth, answers the admin API, runs on a network of its own; stop() leaves neither container nor network', async () => {
    const keycloak = await startKeycloak({ runtime: 'container', relativePath: '/auth' });
    try {
      expect(keycloak.runtime).toBe('container');
      expect(keycloak.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/auth$/);
      expect((await fetch(`${keycloak.baseUrl}/realms/master`)).status).toBe(200);
      const admin = await keycloak.adminClient();
      expect((await admin.realms.find()).map((realm) => realm.realm)).toContain('master');
      expect(keycloak.directoryRoute.kind).toBe('network');
      const mine = await harnessObjectsOf(process.pid);
      // Started from the fast-start image derived from the test image (container/fast-image.ts).
      expect(mine.containers).toEqual([expect.stringMatching(new RegExp(`^${fastImageRepository}:${version}-[0-9a-f]{12} running$`))]);
      expect(mine.networks).toHaveLength(1);
      expect(await keycloak.log.lastLines(200)).toEqual(expect.arrayContaining([expect.stringMatching(/started in/)]));
    } finally {
      await keycloak.stop();
    }
    expect(await harnessObjectsOf(process.pid)).toEqual(nothing);
  });

  test('the first start on a machine makes a fast-start image once (build step, realm pool, class-data archive), removes its maker, and starts from it', async () => {
    // An admin of its own: an image no earlier test made.
    const admin = { username: 'fast-image-test', password: `p-${process.pid}` };
    const docker = (await containerEngine())!.container.dockerode;
    const notes: string[] = [];
    const first = await fastImageFor({ version, image: testImages.keycloak, admin, relativePath: '', progress: (line) => notes.push(line) });
    try {
      expect(first.made).toBe(true);
      expect(first.realmPool).toHaveLength(48);
      expect(notes[0]).toMatch(/making a fast-start image of .+ \(once on this machine/);
      expect(await harnessObjectsOf(process.pid)).toEqual(nothing);
      const again = await fastImageFor({ version, image: testImages.keycloak, admin, relativePath: '', progress: () => {} });
      expect(again).toEqual({ ...first, made: false });
      const labels = (await docker.getImage(first.image).inspect()).Config.Labels ?? {};
      expect(labels['org.saml-harness.owner']).toBe('');
      const keycloak = await startKeycloak({ runtime: 'container', admin });
      try {
        expect(keycloak.realmPool).toEqual(first.realmPool);
        expect((await fetch(`${keycloak.baseUrl}/realms/${first.realmPool[0]}`)).status).toBe(200);
        expect((await harnessObjectsOf(process.pid)).containers).toEqual([`${first.image} running`]);
        expect(await keycloak.log.lastLines(400)).not.toEqual(expect.arrayContaining([expect.stringMatching(/Updating the configuration and installing your custom providers/)]));
      } finally {
        await keycloak.stop();
      }
    } finally {
      await docker.getImage(first.image).remove({ force: true });
    }
    expect(await harnessObjectsOf(process.pid)).toEqual(nothing);
  });

  test('without the fast start (SAML_HARNESS_CONTAINER_FAST_START=0), the image itself runs', async () => {
    const keycloak = await startKeycloak({ runtime: 'container', fastStart: false });
    try {
      expect((await harnessObjectsOf(process.pid)).containers).toEqual([`${testImages.keycloak} running`]);
      expect(keycloak.realmPool).toEqual([]);
      // The image's start-dev runs the build step at every start: what the fast image saves.
      expect(await keycloak.log.lastLines(400)).toEqual(expect.arrayContaining([expect.stringMatching(/Updating the configuration and installing your custom providers/)]));
    } finally {
      await keycloak.stop();
    }
  });

  test('an image holding another Keycloak than the version asked for is KC_IMAGE_VERSION_MISMATCH, and nothing is left', async () => {
    const error = (await startKeycloak({ version: '21.0.2', runtime: 'container', image: testImages.keycloak }).catch((caught: unknown) => caught)) as HarnessError;
    expect(error.code).toBe('KC_IMAGE_VERSION_MISMATCH');
    expect(error.message).toContain(`runs Keycloak ${testImages.keycloak.split(':').at(-1)}, not the requested 21.0.2`);
    expect(await harnessObjectsOf(process.pid)).toEqual(nothing);
  });

  test('an image that is no Keycloak fails to start with what it said, and nothing is left', async () => {
    const error = (await startKeycloak({ runtime: 'container', image: testImages.ldap }).catch((caught: unknown) => caught)) as HarnessError;
    expect(HarnessError.is(error, 'KC_EXITED_DURING_START')).toBe(true);
    expect(error.message).toContain(testImages.ldap);
    expect(await harnessObjectsOf(process.pid)).toEqual(nothing);
  });

  test('an image neither on the engine nor pullable: auto takes the distribution and says why; container fails KC_IMAGE_UNAVAILABLE with the fix', async () => {
    const image = 'registry.invalid/keycloak/keycloak:{version}';
    const auto = await keycloakRuntimeFor({ version: '26.7.3', image });
    expect(auto.runtime).toBe('distribution');
    expect(auto.note).toMatch(/^The Keycloak image registry\.invalid\/keycloak\/keycloak:26\.7\.3 cannot run here \(.+\): using the distribution runtime$/);
    const error = (await startKeycloak({ runtime: 'container', image }).catch((caught: unknown) => caught)) as HarnessError;
    expect(error.code).toBe('KC_IMAGE_UNAVAILABLE');
    expect(error.fix).toMatch(/docker pull registry\.invalid\/keycloak\/keycloak:26\.7\.3.*TESTCONTAINERS_HUB_IMAGE_NAME_PREFIX.*docker\/ci-images\/build.*--runtime distribution/);
  });

  test('a version with no server archive still runs from its image where that image is on the engine', async () => {
    const decision = await keycloakRuntimeFor({ version: '21.1.2', image: testImages.keycloak });
    expect(decision.runtime).toBe('container');
  });
});

describe.skipIf(unusable !== undefined)("the Keycloak matrix workflow's image cache", () => {
  const workflow = parse(readFileSync(new URL('../../.github/workflows/keycloak-matrix.yml', import.meta.url), 'utf8')) as {
    jobs: { keycloak: { steps: Array<{ run?: string }> } };
  };
  const stepRunning = (command: string) => workflow.jobs.keycloak.steps.find((step) => step.run?.includes(command))!.run!;
  /** A step's script as the job runs it, on this engine's Keycloak image where the job pulls the official one. */
  const runStep = (script: string, home: string) =>
    execFileSync('bash', ['-euo', 'pipefail', '-c', script.replaceAll('quay.io/keycloak/keycloak:$KEYCLOAK_VERSION', testImages.keycloak)], {
      env: { ...process.env, HOME: home, KEYCLOAK_VERSION: version },
      encoding: 'utf8',
    });

  test('the images a job keeps load back on the next: the fast-start image is found and not made again', async () => {
    const docker = (await containerEngine())!.container.dockerode;
    const home = mkdtempSync(join(tmpdir(), 'saml-harness-actions-cache-'));
    try {
      const made = await fastImageFor({ version, image: testImages.keycloak, admin: defaultAdmin, relativePath: '', progress: () => {} });
      runStep(stepRunning('docker save'), home);
      expect(statSync(join(home, '.cache/saml-harness-images/keycloak.tar')).size).toBeGreaterThan(100_000_000);
      await docker.getImage(made.image).remove({ force: true });
      runStep(stepRunning('docker load'), home);
      expect(await fastImageFor({ version, image: testImages.keycloak, admin: defaultAdmin, relativePath: '', progress: () => {} })).toEqual({ ...made, made: false });
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });
});
