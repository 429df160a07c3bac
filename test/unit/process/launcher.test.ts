/** How the harness tells that its launcher has gone, on real processes. */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, test } from 'vitest';
import { ancestors, goneAncestor, identify } from '../../../harness/process/launcher.ts';

const launcherModule = new URL('../../../harness/process/launcher.ts', import.meta.url).href;

describe('the launcher watch', () => {
  test("this process's ancestors start with its parent and stop before pid 1, each with its start time", () => {
    const chain = ancestors();
    expect(chain[0]).toEqual(identify(process.ppid));
    expect(chain.every((ancestor) => ancestor.pid > 1 && /^\d+$/.test(ancestor.startTime ?? ''))).toBe(true);
    expect(goneAncestor(chain)).toBeUndefined();
  });

  test('an ancestor that has ended is gone; so is its pid held by another process (another start time)', async () => {
    const child = spawn('sleep', ['30']);
    const recorded = identify(child.pid!)!;
    expect(ancestors(child.pid!)[0]).toEqual(identify(process.pid));
    expect(goneAncestor([recorded])).toBeUndefined();
    child.kill('SIGKILL');
    await once(child, 'exit');
    expect(goneAncestor([recorded])).toEqual(recorded);
    const reused = { pid: process.ppid, startTime: '1' };
    expect(goneAncestor([reused])).toEqual(reused);
  });

  test('watchLauncher calls back once the shell that started the process has been killed, naming it', async () => {
    const script = `import(${JSON.stringify(launcherModule)}).then(({ watchLauncher }) => {
      watchLauncher((gone) => { console.log('gone ' + gone.pid); process.exit(0); }, 50);
      setTimeout(() => process.exit(3), 20000);
      console.log('watching');
    })`;
    // `; true` keeps sh from exec'ing node: sh stays its parent, as npm's `sh -c` does.
    const shell = spawn('sh', ['-c', `"$0" --import tsx -e "$1"; true`, process.execPath, script], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    shell.stdout.on('data', (chunk) => (out += chunk));
    while (!out.includes('watching')) await sleep(50);
    shell.kill('SIGKILL');
    const deadline = Date.now() + 10_000;
    while (!out.includes('gone') && Date.now() < deadline) await sleep(50);
    expect(out).toContain(`gone ${shell.pid}`);
  });
});
