/** What a scenario is applied to: a running Keycloak, sp-mock, and how scenarios get their directories. */
import type KeycloakAdminClient from '@keycloak/keycloak-admin-client';
import type { SpMockClient } from '../../sp-mock/index.ts';
import { createLimiter } from '../concurrency.ts';
import type { DirectoryRoute, ServerLog } from '../keycloak/started-keycloak.ts';
import { versionRules } from '../keycloak/versions.ts';
import type { LdapRuntimeChoice } from '../ldap/start-ldap.ts';
import type { LoginDriver } from '../login/driver.ts';

export interface StackKeycloak {
  baseUrl: string;
  version: string;
  admin: KeycloakAdminClient;
  /** Runs realm creations and deletions as many at a time as this version's database takes. */
  realmWrites: <R>(work: () => Promise<R>) => Promise<R>;
  /** A fresh realm made in advance, never handed out before; undefined when none is left. */
  claimRealm: () => string | undefined;
  /** Realms go with the server when it stops: no need to delete them one by one. */
  disposable: boolean;
  /** Where a scenario's directory runs and how Keycloak reaches it (see StartedKeycloak.directoryRoute). */
  directoryRoute: DirectoryRoute;
  /** Keycloak's log, for its event lines when it stops a login; absent where it cannot be read. */
  log?: ServerLog;
}

export function stackKeycloak(
  baseUrl: string,
  version: string,
  admin: KeycloakAdminClient,
  server: { realmPool?: readonly string[]; disposable?: boolean; directoryRoute?: DirectoryRoute; log?: ServerLog | undefined } = {},
): StackKeycloak {
  const pool = [...(server.realmPool ?? [])];
  return {
    baseUrl,
    version,
    admin,
    realmWrites: createLimiter(versionRules(version).parallelRealmWrites),
    claimRealm: () => pool.shift(),
    disposable: server.disposable ?? false,
    directoryRoute: server.directoryRoute ?? { kind: 'local' },
    ...(server.log ? { log: server.log } : {}),
  };
}

export interface Stack {
  keycloak: StackKeycloak;
  sp: SpMockClient;
  /** How scenarios with a directory get one (each its own, started for it). */
  ldap?: { runtime?: LdapRuntimeChoice; image?: string };
  /** Makes the driver of each login (default: the HTTP driver). */
  newDriver?: () => Promise<LoginDriver>;
}
