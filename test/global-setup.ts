/**
 * Starts one real Keycloak (and one sp-mock) for the whole integration run; test files reach them
 * through `inject()`. SAML_HARNESS_KEYCLOAK_VERSION picks the version, SAML_HARNESS_ATTACH=1 reuses a
 * server left running by `saml-harness keycloak start --detach`.
 */
import type { TestProject } from 'vitest/node';
import { startKeycloak } from '../harness/keycloak/start-keycloak.ts';
import type { AdminCredentials } from '../harness/keycloak/started-keycloak.ts';
import { defaultKeycloakVersion } from '../harness/keycloak/versions.ts';
import { startSpMock } from '../sp-mock/index.ts';

export interface ProvidedKeycloak {
  baseUrl: string;
  version: string;
  relativePath: string;
  admin: AdminCredentials;
  logFile: string | undefined;
  /** Realms made in advance: for the catalogue test only (one file claims them, so no two scenarios share one). */
  realmPool: readonly string[];
  disposable: boolean;
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
  const spMock = await startSpMock();
  console.log(`[global setup] Keycloak ${keycloak.version} at ${keycloak.baseUrl} after ${Date.now() - started} ms; sp-mock at ${spMock.url}`);
  project.provide('keycloak', {
    baseUrl: keycloak.baseUrl,
    version: keycloak.version,
    relativePath: keycloak.relativePath,
    admin: keycloak.admin,
    logFile: keycloak.log.file,
    realmPool: keycloak.realmPool,
    disposable: keycloak.disposable,
  });
  project.provide('spMockUrl', spMock.url);
  return async () => {
    await spMock.stop();
    await keycloak.stop();
  };
}
