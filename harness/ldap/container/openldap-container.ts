/**
 * A Testcontainers module for OpenLDAP, in the library's own pattern (as @testcontainers/postgresql):
 * `new OpenLdapContainer().withBaseDn(...).withPeople(...).start()` returns a `StartedOpenLdapContainer`.
 *
 * It runs the same slapd.conf as the native runtime (slapd-config.ts), in any image that has slapd and
 * ldap-utils: start-directory.sh finds them in the image, fills in its schema and module folders, starts
 * slapd and loads the entries online. So both runtimes serve one configuration, and the image is a
 * setting like Keycloak's: Bitnami's frozen `bitnamilegacy/openldap` by default (no other OpenLDAP image
 * is maintained: osixia/openldap stopped at 2.4 in 2021), an image built from Debian's slapd where no
 * registry is reachable (docker/ci-images/build), or any other through SAML_HARNESS_LDAP_IMAGE.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import {
  AbstractStartedContainer,
  GenericContainer,
  Wait,
  type PortWithOptionalBinding,
  type StartedTestContainer,
} from 'testcontainers';
import { checkedImageName, ContainerStartError, keepRecentLog, ownedContainerLabels, removeFailedStart, startLabel } from '../../process/containers.ts';
import { defaultAdminPassword, defaultBaseDn, directoryEntries, directoryLayout, type DirectoryLayout, type SaltFor } from '../directory.ts';
import { toLdif } from '../ldif.ts';
import { slapdConfig } from '../native/slapd-config.ts';
import { sshaHash } from '../password-hash.ts';
import type { LdapPerson } from '../started-ldap.ts';

export const defaultLdapImage = 'bitnamilegacy/openldap:2.6.10';
export const ldapImageEnvVariable = 'SAML_HARNESS_LDAP_IMAGE';
/** Above 1023, so that an image running slapd as a user other than root can listen on it. */
export const ldapPort = 1389;
/** Where the module copies the script and its input (docker-compose.yml mounts docker/openldap/ there). */
export const inputFolder = '/saml-harness/directory';
/** Where the script keeps slapd's configuration and database, and links to the client tools. */
export const workFolder = '/tmp/saml-harness-ldap';
/** The script's line once the entries are loaded; it creates `${workFolder}/ready` at the same moment. */
export const readyLine = 'saml-harness directory ready';

export const startScript = readFileSync(new URL('./start-directory.sh', import.meta.url), 'utf8');

/** The LDAP image from the setting (`--ldap-image`, else SAML_HARNESS_LDAP_IMAGE), else the default. */
export function ldapImageFor(setting = process.env[ldapImageEnvVariable]): string {
  return checkedImageName(setting?.trim() || defaultLdapImage, `--ldap-image or ${ldapImageEnvVariable}`);
}

/** The files start-directory.sh reads, by name: the same for the harness's containers and for docker-compose.yml. */
export function directoryInput(
  layout: DirectoryLayout,
  adminPassword: string,
  people: readonly LdapPerson[],
  saltFor?: SaltFor,
): Record<string, string> {
  return {
    'start-directory.sh': startScript,
    'slapd.conf.in': slapdConfig({
      suffix: layout.baseDn,
      rootDn: layout.bindDn,
      rootPasswordHash: sshaHash(adminPassword, saltFor?.(layout.bindDn)),
      schemaDirectory: '@SCHEMA_DIR@',
      modulePath: '@MODULE_DIR@',
      dataDirectory: '@WORK@/data',
      runDirectory: '@WORK@',
    }),
    'bind-dn': layout.bindDn,
    // ldapadd -y reads the whole file as the password: no line break at the end.
    'bind-password': adminPassword,
    'entries.ldif': toLdif(directoryEntries(layout, people, saltFor)),
  };
}

export interface OpenLdapContainerSettings {
  image: string;
  entrypoint: string[];
  command: string[];
  exposedPorts: PortWithOptionalBinding[];
  /** Files copied in before the container starts. */
  files: Array<{ target: string; content: string; mode: number }>;
}

