/**
 * Starts one real Keycloak (and one sp-mock) for the whole integration run; test files reach them
 * through `inject()`. SAML_HARNESS_KEYCLOAK_VERSION picks the version, SAML_HARNESS_RUNTIME the runtime
 * (SAML_HARNESS_LDAP_RUNTIME that of the scenarios' directories), SAML_HARNESS_ATTACH=1 reuses a server
 * left running by `saml-harness keycloak start --detach`.
 */
import type { TestProject } from 'vitest/node';
import { startKeycloak } from '../harness/keycloak/start-keycloak.ts';
import type { AdminCredentials, DirectoryRoute, KeycloakRuntimeName } from '../harness/keycloak/started-keycloak.ts';
import { watchLauncher } from '../harness/process/launcher.ts';
import { endEverything } from '../harness/process/shutdown.ts';
import { defaultKeycloakVersion } from '../harness/keycloak/versions.ts';
import { startSpMock } from '../sp-mock/index.ts';

export interface ProvidedKeycloak {
  runtime: KeycloakRuntimeName;
  baseUrl: string;
  version: string;
  relativePath: string;
  admin: AdminCredentials;
  logFile: string | undefined;
  /** Realms made in advance: for the catalogue test only (one file claims them, so no two scenarios share one). */
  realmPool: readonly string[];
  disposable: boolean;
  /** Where the catalogue's directories run so that this Keycloak reaches them (a container: on its network). */
  directoryRoute: DirectoryRoute;
}

declare module 'vitest' {
  export interface ProvidedContext {
    keycloak: ProvidedKeycloak;
    spMockUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const started = Date.now();
  const keycloak = await startKeycloak({
    version: process.env.SAML_HARNESS_KEYCLOAK_VERSION || defaultKeycloakVersion,
    progress: (message) => console.log(`[global setup] ${message}`),
  });
  console.log(`[global setup] Keycloak runs in the ${keycloak.runtime} runtime`);
  const spMock = await startSpMock();
  console.log(`[global setup] Keycloak ${keycloak.version} at ${keycloak.baseUrl} after ${Date.now() - started} ms; sp-mock at ${spMock.url}`);
  project.provide('keycloak', {
    runtime: keycloak.runtime,
    baseUrl: keycloak.baseUrl,
    version: keycloak.version,
    relativePath: keycloak.relativePath,
    admin: keycloak.admin,
    logFile: keycloak.log.file,
    realmPool: keycloak.realmPool,
    disposable: keycloak.disposable,
    directoryRoute: keycloak.directoryRoute,
  });
  project.provide('spMockUrl', spMock.url);
  const teardown = async () => {
    await spMock.stop();
    await keycloak.stop();
    await endEverything();
  };
  // `npm test` killed from outside (a CI step's timeout) ends npm only: end this run's servers too.
  const unwatch = watchLauncher(async () => {
    console.log('[global setup] the process that launched the tests has gone: stopping Keycloak');
    await teardown();
    process.exit(129);
  });
  return async () => {
    unwatch();
    await teardown();
  };
}
