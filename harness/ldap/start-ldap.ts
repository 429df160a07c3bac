/** One way to get a running OpenLDAP directory, whichever runtime this machine allows. */
import type { StartedNetwork } from 'testcontainers';
import { containerRuntimeAvailable } from '../process/containers.ts';
import { HarnessError } from '../errors.ts';
import { silent, type ProgressListener } from '../progress.ts';
import { startContainerLdap } from './container/start-container-ldap.ts';
import { defaultAdminPassword, defaultBaseDn, directoryLayout } from './directory.ts';
import { findOpenLdap, installFix } from './native/openldap-install.ts';
import { startNativeLdap } from './native/start-native-ldap.ts';
import type { LdapPerson, LdapRuntimeName, StartedLdap } from './started-ldap.ts';

export type LdapRuntimeChoice = 'auto' | 'container' | 'native';

export interface StartLdapOptions {
  /** `auto`: a container when a Docker engine answers, else slapd from this machine. */
  runtime?: LdapRuntimeChoice;
  /** `dc=example,dc=org` by default; it must start with dc=, o= or ou=. */
  baseDn?: string;
  /** The password of `cn=admin,<baseDn>`; `admin` by default. */
  adminPassword?: string;
  /** A fixed port on 127.0.0.1; a free one by default. */
  port?: number;
  /** People in the directory from the start. */
  entries?: readonly LdapPerson[];
  /** Container runtime: the Docker network Keycloak's container is on (see StartedLdap.containerUrl). */
  network?: StartedNetwork;
  /** Container runtime: the directory's name on `network`; `ldap` by default. */
  networkAlias?: string;
  readyTimeoutMs?: number;
  progress?: ProgressListener;
}

export async function startLdap(options: StartLdapOptions = {}): Promise<StartedLdap> {
  const layout = directoryLayout(options.baseDn ?? defaultBaseDn);
  if (options.adminPassword === '') throw new TypeError('the directory administrator needs a password');
  const progress = options.progress ?? silent;
  const runtime = await resolveRuntime(options.runtime ?? 'auto');
  progress(`Starting OpenLDAP for ${layout.baseDn} (${runtime} runtime)`);
  const common = {
    layout,
    adminPassword: options.adminPassword ?? defaultAdminPassword,
    people: options.entries ?? [],
    progress,
    ...(options.port ? { port: options.port } : {}),
    ...(options.readyTimeoutMs ? { readyTimeoutMs: options.readyTimeoutMs } : {}),
  };
  if (runtime === 'native') return startNativeLdap(common);
  return startContainerLdap({
    ...common,
    ...(options.network ? { network: options.network } : {}),
    ...(options.networkAlias ? { networkAlias: options.networkAlias } : {}),
  });
}

async function resolveRuntime(choice: LdapRuntimeChoice): Promise<LdapRuntimeName> {
  if (choice === 'native') return 'native';
  const docker = await containerRuntimeAvailable();
  if (choice === 'container') {
    if (docker) return 'container';
    throw new HarnessError(
      'NO_CONTAINER_RUNTIME',
      'No Docker (or compatible) engine answers on this machine, and the LDAP directory was asked for as a container',
      'Start Docker, set DOCKER_HOST, or use the native runtime (needs slapd and ldap-utils).',
    );
  }
  if (docker) return 'container';
  try {
    findOpenLdap();
  } catch (error) {
    if (!HarnessError.is(error, 'LDAP_UNAVAILABLE')) throw error;
    throw new HarnessError(
      'LDAP_UNAVAILABLE',
      `No LDAP directory can run here: no Docker engine answers, and ${error.message}`,
      installFix,
      { cause: error },
    );
  }
  return 'native';
}

