/** One way to get a running LDAP directory, whichever runtime this machine allows. */
import { HarnessError } from '../errors.ts';
import { imageAvailability } from '../process/containers.ts';
import { silent, type ProgressListener } from '../progress.ts';
import { choiceFromEnvironment } from '../settings.ts';
import { ldapImageEnvVariable, ldapImageFor } from './container/openldap-container.ts';
import { startContainerLdap } from './container/start-container-ldap.ts';
import { defaultAdminPassword, defaultBaseDn, directoryLayout } from './directory.ts';
import { jdkForEmbeddedDirectory, startEmbeddedLdap } from './embedded/start-embedded-ldap.ts';
import { findOpenLdap, installFix } from './native/openldap-install.ts';
import { startNativeLdap } from './native/start-native-ldap.ts';
import type { LdapPerson, LdapRuntimeName, StartedLdap } from './started-ldap.ts';

export const ldapRuntimeChoices = ['auto', 'container', 'native', 'embedded'] as const;
export type LdapRuntimeChoice = (typeof ldapRuntimeChoices)[number];
/** The directory's runtime when none is given (`npm test` reads it too). */
export const ldapRuntimeEnvVariable = 'SAML_HARNESS_LDAP_RUNTIME';

export interface StartLdapOptions {
  /**
   * `auto`: a container when a Docker engine answers and the image is there or can be pulled, else slapd
   * from this machine, else the embedded directory on a JDK. Default: SAML_HARNESS_LDAP_RUNTIME, else `auto`.
   */
  runtime?: LdapRuntimeChoice;
  /** The container runtime's image (default: SAML_HARNESS_LDAP_IMAGE, else Bitnami's OpenLDAP). */
  image?: string;
  /** `dc=example,dc=org` by default; it must start with dc=, o= or ou=. */
  baseDn?: string;
  /** The password of `cn=admin,<baseDn>`; `admin` by default. */
  adminPassword?: string;
  /** A fixed port on 127.0.0.1; a free one by default. */
  port?: number;
  /** People in the directory from the start. */
  entries?: readonly LdapPerson[];
  /** Container runtime: the name of the Docker network Keycloak's container is on (see StartedLdap.containerUrl). */
  network?: string;
  readyTimeoutMs?: number;
  progress?: ProgressListener;
}

export async function startLdap(options: StartLdapOptions = {}): Promise<StartedLdap> {
  const layout = directoryLayout(options.baseDn ?? defaultBaseDn);
  if (options.adminPassword === '') throw new TypeError('the directory administrator needs a password');
  const progress = options.progress ?? silent;
  const image = ldapImageFor(options.image);
  const choice = options.runtime ?? choiceFromEnvironment(ldapRuntimeEnvVariable, ldapRuntimeChoices) ?? 'auto';
  const runtime = await resolveRuntime(choice, image, progress);
  progress(`Starting OpenLDAP for ${layout.baseDn} (${runtime} runtime${runtime === 'container' ? `, ${image}` : ''})`);
  const common = {
    layout,
    adminPassword: options.adminPassword ?? defaultAdminPassword,
    people: options.entries ?? [],
    progress,
    ...(options.port ? { port: options.port } : {}),
    ...(options.readyTimeoutMs ? { readyTimeoutMs: options.readyTimeoutMs } : {}),
  };
  if (runtime === 'native') return startNativeLdap(common);
  if (runtime === 'embedded') return startEmbeddedLdap(common);
  return startContainerLdap({ ...common, image, ...(options.network ? { network: options.network } : {}) });
}

/**
 * The one place that decides where a directory runs: the runtime asked for, or for `auto` the first that
 * can run here: a container (an engine answers and the image is there or can be pulled), slapd from this
 * machine, the embedded directory (a JDK).
 */
async function resolveRuntime(choice: LdapRuntimeChoice, image: string, progress: ProgressListener): Promise<LdapRuntimeName> {
  if (choice === 'native' || choice === 'embedded') return choice;
  const availability = await imageAvailability(image, progress);
  if (availability.available) return 'container';
  const noEngine = /^no Docker/.test(availability.reason);
  if (choice === 'container') {
    if (noEngine) {
      throw new HarnessError(
        'NO_CONTAINER_RUNTIME',
        'No Docker (or compatible) engine answers on this machine, and the LDAP directory was asked for as a container',
        'Start Docker, set DOCKER_HOST, or use --ldap-runtime native (slapd) or embedded (a JDK).',
      );
    }
    throw new HarnessError(
      'LDAP_IMAGE_UNAVAILABLE',
      `The OpenLDAP image ${image} is not on this Docker engine and cannot be pulled: ${availability.reason}`,
      `Pull or mirror it (docker pull ${image}), build one where no registry is reachable (docker/ci-images/build), ` +
        `point --ldap-image or ${ldapImageEnvVariable} at an image with slapd and ldap-utils, or use --ldap-runtime native or embedded.`,
    );
  }
  const container = noEngine ? 'no Docker engine answers' : `the image ${image} cannot run (${availability.reason})`;
  if (slapdInstalled()) {
    if (!noEngine) progress(`The OpenLDAP image ${image} cannot run here (${availability.reason}): using slapd from this machine`);
    return 'native';
  }
  if (jdkForEmbeddedDirectory()) return 'embedded';
  throw new HarnessError(
    'LDAP_UNAVAILABLE',
    `No LDAP directory can run here: ${container}, slapd is not installed, and no JDK runs the embedded directory`,
    `Install a JDK 17+ (the embedded directory needs nothing else), or ${installFix.charAt(0).toLowerCase()}${installFix.slice(1)}`,
  );
}

function slapdInstalled(): boolean {
  try {
    findOpenLdap();
    return true;
  } catch (error) {
    if (HarnessError.is(error, 'LDAP_UNAVAILABLE')) return false;
    throw error;
  }
}
