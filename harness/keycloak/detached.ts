/**
 * Records of servers left running by `saml-harness keycloak start --detach`, so that later runs attach
 * to them instead of booting, and `saml-harness keycloak stop` ends them.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cacheDir } from '../cache.ts';
import { HarnessError } from '../errors.ts';
import { lastLinesOf } from '../process/log-file.ts';
import { groupAlive, stopGroupByPid } from '../process/process-group.ts';
import { connectAdminClient } from './admin-client.ts';
import type { StartedDistributionKeycloak } from './distribution/start-distribution.ts';
import type { AdminCredentials, StartedKeycloak } from './started-keycloak.ts';

export const attachEnvVariable = 'SAML_HARNESS_ATTACH';

export interface DetachedRecord {
  version: string;
  baseUrl: string;
  relativePath: string;
  admin: AdminCredentials;
  pid: number;
  home: string;
  logFile: string | undefined;
  startedAt: string;
}

const recordsDir = () => cacheDir('running');

export async function recordDetached(keycloak: StartedDistributionKeycloak): Promise<string> {
  const record: DetachedRecord = {
    version: keycloak.version,
    baseUrl: keycloak.baseUrl,
    relativePath: keycloak.relativePath,
    admin: keycloak.admin,
    pid: keycloak.pid,
    home: keycloak.home,
    logFile: keycloak.log.file,
    startedAt: new Date().toISOString(),
  };
  const file = join(recordsDir(), `keycloak-${keycloak.pid}.json`);
  await writeFile(file, JSON.stringify(record, null, 2), { mode: 0o600 });
  return file;
}

/** Records of detached servers still alive; records of dead ones are removed. */
export async function listDetached(): Promise<DetachedRecord[]> {
  const alive: DetachedRecord[] = [];
  for (const name of readdirSync(recordsDir()).filter((n) => n.endsWith('.json'))) {
    const file = join(recordsDir(), name);
    const record = JSON.parse(readFileSync(file, 'utf8')) as DetachedRecord;
    if (groupAlive(record.pid)) alive.push(record);
    else await rm(file, { force: true });
  }
  return alive;
}

export async function stopDetached(record: DetachedRecord): Promise<void> {
  await stopGroupByPid(record.pid);
  if (existsSync(record.home)) await rm(record.home, { recursive: true, force: true });
  await rm(join(recordsDir(), `keycloak-${record.pid}.json`), { force: true });
}

/** A handle on a detached server; stopping it only lets go of it. */
export async function attachToDetached(version: string, relativePath: string): Promise<StartedKeycloak> {
  const candidates = await listDetached();
  const record = candidates.find((r) => r.version === version && r.relativePath === relativePath);
  if (!record) {
    const running = candidates.map((r) => `${r.version} at ${r.baseUrl}`).join(', ') || 'none';
    throw new HarnessError(
      'KC_NOT_RUNNING',
      `No detached Keycloak ${version}${relativePath ? ` with ${relativePath}` : ''} to attach to (running: ${running})`,
      `Start one with \`saml-harness keycloak start --version ${version}${relativePath ? ` --relative-path ${relativePath}` : ''} --detach\`, or drop --attach / ${attachEnvVariable}.`,
    );
  }
  const release = async () => {};
  return {
    runtime: 'attached',
    version: record.version,
    baseUrl: record.baseUrl,
    relativePath: record.relativePath,
    admin: record.admin,
    adminConsoleUrl: `${record.baseUrl}/admin/master/console/`,
    readyAfterMs: 0,
    // Earlier runs may have used its pooled realms, and its realms outlive this run: create and delete.
    realmPool: [],
    disposable: false,
    directoryRoute: { kind: 'local' },
    log: { file: record.logFile, lastLines: (count = 20) => (record.logFile ? lastLinesOf(record.logFile, count) : Promise.resolve([])) },
    adminClient: () => connectAdminClient(record.baseUrl, record.admin),
    stop: release,
    [Symbol.asyncDispose]: release,
  };
}
