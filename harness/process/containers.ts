/**
 * What the container runtimes (Keycloak's, the directory's) share: the engine, the images, and making
 * sure no container outlives the harness. Every container and network the harness makes carries this
 * process's owner labels; a reaper process (container-reaper.ts) removes what carries them, and the
 * helper containers named to it, once this process ends however it ends. Testcontainers' own reaper
 * (Ryuk) does the same where its image can be pulled; the harness does not rely on it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import {
  getContainerRuntimeClient,
  ImageName,
  StartedNetwork,
  type ContainerRuntimeClient,
  type GenericContainer,
} from 'testcontainers';
import { HarnessError } from '../errors.ts';
import { silent, type ProgressListener } from '../progress.ts';
import { endWithHarness } from './shutdown.ts';
import { ownerLabel, ownerPidLabel, removeOwned, type Owned } from './container-sweep.ts';

let engine: Promise<ContainerRuntimeClient | undefined> | undefined;

/** The Docker (or compatible) engine, or `undefined` when none answers (Testcontainers throws then). */
export function containerEngine(): Promise<ContainerRuntimeClient | undefined> {
  return (engine ??= getContainerRuntimeClient().catch(() => undefined));
}

export async function containerRuntimeAvailable(): Promise<boolean> {
  return (await containerEngine()) !== undefined;
}

// Docker's grammar of an image reference (distribution/reference): [domain[:port]/]path[:tag][@digest].
const nameComponent = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const domainPart = '[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?';
const imageReference = new RegExp(
  `^(?:${domainPart}(?:\\.${domainPart})*(?::[0-9]+)?/)?${nameComponent}(?:/${nameComponent})*` +
    '(?::[\\w][\\w.-]{0,127})?(?:@[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,})?$',
);

