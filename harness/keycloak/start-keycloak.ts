/** One way to get a running Keycloak, whichever runtime this machine allows. */
import { HarnessError } from '../errors.ts';
import { silent, type ProgressListener } from '../progress.ts';
import { ContainerStartError, imageAvailability, startOwnedNetwork } from '../process/containers.ts';
import { endWithHarness } from '../process/shutdown.ts';
import { choiceFromEnvironment } from '../settings.ts';
import { connectAdminClient } from './admin-client.ts';
import { fastImageFor, fastImageJavaOptions, type FastImage, type FastImageRequest } from './container/fast-image.ts';
import { checkServedVersion } from './container/served-version.ts';
import { KeycloakContainer, keycloakImageEnvVariable, keycloakImageFor } from './container/keycloak-container.ts';
import { attachEnvVariable, attachToDetached } from './detached.ts';
import { startDistributionKeycloak } from './distribution/start-distribution.ts';
import { normaliseRelativePath } from './relative-path.ts';
import type { AdminCredentials, StartedKeycloak } from './started-keycloak.ts';
import { defaultKeycloakVersion, supportedVersions, versionRules } from './versions.ts';

export const keycloakRuntimeChoices = ['auto', 'container', 'distribution'] as const;
export type KeycloakRuntimeChoice = (typeof keycloakRuntimeChoices)[number];
/** The runtime when no `--runtime` is given (`npm test` reads it too). */
export const runtimeEnvVariable = 'SAML_HARNESS_RUNTIME';
export const fastStartEnvVariable = 'SAML_HARNESS_CONTAINER_FAST_START';

export interface StartKeycloakOptions {
  version?: string;
  /** Default: SAML_HARNESS_RUNTIME, else `auto` (a container when an engine answers and the image is there or can be pulled). */
  runtime?: KeycloakRuntimeChoice;
  /** The container runtime's image: `{version}` stands for the version (default: SAML_HARNESS_KEYCLOAK_IMAGE, else the official image). */
  image?: string;
  /** `'/auth'` gives the pre-17 URL layout people still paste into Atlassian. */
  relativePath?: string;
  admin?: AdminCredentials;
  distributionArchive?: string;
  httpPort?: number;
  managementPort?: number;
  javaHome?: string;
  readyTimeoutMs?: number;
  /** Use a server left running by `keycloak start --detach` (also: SAML_HARNESS_ATTACH=1). */
  attach?: boolean;
  /**
   * The container runtime starts from a derived image with the build step and a data template done
   * (container/fast-image.ts). Default: on, unless SAML_HARNESS_CONTAINER_FAST_START=0.
   */
  fastStart?: boolean;
  outliveParent?: boolean;
  progress?: ProgressListener;
}

export const defaultAdmin: AdminCredentials = { username: 'admin', password: 'admin' };

export async function startKeycloak(options: StartKeycloakOptions = {}): Promise<StartedKeycloak> {
  const version = options.version ?? defaultKeycloakVersion;
  const relativePath = normaliseRelativePath(options.relativePath);
  const progress = options.progress ?? silent;
  versionRules(version);
  if (options.attach ?? isTruthy(process.env[attachEnvVariable])) {
    const attached = await attachToDetached(version, relativePath);
    progress(`Attached to the detached Keycloak ${version} at ${attached.baseUrl}`);
    return attached;
  }
  const { runtime, image, note } = await keycloakRuntimeFor({ ...options, version, progress });
  if (note) progress(note);
  progress(`Starting Keycloak ${version} (${runtime} runtime${runtime === 'container' ? `, ${image}` : ''})`);
  const admin = options.admin ?? defaultAdmin;
  if (runtime === 'container') {
    if (options.outliveParent) {
      throw new HarnessError(
        'USAGE',
        'A detached Keycloak is only kept for the distribution runtime',
        'Use `docker compose up` (docker-compose.yml) for a long-lived Keycloak in Docker, or --runtime distribution.',
      );
    }
    const fastStart = options.fastStart ?? !['0', 'false', 'no'].includes((process.env[fastStartEnvVariable] ?? '').toLowerCase());
    return startContainerKeycloak({ version, image, admin, relativePath, progress, fastStart, ...(options.readyTimeoutMs ? { readyTimeoutMs: options.readyTimeoutMs } : {}) });
  }
  return startDistributionKeycloak({
    version,
    admin,
    relativePath,
    progress,
    ...(options.distributionArchive ? { distributionArchive: options.distributionArchive } : {}),
    ...(options.httpPort ? { httpPort: options.httpPort } : {}),
    ...(options.managementPort ? { managementPort: options.managementPort } : {}),
    ...(options.javaHome ? { javaHome: options.javaHome } : {}),
    ...(options.readyTimeoutMs ? { readyTimeoutMs: options.readyTimeoutMs } : {}),
    ...(options.outliveParent ? { outliveParent: true } : {}),
  });
}

export interface RuntimeDecision {
  runtime: 'container' | 'distribution';
  image: string;
  /** Why `auto` did not take the container runtime where an engine answers. */
  note?: string;
}

/**
 * Which runtime a start takes: the one asked for (else SAML_HARNESS_RUNTIME, else `auto`), checked:
 * `auto` takes a container when an engine answers and the image is there or can be pulled (it is pulled
 * then), the distribution otherwise; `container` fails with the fix when the image cannot run.
 */
