/** One way to get a running Keycloak, whichever runtime this machine allows. */
import { TestContainers } from 'testcontainers';
import { HarnessError } from '../errors.ts';
import { silent, type ProgressListener } from '../progress.ts';
import { containerLog, containerRuntimeAvailable } from '../process/containers.ts';
import { connectAdminClient } from './admin-client.ts';
import { KeycloakContainer } from './container/keycloak-container.ts';
import { attachEnvVariable, attachToDetached } from './detached.ts';
import { startDistributionKeycloak } from './distribution/start-distribution.ts';
import { normaliseRelativePath } from './relative-path.ts';
import type { AdminCredentials, StartedKeycloak } from './started-keycloak.ts';
import { defaultKeycloakVersion, supportedVersions, versionRules } from './versions.ts';

export type KeycloakRuntimeChoice = 'auto' | 'container' | 'distribution';

export interface StartKeycloakOptions {
  version?: string;
  runtime?: KeycloakRuntimeChoice;
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
  const runtime = await resolveRuntime(options.runtime ?? 'auto', version, options.distributionArchive);
  progress(`Starting Keycloak ${version} (${runtime} runtime)`);
  const admin = options.admin ?? defaultAdmin;
  if (runtime === 'container') {
    if (options.outliveParent) {
      throw new HarnessError(
        'USAGE',
        'A detached Keycloak is only kept for the distribution runtime',
        'Use `docker compose up` (docker-compose.yml) for a long-lived Keycloak in Docker, or --runtime distribution.',
      );
    }
    return startContainerKeycloak(version, admin, relativePath, options.readyTimeoutMs);
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

async function resolveRuntime(choice: KeycloakRuntimeChoice, version: string, archive: string | undefined) {
  const containerOnly = supportedVersions.find((v) => v.version === version)?.source === 'container';
  if (choice === 'container') {
    if (!(await containerRuntimeAvailable())) throw noContainerRuntime();
    return 'container' as const;
  }
  if (choice === 'distribution') return 'distribution' as const;
  if (await containerRuntimeAvailable()) return 'container' as const;
  if (containerOnly && !archive) {
    throw new HarnessError(
      'KC_VERSION_NOT_SERVED',
      `Keycloak ${version} has no server archive on Maven Central, and no Docker engine answers here`,
      `Pass the archive you have with --distribution-archive PATH (keycloak-${version}.tar.gz from keycloak.org), or run where Docker runs.`,
    );
  }
  return 'distribution' as const;
}

function noContainerRuntime(): HarnessError {
  return new HarnessError(
    'NO_CONTAINER_RUNTIME',
    'No Docker (or compatible) engine answers on this machine',
    'Start Docker, set DOCKER_HOST, or use --runtime distribution (needs a JDK 17+).',
  );
}

async function startContainerKeycloak(
  version: string,
  admin: AdminCredentials,
  relativePath: string,
  readyTimeoutMs: number | undefined,
): Promise<StartedKeycloak> {
  const started = Date.now();
  // The port forwarder must run before Keycloak's container starts, so that the container knows the host
  // by name (host.testcontainers.internal) when a scenario later exposes a directory's port to it.
  await TestContainers.exposeHostPorts();
  const container = new KeycloakContainer(version).withAdmin(admin).withRelativePath(relativePath);
  if (readyTimeoutMs) container.withStartupTimeout(readyTimeoutMs);
  const running = await container.start();
  const baseUrl = running.getBaseUrl();
  const stop = async () => {
    await running.stop();
  };
  return {
    runtime: 'container',
    version,
    baseUrl,
    relativePath,
    admin,
    adminConsoleUrl: running.getAdminConsoleUrl(),
    readyAfterMs: Date.now() - started,
    realmPool: [],
    disposable: true,
    // Testcontainers forwards the port into the container network under this name.
    hostAddressFor: async (port) => {
      await TestContainers.exposeHostPorts(port);
      return 'host.testcontainers.internal';
    },
    log: containerLog(running),
    adminClient: () => connectAdminClient(baseUrl, admin),
    stop,
    [Symbol.asyncDispose]: stop,
  };
}

function isTruthy(value: string | undefined): boolean {
  return value !== undefined && !['', '0', 'false', 'no'].includes(value.toLowerCase());
}