/** `image` when it is an image reference Docker takes, else a USAGE error naming where it came from. */
export function checkedImageName(image: string, from: string): string {
  if (imageReference.test(image)) return image;
  throw new HarnessError(
    'USAGE',
    `"${image}" (${from}) is not an image name`,
    'Give a name such as quay.io/keycloak/keycloak:26.7.3, registry.example:5000/team/keycloak:{version} or my-openldap:2.6.',
  );
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
/** The harness's own folder: `--import tsx` resolves tsx from the working directory. */
const packageRoot = fileURLToPath(new URL('../../', import.meta.url));

/**
 * The labels of every container and network the harness makes: its owner (this process, by a random id
 * and by pid). The first call starts this process's reaper: a detached process that holds a pipe only
 * this process writes to, and removes the owner's containers and networks when the pipe closes, which
 * the kernel does however this process ends.
 */
export function ownedContainerLabels(): Record<string, string> {
  if (!reaper) {
    const owner = randomUUID();
    const child = spawn(process.execPath, ['--import', 'tsx', reaperScript, owner], {
      cwd: packageRoot,
      detached: true,
      stdio: ['pipe', 'ignore', 'ignore'],
    });
    child.unref();
    const pipe = child.stdin!;
    pipe.on('error', () => {});
    (pipe as unknown as { unref(): void }).unref();
    const started: Reaper = { owner, process: child, extra: { containers: [] } };
    reaper = started;
    // On an ordinary end (the command done, Ctrl-C), sweep here, so that nothing is left when the harness
    // exits; the reaper then finds nothing.
    endWithHarness(() => sweepOwnContainers(), { last: true });
  }
  return { [ownerLabel]: reaper.owner, [ownerPidLabel]: String(process.pid) };
}

/** A container made for the harness without its labels (Testcontainers' port forwarder). */
export function removeWithHarness(id: string): void {
  ownedContainerLabels();
  if (reaper!.extra.containers.includes(id)) return;
  reaper!.extra.containers.push(id);
  reaper!.process.stdin!.write(`container ${id}\n`);
}

/** A Docker network of the harness's (as Testcontainers' `new Network().start()` makes one, with the owner's labels). */
export async function startOwnedNetwork(): Promise<StartedNetwork> {
  const client = (await containerEngine())!;
  const name = `saml-harness-${randomUUID()}`;
  const network = await client.network.create({ Name: name, CheckDuplicate: true, Driver: 'bridge', Labels: ownedContainerLabels() });
  return new StartedNetwork(client, name, network);
}

/** Removes every container and network this process started, now. */
export async function sweepOwnContainers(): Promise<void> {
  const client = await containerEngine();
  if (!reaper || !client) return;
  await removeOwned(client.container.dockerode, reaper.owner, reaper.extra);
}

/**
 * Keeps the last lines a container prints, from its start: a container that fails to start is removed
 * with its log, and the error should still show what it said; Testcontainers' own `logs()` follows the
 * log and never ends, so this is also the started container's ServerLog.
 */
export function keepRecentLog(container: GenericContainer, keep = 400): (count?: number) => string[] {
  const lines: string[] = [];
  container.withLogConsumer((stream) => {
    stream.on('data', (chunk: Buffer | string) => {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      lines.splice(0, Math.max(0, lines.length - keep));
    });
  });
  return (count = 20) => lines.slice(-count);
}

/** A module's container did not start: what Testcontainers said, and what the container printed last. */
export class ContainerStartError extends Error {
  override readonly name = 'ContainerStartError';

  constructor(
    cause: unknown,
    readonly lastLines: string[],
  ) {
    super(cause instanceof Error ? cause.message : String(cause), { cause });
  }
}

/** The label that tells apart one start of a module's container from every other. */
export const startLabel = 'org.saml-harness.start';

/**
 * After a failed start: the last lines of the container that `start` labelled, which is then removed.
 * Testcontainers removes a container that never became ready, but not one that failed to start or that
 * exited before its ports were bound, and in neither case has its log been read.
 */
export async function removeFailedStart(start: string, count = 20): Promise<string[]> {
  const docker = (await containerEngine())!.container.dockerode;
  const stranded = await docker.listContainers({ all: true, filters: { label: [`${startLabel}=${start}`] } });
  const lines: string[] = [];
  for (const { Id } of stranded) {
    const container = docker.getContainer(Id);
    lines.push(...(await container.logs({ stdout: true, stderr: true, follow: false, tail: count }).then(demuxedLines, () => [])));
    await container.remove({ force: true, v: true }).catch(() => {});
  }
  return lines.slice(-count);
}

/** The lines of a log Docker sends as frames (8-byte header: stream, 3 zero bytes, a 32-bit length). */
function demuxedLines(log: Buffer | string): string[] {
  if (typeof log === 'string') return log.split('\n').filter(Boolean);
  let text = '';
  for (let offset = 0; offset + 8 <= log.length; ) {
    const size = log.readUInt32BE(offset + 4);
    text += log.subarray(offset + 8, offset + 8 + size).toString('utf8');
    offset += 8 + size;
  }
  return text.split('\n').filter(Boolean);
}

/**
 * Joins a created container, before it starts, to the engine's default bridge, where Testcontainers
 * puts its port forwarder (every process its own): so that the container can reach ports of this machine
 * later. Joining a running container instead makes Docker publish its ports anew, on other host ports.
 */
export async function joinDefaultBridge(containerId: string): Promise<void> {
  const client = (await containerEngine())!;
  const networks = await client.container.dockerode.listNetworks();
  const bridge =
    networks.find((network) => network.Options?.['com.docker.network.bridge.default_bridge'] === 'true') ??
    networks.find((network) => network.Name === 'bridge');
  if (!bridge) return;
  await client.container.connectToNetwork(client.container.getById(containerId), client.network.getById(bridge.Id), []);
}

/** A container's last log lines (its stdout and stderr, as `docker logs --tail` shows them), read once. */
export async function containerLogTail(containerId: string, count: number): Promise<string[]> {
  const client = await containerEngine();
  if (!client) return [];
  // Without follow, dockerode answers with the whole multiplexed buffer; its modem splits the streams.
  const buffer = (await client.container.getById(containerId).logs({ follow: false, stdout: true, stderr: true, tail: count })) as unknown as Buffer;
  const source = new PassThrough();
  const out = new PassThrough();
  const text: string[] = [];
  out.on('data', (chunk: Buffer) => text.push(chunk.toString('utf8')));
  const done = new Promise<void>((resolve) => source.on('end', () => setImmediate(resolve)));
  client.container.dockerode.modem.demuxStream(source, out, out);
  source.end(buffer);
  await done;
  return text.join('').split('\n').filter(Boolean);
}
