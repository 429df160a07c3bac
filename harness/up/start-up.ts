/**
 * One scenario's whole stack, kept up for a person to play with: Keycloak (started, attached to, or
 * given), the directory when the scenario has one, sp-mock, the scenario applied; the links a person
 * needs; a record for `verify`. stop() takes everything down again.
 */
import type KeycloakAdminClient from '@keycloak/keycloak-admin-client';
import { startSpMock, type StartedSpMock } from '../../sp-mock/index.ts';
import type { KeycloakRuntimeChoice } from '../keycloak/start-keycloak.ts';
import { startKeycloak } from '../keycloak/start-keycloak.ts';
import type { AdminCredentials, DirectoryRoute, ServerLog } from '../keycloak/started-keycloak.ts';
import type { LdapRuntimeChoice } from '../ldap/start-ldap.ts';
import { idpInitiatedUrl } from '../recommended/keycloak.ts';
import { applyScenario, type AppliedScenario } from '../scenario/apply.ts';
import type { Scenario } from '../scenario/schema.ts';
import { stackKeycloak } from '../scenario/stack.ts';
import { recordLiveStack } from './live-stack.ts';

/** A Keycloak that runs already (a test's, or one the caller started). */
interface GivenKeycloak {
  baseUrl: string;
  version: string;
  admin: AdminCredentials;
  adminConsoleUrl?: string;
  directoryRoute?: DirectoryRoute;
  log?: ServerLog;
  adminClient(): Promise<KeycloakAdminClient>;
}

export interface UpOptions {
  scenario: Scenario;
  keycloakVersion?: string;
  runtime?: KeycloakRuntimeChoice;
  keycloakImage?: string;
  attach?: boolean;
  ldapRuntime?: LdapRuntimeChoice;
  keycloak?: GivenKeycloak;
  progress?: (line: string) => void;
}

export interface UpSession {
  applied: AppliedScenario;
  sp: StartedSpMock;
  /** What a person needs, label → link or value. */
  links: Array<[string, string]>;
  stop(): Promise<void>;
}

export async function startUp(options: UpOptions): Promise<UpSession> {
  const progress = options.progress ?? (() => {});
  const started = options.keycloak
    ? undefined
    : await startKeycloak({
        ...(options.keycloakVersion ? { version: options.keycloakVersion } : {}),
        ...(options.runtime ? { runtime: options.runtime } : {}),
        ...(options.keycloakImage ? { image: options.keycloakImage } : {}),
        ...(options.attach ? { attach: true } : {}),
        progress,
      });
  const keycloak: GivenKeycloak = options.keycloak ?? started!;
  const stops: Array<() => Promise<void>> = [];
  const stop = async () => {
    for (const step of stops.reverse()) await step().catch(() => {});
  };
  if (started) stops.push(() => started.stop());
  try {
    const sp = await startSpMock();
    stops.push(() => sp.stop());
    const admin = await keycloak.adminClient();
    // Its own realm, named after the scenario (never one of the catalogue's pool).
    const stack = {
      keycloak: stackKeycloak(keycloak.baseUrl, keycloak.version, admin, {
        ...(keycloak.directoryRoute ? { directoryRoute: keycloak.directoryRoute } : {}),
        log: keycloak.log,
        disposable: false,
      }),
      sp,
      ...(options.ldapRuntime ? { ldap: { runtime: options.ldapRuntime } } : {}),
    };
    progress(`Applying scenario ${options.scenario.id}…`);
    const applied = await applyScenario(options.scenario, stack);
    stops.push(() => applied.cleanup());
    const [client] = await admin.clients.find({ realm: applied.realm, clientId: applied.client.clientId! });
    const consoleUrl = keycloak.adminConsoleUrl ?? `${keycloak.baseUrl}/admin/master/console/`;
    const forget = await recordLiveStack({
      pid: process.pid,
      scenario: options.scenario.id,
      version: keycloak.version,
      keycloak: { baseUrl: keycloak.baseUrl, admin: keycloak.admin, ...(keycloak.log?.file ? { logFile: keycloak.log.file } : {}) },
      realm: applied.realm,
      client: { id: client!.id!, clientId: client!.clientId! },
      sp: { url: sp.url, orgId: applied.org.id },
      login: applied.login,
      startedAt: new Date().toISOString(),
    });
    stops.push(forget);
    const links: Array<[string, string]> = [
      ["Keycloak's admin console (this realm's SAML client)", `${consoleUrl}#/${applied.realm}/clients/${client!.id}/settings`],
      ['  admin user / password', `${keycloak.admin.username} / ${keycloak.admin.password}`],
      ['Account console', `${keycloak.baseUrl}/realms/${applied.realm}/account`],
      ["sp-mock's console (Atlassian's SAML page, the login attempts)", `${sp.url}/console/orgs/${applied.org.id}`],
      [`Log in as ${applied.user.username} (SP-initiated)`, `${applied.org.loginUrl}&email=${encodeURIComponent(applied.email)}`],
      ['  password', applied.login.user.password],
      ['IdP-initiated', idpInitiatedUrl(keycloak.baseUrl, applied.realm)],
    ];
    return { applied, sp, links, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
