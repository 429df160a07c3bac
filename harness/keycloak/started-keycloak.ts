import type KeycloakAdminClient from '@keycloak/keycloak-admin-client';
import type { ServerLog } from '../process/server-log.ts';

export type { ServerLog };

export type KeycloakRuntimeName = 'distribution' | 'container' | 'attached';

export interface AdminCredentials {
  username: string;
  password: string;
}

/**
 * Where a directory for this Keycloak runs and how Keycloak reaches it. `local`: Keycloak runs on this
 * machine and reaches a directory's port on 127.0.0.1 (slapd here, or a container's published port).
 * `network`: Keycloak runs in a container on this Docker network; a directory container joins the
 * network, and a directory on this machine is reached through Testcontainers' port forwarder. Plain
 * data, so that test workers receive it from the global setup.
 */
export type DirectoryRoute = { kind: 'local' } | { kind: 'network'; network: string; containerId: string };

/** A running Keycloak, whichever runtime started it. Dispose it (or call stop()) to end it. */
export interface StartedKeycloak extends AsyncDisposable {
  readonly runtime: KeycloakRuntimeName;
  readonly version: string;
  /** Including the relative path: `http://127.0.0.1:41235` or `http://127.0.0.1:41235/auth`. */
  readonly baseUrl: string;
  /** `''` or `'/auth'`. */
  readonly relativePath: string;
  readonly admin: AdminCredentials;
  readonly adminConsoleUrl: string;
  /** Seconds from start() to the first 200 on /realms/master. */
  readonly readyAfterMs: number;
  readonly log: ServerLog;
  /**
   * Realms made in advance that no one has used yet (distribution runtime): each may be handed to one
   * scenario. Empty where the server did not come from the harness's template.
   */
  readonly realmPool: readonly string[];
  /** Whether everything in the server goes with it when it stops (realms need no deleting). */
  readonly disposable: boolean;
  /** How Keycloak reaches a directory it federates (see DirectoryRoute). */
  readonly directoryRoute: DirectoryRoute;
  /** A client logged in to the master realm as the admin; it refreshes its token on its own. */
  adminClient(): Promise<KeycloakAdminClient>;
  stop(): Promise<void>;
}