/** What the container runs for these options: pure, so that each option's effect is unit-tested. */
export function openLdapContainerSettings(options: {
  baseDn?: string;
  adminPassword?: string;
  people?: readonly LdapPerson[];
  /** A fixed port on this machine; by default Docker picks a free one. */
  hostPort?: number;
  image?: string;
}): OpenLdapContainerSettings {
  const layout = directoryLayout(options.baseDn ?? defaultBaseDn);
  const input = directoryInput(layout, options.adminPassword ?? defaultAdminPassword, options.people ?? []);
  return {
    image: options.image ?? defaultLdapImage,
    // The image's own entrypoint (Bitnami's setup scripts, say) is not run: the script is the whole start.
    entrypoint: ['sh'],
    command: [`${inputFolder}/start-directory.sh`, inputFolder, String(ldapPort)],
    exposedPorts: [options.hostPort ? { container: ldapPort, host: options.hostPort } : ldapPort],
    files: Object.entries(input).map(([name, content]) => ({ target: `${inputFolder}/${name}`, content, mode: 0o644 })),
  };
}

export class OpenLdapContainer extends GenericContainer {
  private baseDn = defaultBaseDn;
  private adminPassword = defaultAdminPassword;
  private people: LdapPerson[] = [];
  private hostPort: number | undefined;
  private readonly recentLog = keepRecentLog(this);

  constructor(readonly image = defaultLdapImage) {
    super(image);
    this.withStartupTimeout(60_000);
  }

  withBaseDn(baseDn: string): this {
    this.baseDn = directoryLayout(baseDn).baseDn;
    return this;
  }

  withAdminPassword(password: string): this {
    if (!password) throw new TypeError('the admin password cannot be empty');
    this.adminPassword = password;
    return this;
  }

  /** People loaded with the tree when the container starts (more can be added once it runs). */
  withPeople(people: readonly LdapPerson[]): this {
    this.people = [...this.people, ...people];
    return this;
  }

  /** Publishes the directory on this port of the machine instead of one Docker picks. */
  withHostPort(port: number): this {
    if (!Number.isInteger(port) || port <= 0 || port > 65535) throw new TypeError(`not a TCP port: ${port}`);
    this.hostPort = port;
    return this;
  }

  /** What the directory printed last. */
  lastLogLines(count = 20): string[] {
    return this.recentLog(count);
  }

  /** Turns the recorded settings into the container's entrypoint, files, ports and wait strategy. */
  protected applySettings(): OpenLdapContainerSettings {
    const settings = openLdapContainerSettings({
      baseDn: this.baseDn,
      adminPassword: this.adminPassword,
      people: this.people,
      image: this.image,
      ...(this.hostPort ? { hostPort: this.hostPort } : {}),
    });
    this.withEntrypoint(settings.entrypoint)
      .withCommand(settings.command)
      .withExposedPorts(...settings.exposedPorts)
      .withCopyContentToContainer(settings.files)
      .withWaitStrategy(Wait.forLogMessage(readyLine));
    return settings;
  }

  override async start(): Promise<StartedOpenLdapContainer> {
    this.applySettings();
    const start = randomUUID();
    this.withLabels({ ...ownedContainerLabels(), [startLabel]: start });
    const layout = directoryLayout(this.baseDn);
    try {
      return new StartedOpenLdapContainer(await super.start(), layout, this.adminPassword, this.networkAliases[0]);
    } catch (error) {
      const stranded = await removeFailedStart(start);
      throw new ContainerStartError(error, stranded.length ? stranded : this.recentLog(20));
    }
  }
}

export class StartedOpenLdapContainer extends AbstractStartedContainer {
  constructor(
    startedTestContainer: StartedTestContainer,
    readonly layout: DirectoryLayout,
    readonly adminPassword: string,
    /** The first network alias, under which containers on the same network reach the directory. */
    readonly networkAlias: string | undefined,
  ) {
    super(startedTestContainer);
  }

  /** From this machine: `ldap://localhost:32771`. */
  getLdapUrl(): string {
    return `ldap://${this.getHost()}:${this.getMappedPort(ldapPort)}`;
  }

  /** From a container on the same network: `ldap://ldap-3f2a1c:1389`; `undefined` without a network alias. */
  getNetworkLdapUrl(): string | undefined {
    return this.networkAlias === undefined ? undefined : `ldap://${this.networkAlias}:${ldapPort}`;
  }

  /** Runs one of OpenLDAP's clients (ldapadd, ldapdelete) in the container, bound as the administrator. */
  client(tool: 'ldapadd' | 'ldapdelete', args: string[]) {
    return this.exec([`${workFolder}/bin/${tool}`, '-x', '-H', `ldap://127.0.0.1:${ldapPort}`, '-D', this.layout.bindDn, '-w', this.adminPassword, ...args], {
      env: { LDAPNOINIT: '1' },
    });
  }
}