export async function keycloakRuntimeFor(
  options: Pick<StartKeycloakOptions, 'runtime' | 'image' | 'distributionArchive' | 'progress'> & { version: string },
): Promise<RuntimeDecision> {
  const { version } = options;
  const image = keycloakImageFor(version, options.image);
  const choice = options.runtime ?? choiceFromEnvironment(runtimeEnvVariable, keycloakRuntimeChoices) ?? 'auto';
  if (choice === 'distribution') return { runtime: 'distribution', image };
  const availability = await imageAvailability(image, options.progress);
  if (availability.available) return { runtime: 'container', image };
  if (choice === 'container') throw imageUnavailable(image, availability.reason);
  const containerOnly = supportedVersions.find((v) => v.version === version)?.source === 'container';
  if (containerOnly && !options.distributionArchive) {
    throw new HarnessError(
      'KC_VERSION_NOT_SERVED',
      `Keycloak ${version} has no server archive on Maven Central, and its image cannot run here: ${availability.reason}`,
      `Pass the archive you have with --distribution-archive PATH (keycloak-${version}.tar.gz from keycloak.org), or run where Docker runs and ${image} can be pulled.`,
    );
  }
  if (/^no Docker/.test(availability.reason)) return { runtime: 'distribution', image };
  return { runtime: 'distribution', image, note: `The Keycloak image ${image} cannot run here (${availability.reason}): using the distribution runtime` };
}

function imageUnavailable(image: string, reason: string): HarnessError {
  if (/^no Docker/.test(reason)) {
    return new HarnessError('NO_CONTAINER_RUNTIME', 'No Docker (or compatible) engine answers on this machine', 'Start Docker, set DOCKER_HOST, or use --runtime distribution (needs a JDK 17+).');
  }
  return new HarnessError(
    'KC_IMAGE_UNAVAILABLE',
    `The Keycloak image ${image} is not on this Docker engine and cannot be pulled: ${reason}`,
    `Pull or mirror it (docker pull ${image}; behind a registry mirror set TESTCONTAINERS_HUB_IMAGE_NAME_PREFIX), ` +
      `build one where no registry is reachable (docker/ci-images/build), point --keycloak-image or ${keycloakImageEnvVariable} at an image you have, ` +
      'or use --runtime distribution.',
  );
}

/** What the fast-start image is made from, and whether to use one. */
interface ContainerStart extends FastImageRequest {
  fastStart: boolean;
}

/**
 * Keycloak in a container on a network of its own, which the directories of its scenarios join. The
 * network and the container go when it stops, or with the harness.
 */
async function startContainerKeycloak(options: ContainerStart): Promise<StartedKeycloak> {
  const started = Date.now();
  let fast: FastImage | undefined;
  try {
    if (options.fastStart) fast = await fastImageFor(options);
  } catch (error) {
    throw HarnessError.is(error) ? error : containerStartFailed(options, error);
  }
  const network = await startOwnedNetwork();
  const container = new KeycloakContainer(options.version, fast?.image ?? options.image)
    .withAdmin(options.admin)
    .withRelativePath(options.relativePath)
    .withJavaOptions(fast ? fastImageJavaOptions : [])
    .withNetwork(network);
  if (options.readyTimeoutMs) container.withStartupTimeout(options.readyTimeoutMs);
  let running;
  try {
    running = await container.start();
  } catch (error) {
    await network.stop().catch(() => {});
    throw containerStartFailed(options, error);
  }
  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      release();
      await running.stop();
      // A directory container still on the network (an interrupted scenario) keeps it; the sweep removes both.
      await network.stop().catch(() => {});
    })());
  const release = endWithHarness(stop);
  const baseUrl = running.getBaseUrl();
  try {
    await checkServedVersion(baseUrl, options.admin, options.version, options.image);
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    runtime: 'container',
    version: options.version,
    baseUrl,
    relativePath: options.relativePath,
    admin: options.admin,
    adminConsoleUrl: running.getAdminConsoleUrl(),
    readyAfterMs: Date.now() - started,
    realmPool: fast?.realmPool ?? [],
    disposable: true,
    directoryRoute: { kind: 'network', network: network.getName(), containerId: running.getId() },
    log: { file: undefined, lastLines: async (count = 20) => container.lastLogLines(count) },
    adminClient: () => connectAdminClient(baseUrl, options.admin),
    stop,
    [Symbol.asyncDispose]: stop,
  };
}

function containerStartFailed(options: ContainerStart, error: unknown): HarnessError {
  const lines = error instanceof ContainerStartError ? error.lastLines : [];
  const log = lines.length ? `; last log lines:\n${lines.join('\n')}` : '';
  const why = error instanceof Error ? error.message : String(error);
  const subject = `Keycloak ${options.version} in a container of ${options.image}`;
  if (/timed out|timeout/i.test(why)) {
    return new HarnessError(
      'KC_READY_TIMEOUT',
      `${subject} not ready after ${options.readyTimeoutMs ?? 180_000} ms${log}`,
      'On a slow or busy machine raise --ready-timeout; the first start on a machine also makes the fast-start image (about a minute).',
      { cause: error },
    );
  }
  return new HarnessError('KC_EXITED_DURING_START', `${subject} did not start: ${why}${log}`, 'Read the log lines above; check that the image is a Keycloak image of that version.', { cause: error });
}

function isTruthy(value: string | undefined): boolean {
  return value !== undefined && !['', '0', 'false', 'no'].includes(value.toLowerCase());
}
