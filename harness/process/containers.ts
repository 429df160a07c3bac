/**
 * What the container runtimes (Keycloak's, the directory's) share: the engine, the images, and making
 * sure no container outlives the harness. Every container the harness starts carries this process's
 * owner label; a reaper process (container-reaper.ts) removes what carries it, and the networks and
 * helper containers named to it, once this process ends however it ends. Testcontainers' own reaper
 * (Ryuk) does the same where its image can be pulled; the harness does not rely on it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { getContainerRuntimeClient, ImageName, type ContainerRuntimeClient, type GenericContainer, type StartedTestContainer } from 'testcontainers';
import { silent, type ProgressListener } from '../progress.ts';
import { endWithHarness } from './shutdown.ts';
import { ownerLabel, removeOwned, type Owned } from './container-sweep.ts';
import type { ServerLog } from './server-log.ts';

let engine: Promise<ContainerRuntimeClient | undefined> | undefined;

/** The Docker (or compatible) engine, or `undefined` when none answers (Testcontainers throws then). */
export function containerEngine(): Promise<ContainerRuntimeClient | undefined> {
  return (engine ??= getContainerRuntimeClient().catch(() => undefined));
}

export async function containerRuntimeAvailable(): Promise<boolean> {
  return (await containerEngine()) !== undefined;
}

export type ImageAvailability = { available: true } | { available: false; reason: string };

const images = new Map<string, Promise<ImageAvailability>>();

/**
 * Whether a container of `image` can start here: the engine answers, and the image is on it or can be
 * pulled (it is pulled now, once). Asked once per image and process.
 */
export function imageAvailability(image: string, progress: ProgressListener = silent): Promise<ImageAvailability> {
  let known = images.get(image);
  if (!known) {
    known = checkImage(image, progress);
    images.set(image, known);
  }
  return known;
}

async function checkImage(image: string, progress: ProgressListener): Promise<ImageAvailability> {
  const client = await containerEngine();
  if (!client) return { available: false, reason: 'no Docker (or compatible) engine answers on this machine' };
  const name = ImageName.fromString(image);
  try {
    if (await client.image.exists(name)) return { available: true };
    progress(`Pulling ${name.string} (once; later runs use it from the engine)`);
    await client.image.pull(name);
    // A registry may end the pull without the image (an error inside the stream): look again.
    if (await client.image.exists(name)) return { available: true };
    return { available: false, reason: `the pull of ${name.string} ended without the image` };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { available: false, reason: message.split('\n')[0]!.trim() };
  }
}

interface Reaper {
  owner: string;
  process: ChildProcess;
  extra: Owned;
}

let reaper: Reaper | undefined;

const reaperScript = fileURLToPath(new URL('./container-reaper.ts', import.meta.url));

/**
 * The labels of every container the harness starts. The first call starts this process's reaper: a
 * detached process that holds a pipe only this process writes to, and removes the owner's containers
 * and networks when the pipe closes, which the kernel does however this process ends.
 */
export function ownedContainerLabels(): Record<string, string> {
  if (!reaper) {
    const owner = randomUUID();
    const child = spawn(process.execPath, ['--import', import.meta.resolve('tsx'), reaperScript, owner], {
      detached: true,
      stdio: ['pipe', 'ignore', 'ignore'],
    });
    child.unref();
    const pipe = child.stdin!;
    pipe.on('error', () => {});
    (pipe as unknown as { unref(): void }).unref();
    const started: Reaper = { owner, process: child, extra: { containers: [], networks: [] } };
    reaper = started;
    // On an ordinary end (the command done, Ctrl-C), sweep here, so that nothing is left when the harness
    // exits; the reaper then finds nothing.
    endWithHarness(() => sweepOwnContainers(), { last: true });
  }
  return { [ownerLabel]: reaper.owner };
}

/** Containers and networks made for the harness without its label (Testcontainers' port forwarder, networks). */
export function removeWithHarness(kind: 'container' | 'network', id: string): void {
  ownedContainerLabels();
  const target = kind === 'container' ? reaper!.extra.containers : reaper!.extra.networks;
  if (target.includes(id)) return;
  target.push(id);
  reaper!.process.stdin!.write(`${kind} ${id}\n`);
}

/** Removes every container and network this process started, now. */
export async function sweepOwnContainers(): Promise<void> {
  const client = await containerEngine();
  if (!reaper || !client) return;
  await removeOwned(client.container.dockerode, reaper.owner, reaper.extra);
}

/** A started container's log, as a ServerLog (it has no file on this machine). */
export function containerLog(container: Pick<StartedTestContainer, 'logs'>): ServerLog {
  return {
    file: undefined,
    lastLines: async (count = 20) => {
      const chunks: string[] = [];
      for await (const chunk of await container.logs({ tail: count })) chunks.push(String(chunk));
      return chunks.join('').split('\n').filter(Boolean).slice(-count);
    },
  };
}

/**
 * Keeps the last lines a container prints while it starts: a container that fails to start is removed
 * with its log, and the error should still show what it said.
 */
export function keepRecentLog(container: GenericContainer, keep = 40): (count?: number) => string[] {
  const lines: string[] = [];
  container.withLogConsumer((stream) => {
    stream.on('data', (chunk: Buffer | string) => {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      lines.splice(0, Math.max(0, lines.length - keep));
    });
  });
  return (count = 20) => lines.slice(-count);
}
