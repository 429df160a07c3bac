/**
 * docker-compose.yml started for real with the images the harness uses: the build context holds only
 * what .dockerignore lets through, alice (Keycloak) and bob (the directory) log in to the mock Atlassian
 * SP, and `down` leaves nothing of the project.
 */
import { spawnSync } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { demoDirectoryPeople, demoOrganization, demoSpValues, demoStack, demoUrls } from '../../harness/compose/demo-stack.ts';
import { readDemoSigningKey, repositoryRoot } from '../../harness/compose/generate.ts';
import { idpInitiatedLogin, spInitiatedLogin } from '../../harness/login/flows.ts';
import { runLogin } from '../../harness/login/run-login.ts';
import { defaultUsers } from '../../harness/recommended/users.ts';
import { containerEngine } from '../../harness/process/containers.ts';
import { containersUnusable, testImages } from '../support/container-engine.ts';

const nodeImage = process.env.SAML_HARNESS_NODE_IMAGE || 'node:20-slim';
const unusable = await containersUnusable(testImages.keycloak, testImages.ldap, nodeImage);
const project = `saml-harness-compose-test-${process.pid}`;
const [keycloakRepository, keycloakVersion] = [testImages.keycloak.slice(0, testImages.keycloak.lastIndexOf(':')), testImages.keycloak.split(':').at(-1)!];

function compose(args: string[]) {
  const cli = spawnSync('docker', ['compose', 'version']).status === 0 ? ['docker', 'compose'] : ['docker-compose'];
  return spawnSync(cli[0]!, [...cli.slice(1), '-p', project, ...args], {
    cwd: repositoryRoot,
    encoding: 'utf8',
    env: {
      ...process.env,
      SAML_HARNESS_KEYCLOAK_IMAGE: keycloakRepository,
      KEYCLOAK_VERSION: keycloakVersion,
      SAML_HARNESS_LDAP_IMAGE: testImages.ldap,
      SAML_HARNESS_NODE_IMAGE: nodeImage,
    },
  });
}

async function projectContainers(): Promise<string[]> {
  const docker = (await containerEngine())!.container.dockerode;
  const found = await docker.listContainers({ all: true, filters: { label: [`com.docker.compose.project=${project}`] } });
  return found.map((container) => container.Names.join(','));
}

async function projectImages(): Promise<string[]> {
  const docker = (await containerEngine())!.container.dockerode;
  const images = await docker.listImages({ all: true });
  return images.flatMap((image) => image.RepoTags ?? []).filter((tag) => tag.startsWith(`${project}_`) || tag.startsWith(`${project}-`));
}

const sp = demoSpValues(demoOrganization(await readDemoSigningKey()));

describe.skipIf(unusable !== undefined)('docker-compose.yml, up for real', () => {
  let built: ReturnType<typeof compose>;

  beforeAll(async () => {
    built = compose(['build', '--force-rm']);
    expect(built.status, built.stderr).toBe(0);
    const up = compose(['up', '-d']);
    expect(up.status, up.stderr).toBe(0);
    const deadline = Date.now() + 240_000;
    for (;;) {
      const answers = await Promise.all([`${demoStack.keycloakUrl}/realms/${demoStack.realm}`, `${demoStack.spUrl}/health`].map((url) => fetch(url).then((r) => r.ok, () => false)));
      if (answers.every(Boolean)) break;
      if (Date.now() > deadline) throw new Error(`the stack did not come up: ${compose(['ps']).stdout}\n${compose(['logs', '--tail', '30']).stdout}`);
      await sleep(1000);
    }
  });

  afterAll(async () => {
    // --rmi local: the image the test built for sp-mock goes too (the project's name is this run's own).
    const down = compose(['down', '-v', '--remove-orphans', '--rmi', 'local']);
    expect(down.status, down.stderr).toBe(0);
    expect(await projectContainers()).toEqual([]);
    expect(await projectImages()).toEqual([]);
  });

  test("sp-mock's image is built from the checkout without node_modules: the build context is under 5 MB", () => {
    const sent = /Sending build context to Docker daemon\s+([\d.]+)\s*([kMG]?B)/.exec(built.stdout + built.stderr);
    expect(sent, built.stdout).not.toBeNull();
    const bytes = Number(sent![1]) * ({ B: 1, kB: 1e3, MB: 1e6, GB: 1e9 } as Record<string, number>)[sent![2]!]!;
    expect(bytes).toBeLessThan(5e6);
  });

  test('alice, a Keycloak user, logs in SP-initiated; bob, from the directory, too; the IdP-initiated login lands', async () => {
    const alice = defaultUsers[0]!;
    const bob = demoDirectoryPeople[0]!;
    const urls = demoUrls(sp);
    const runs = [
      await runLogin(spInitiatedLogin({ loginUrl: sp.loginUrl, email: alice.email!, user: alice })),
      await runLogin(spInitiatedLogin({ loginUrl: sp.loginUrl, email: bob.mail!, user: { username: bob.uid, password: bob.password } })),
      await runLogin(idpInitiatedLogin({ idpInitiatedUrl: urls.idpInitiatedLogin, user: alice })),
    ];
    expect(runs.map((run) => [run.outcome.result, run.outcome.attempt?.nameId])).toEqual([
      ['success', alice.email],
      ['success', bob.mail],
      ['success', alice.email],
    ]);
  });
});
