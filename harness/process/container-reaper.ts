/**
 * The reaper of one harness process (containers.ts starts it): `container-reaper.ts <owner>`. It reads
 * its standard input, where the harness names the helper containers it made ("container <id>"), until
 * the pipe closes; then it removes them and every container and network labelled with the owner, and
 * exits. It does what Testcontainers' Ryuk does, without an image to pull.
 */
import { createInterface } from 'node:readline';
import { getContainerRuntimeClient } from 'testcontainers';
import { removeOwned, type Owned } from './container-sweep.ts';

const owner = process.argv[2];
if (!owner) throw new TypeError('usage: container-reaper.ts <owner>');
// Ctrl-C in the harness's terminal reaches its whole process group; this process has its own session,
// but ignore hang-ups and interrupts anyway: only the pipe's end means the harness is gone.
for (const signal of ['SIGINT', 'SIGHUP'] as const) process.on(signal, () => {});

const extra: Owned = { containers: [] };
const lines = createInterface({ input: process.stdin });
lines.on('line', (line) => {
  const [kind, id] = line.trim().split(/\s+/);
  if (!id) return;
  if (kind === 'container') extra.containers.push(id);
});
lines.on('close', async () => {
  const client = await getContainerRuntimeClient();
  await removeOwned(client.container.dockerode, owner, extra);
  process.exit(0);
});
