/**
 * The Docker user's baseline: `docker run … <image> start-dev`, as Keycloak's docs give it, timed from the
 * command to the master realm answering.
 */
import { execFileSync } from 'node:child_process';
import { versionRules } from '../harness/keycloak/versions.ts';
import { waitForHttp } from '../harness/process/wait-for-http.ts';

export async function bareContainerStart(image: string, version: string): Promise<number> {
  const admin = versionRules(version).adminEnv;
  const started = Date.now();
  const id = execFileSync(
    'docker',
    ['run', '-d', '--rm', '-p', '127.0.0.1::8080', '-e', `${admin.username}=admin`, '-e', `${admin.password}=admin`, image, 'start-dev'],
    { encoding: 'utf8' },
  ).trim();
  try {
    const port = execFileSync('docker', ['port', id, '8080/tcp'], { encoding: 'utf8' }).trim().split(':').at(-1);
    await waitForHttp(`http://127.0.0.1:${port}/realms/master`, {
      subject: `docker run ${image} start-dev`,
      timeoutMs: 300_000,
      timeout: { code: 'KC_READY_TIMEOUT', fix: 'The bare container boot is the baseline: run the benchmark on a quieter machine.' },
    });
    return Date.now() - started;
  } finally {
    execFileSync('docker', ['rm', '-f', id], { stdio: 'ignore' });
  }
}
