/** Whatever ends the harness, no Keycloak outlives it. Each test gives its servers a private TMPDIR to find them by. */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, inject, test } from 'vitest';
import { repositoryRoot } from '../../../harness/compose/generate.ts';
import { startCli } from '../../support/cli.ts';
import { descendantsOf, isAlive, processesMatching } from '../../support/processes.ts';

const version = inject('keycloak').version;
const folders: string[] = [];
afterEach(() => folders.splice(0).forEach((folder) => rmSync(folder, { recursive: true, force: true })));

function privateTmp(): string {
  const folder = mkdtempSync(join(tmpdir(), 'saml-harness-signal-test-'));
  folders.push(folder);
  return folder;
}

async function noneLeft(marker: string, withinMs: number): Promise<string[]> {
  const deadline = Date.now() + withinMs;
  while (processesMatching(marker).length && Date.now() < deadline) await sleep(250);
  return processesMatching(marker);
}

describe('no Keycloak process outlives the harness', () => {
  test.each(['SIGINT', 'SIGTERM'] as const)('`keycloak start` stopped with %s stops its server and removes its folder', async (signal) => {
    const tmp = privateTmp();
    const cli = startCli(['keycloak', 'start', '--version', version, '--runtime', 'distribution'], { TMPDIR: tmp });
    await cli.waitForOutput(/base URL: +http:\/\/127\.0\.0\.1:\d+/);
    expect(processesMatching(tmp).length).toBeGreaterThan(0);
    cli.child.kill(signal);
    const { code } = await cli.exited;
    expect(code).toBe(0);
    expect(cli.stderr()).toContain('Stopped.');
    expect(processesMatching(tmp)).toEqual([]);
    expect(readdirSync(tmp).filter((name) => name.startsWith('saml-harness-keycloak-'))).toEqual([]);
  });

  test('`npx saml-harness keycloak start` whose npx gets SIGTERM (npm ends alone): the harness sees its launcher gone and stops its server', async () => {
    const tmp = privateTmp();
    const npx = spawn('npx', ['saml-harness', 'keycloak', 'start', '--version', version, '--runtime', 'distribution'], {
      cwd: repositoryRoot,
      env: { ...process.env, TMPDIR: tmp },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    npx.stdout.on('data', (chunk) => (out += chunk));
    const deadline = Date.now() + 180_000;
    while (!/base URL:/.test(out) && Date.now() < deadline) await sleep(250);
    expect(processesMatching(tmp).filter((line) => line.includes('java'))).toHaveLength(1);
    const launched = descendantsOf(npx.pid!);
    npx.kill('SIGTERM');
    expect(await noneLeft(tmp, 40_000)).toEqual([]);
    for (let i = 0; i < 40 && launched.some(isAlive); i++) await sleep(250);
    expect(launched.filter(isAlive)).toEqual([]);
    expect(readdirSync(tmp).filter((name) => name.startsWith('saml-harness-keycloak-'))).toEqual([]);
  });

  test('when the harness itself is killed (SIGKILL), the watchdog ends its server', async () => {
    const tmp = privateTmp();
    const script = `
      const { startKeycloak } = await import(${JSON.stringify(new URL('../../../harness/keycloak/start-keycloak.ts', import.meta.url).pathname)});
      const keycloak = await startKeycloak({ version: ${JSON.stringify(version)}, runtime: 'distribution' });
      console.log('ready ' + keycloak.baseUrl);
      setInterval(() => {}, 1000);
    `;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      env: { ...process.env, TMPDIR: tmp },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('ready ') && resolve());
      child.on('exit', (code) => reject(new Error(`exited early with ${code}`)));
    });
    expect(processesMatching(tmp).filter((line) => line.includes('java')).length).toBe(1);
    child.kill('SIGKILL');
    expect(await noneLeft(tmp, 40_000)).toEqual([]);
    await sleep(1500);
    expect(readdirSync(tmp).filter((name) => name.startsWith('saml-harness-keycloak-'))).toEqual([]);
  });
});
