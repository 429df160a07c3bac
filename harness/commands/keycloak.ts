/** `saml-harness keycloak start | stop | versions`. */
import { cachedDistribution, ensureDistribution, type Distribution } from '../keycloak/distribution/distribution.ts';
import { listDetached, recordDetached, stopDetached } from '../keycloak/detached.ts';
import type { StartedDistributionKeycloak } from '../keycloak/distribution/start-distribution.ts';
import { startKeycloak, type KeycloakRuntimeChoice } from '../keycloak/start-keycloak.ts';
import type { StartedKeycloak } from '../keycloak/started-keycloak.ts';
import { defaultKeycloakVersion, supportedVersions, versionRules } from '../keycloak/versions.ts';
import type { Output } from './output.ts';
import { formatSeconds } from '../progress.ts';

export interface KeycloakStartOptions {
  version?: string;
  runtime?: KeycloakRuntimeChoice;
  keycloakImage?: string;
  relativePath?: string;
  detach?: boolean;
  distributionArchive?: string;
  httpPort?: number;
  javaHome?: string;
  adminUser?: string;
  adminPassword?: string;
  readyTimeoutMs?: number;
}

/** Starts one Keycloak and keeps it until `until` resolves (Ctrl-C), or leaves it running with `detach`. */
export async function keycloakStart(
  options: KeycloakStartOptions,
  output: Output,
  until: () => Promise<unknown>,
): Promise<StartedKeycloak> {
  const keycloak = await startKeycloak({
    ...(options.version ? { version: options.version } : {}),
    ...(options.runtime ? { runtime: options.runtime } : {}),
    ...(options.keycloakImage ? { image: options.keycloakImage } : {}),
    ...(options.relativePath ? { relativePath: options.relativePath } : {}),
    ...(options.distributionArchive ? { distributionArchive: options.distributionArchive } : {}),
    ...(options.httpPort ? { httpPort: options.httpPort } : {}),
    ...(options.javaHome ? { javaHome: options.javaHome } : {}),
    ...(options.readyTimeoutMs ? { readyTimeoutMs: options.readyTimeoutMs } : {}),
    ...(options.adminUser && options.adminPassword
      ? { admin: { username: options.adminUser, password: options.adminPassword } }
      : {}),
    ...(options.detach ? { outliveParent: true, runtime: 'distribution' as const } : {}),
    progress: output.note,
  });
  output.print(`Keycloak ${keycloak.version} is ready (${formatSeconds(keycloak.readyAfterMs)})`);
  output.print(`  base URL:       ${keycloak.baseUrl}`);
  output.print(`  admin console:  ${keycloak.adminConsoleUrl}`);
  output.print(`  admin:          ${keycloak.admin.username} / ${keycloak.admin.password}`);
  if (keycloak.log.file) output.print(`  server log:     ${keycloak.log.file}`);
  if (options.detach) {
    await recordDetached(keycloak as StartedDistributionKeycloak);
    output.print('Left running. Runs attach to it with --attach or SAML_HARNESS_ATTACH=1; `saml-harness keycloak stop` ends it.');
    return keycloak;
  }
  output.note('Press Ctrl-C to stop it.');
  try {
    await until();
  } finally {
    output.note('Stopping Keycloak…');
    await keycloak.stop();
    output.note('Stopped.');
  }
  return keycloak;
}

export async function keycloakStop(output: Output): Promise<number> {
  const running = await listDetached();
  if (running.length === 0) output.print('No detached Keycloak is running.');
  for (const record of running) {
    await stopDetached(record);
    output.print(`Stopped Keycloak ${record.version} at ${record.baseUrl}`);
  }
  return running.length;
}

/** Puts a version's distribution in the cache (fetched and checked, or from the user's archive) and prints its folder. */
export async function keycloakFetch(options: { version?: string; distributionArchive?: string }, output: Output): Promise<Distribution> {
  const distribution = await ensureDistribution({
    ...(options.distributionArchive ? { archive: options.distributionArchive } : { version: options.version ?? defaultKeycloakVersion }),
    ...(options.distributionArchive && options.version ? { version: options.version } : {}),
    progress: output.note,
  });
  output.print(distribution.home);
  return distribution;
}

export async function keycloakVersions(output: Output): Promise<void> {
  output.print('version   source         Java        cached  note');
  for (const entry of supportedVersions) {
    const rules = versionRules(entry.version);
    const cached = cachedDistribution(entry.version) ? 'yes' : 'no';
    const mark = entry.version === defaultKeycloakVersion ? ' (default)' : '';
    output.print(
      `${entry.version.padEnd(9)} ${entry.source.padEnd(14)} ${rules.supportedJdks.join(', ').padEnd(11)} ${cached.padEnd(7)} ${entry.note ?? ''}${mark}`.trimEnd(),
    );
  }
  const running = await listDetached();
  for (const record of running) output.print(`detached: Keycloak ${record.version} at ${record.baseUrl} (pid ${record.pid})`);
}
