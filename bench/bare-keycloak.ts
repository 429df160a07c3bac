/**
 * The user's baseline: `kc.sh start-dev` on an unpacked distribution whose build step has already run,
 * with a fresh data/ each time — what someone without the harness does.
 */
import { spawn } from 'node:child_process';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { waitForHttp } from '../harness/process/wait-for-http.ts';
import { freePort } from '../harness/process/ports.ts';
import { groupAlive } from '../harness/process/process-group.ts';
import { setTimeout as sleep } from 'node:timers/promises';
import { javaPidInGroup, peakRssMb } from './process-stats.ts';
import { versionRules } from '../harness/keycloak/versions.ts';

export interface BareKeycloak {
  home: string;
  javaHome: string;
  /** One timed start from a fresh data/: ms to ready and the JVM's peak RSS. */
  start(): Promise<{ readyMs: number; peakRssMb: number | undefined }>;
  dispose(): Promise<void>;
}

export async function prepareBareKeycloak(distributionHome: string, javaHome: string, version: string): Promise<BareKeycloak> {
  const root = await mkdtemp(join(tmpdir(), 'saml-harness-bench-bare-'));
  const home = join(root, `keycloak-${version}`);
  await cp(distributionHome, home, { recursive: true });
  const bare: BareKeycloak = {
    home,
    javaHome,
    async start() {
      await rm(join(home, 'data'), { recursive: true, force: true });
      const http = await freePort();
      const management = await freePort('127.0.0.1', [http]);
      const started = Date.now();
      const args = ['start-dev', `--http-port=${http}`];
      if (versionRules(version).hasManagementInterface) args.push(`--http-management-port=${management}`);
      const child = spawn(join(home, 'bin', 'kc.sh'), args, {
        detached: true,
        stdio: 'ignore',
        env: { ...process.env, JAVA_HOME: javaHome, KC_BOOTSTRAP_ADMIN_USERNAME: 'admin', KC_BOOTSTRAP_ADMIN_PASSWORD: 'admin', KEYCLOAK_ADMIN: 'admin', KEYCLOAK_ADMIN_PASSWORD: 'admin' },
      });
      const pgid = child.pid!;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      let gone = false;
      void exited.then(() => (gone = true));
      try {
        await waitForHttp(`http://127.0.0.1:${http}/realms/master`, {
          subject: `bare Keycloak ${version}`,
          timeoutMs: 300_000,
          timeout: { code: 'KC_READY_TIMEOUT', fix: 'The bare boot is the baseline: run the benchmark on a quieter machine.' },
          checkAlive: async () => {
            if (gone) throw new Error(`bare Keycloak ${version} exited during start`);
          },
        });
        const readyMs = Date.now() - started;
        return { readyMs, peakRssMb: peakRssMb(javaPidInGroup(pgid)) };
      } finally {
        process.kill(-pgid, 'SIGTERM');
        while (groupAlive(pgid)) await sleep(100);
      }
    },
    async dispose() {
      await rm(root, { recursive: true, force: true });
    },
  };
  return bare;
}
