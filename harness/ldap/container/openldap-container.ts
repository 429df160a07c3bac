/**
 * A Testcontainers module for OpenLDAP, in the library's own pattern (as @testcontainers/postgresql):
 * `new OpenLdapContainer().withBaseDn(...).withPeople(...).start()` returns a `StartedOpenLdapContainer`.
 *
 * The image is Bitnami's OpenLDAP 2.6, from `bitnamilegacy`: since 2025 Bitnami publishes its current
 * images by subscription only, and no other OpenLDAP image is maintained (osixia/openldap stopped at 2.4
 * in 2021). The legacy image is frozen but free; its setup scripts are the contract used here
 * (bitnami/containers, bitnami/openldap/2.6/debian-12/rootfs/opt/bitnami/scripts/libopenldap.sh):
 * LDAP_ROOT, LDAP_ADMIN_USERNAME/PASSWORD, LDAP_PORT_NUMBER (1389, it runs as a non-root user), and every
 * `*.ldif` in LDAP_CUSTOM_LDIF_DIR loaded with ldapadd as the admin instead of its default tree.
 * A Keycloak container on the same network reaches it as `ldap://<network alias>:1389`.
 */
import {
  AbstractStartedContainer,
  GenericContainer,
  Wait,
  type PortWithOptionalBinding,
  type StartedTestContainer,
} from 'testcontainers';
import { defaultAdminPassword, defaultBaseDn, directoryEntries, directoryLayout, type DirectoryLayout } from '../directory.ts';
import { toLdif } from '../ldif.ts';
import type { LdapPerson } from '../started-ldap.ts';

export const openLdapImage = 'bitnamilegacy/openldap:2.6.10';
export const ldapPort = 1389;
export const defaultNetworkAlias = 'ldap';
const ldifDirectory = '/ldifs';

export interface OpenLdapContainerSettings {
  image: string;
  environment: Record<string, string>;
  exposedPorts: PortWithOptionalBinding[];
  /** Files copied in before the container starts. */
  files: Array<{ target: string; content: string; mode: number }>;
  /** A shell command that succeeds once the final slapd (not the image's setup-time one) answers. */
  readinessCommand: string;
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
  const adminPassword = options.adminPassword ?? defaultAdminPassword;
  checkShellSafe(layout, adminPassword);
  return {
    image: options.image ?? openLdapImage,
    environment: {
      LDAP_ROOT: layout.baseDn,
      LDAP_ADMIN_USERNAME: 'admin',
      LDAP_ADMIN_PASSWORD: adminPassword,
      LDAP_PORT_NUMBER: String(ldapPort),
      LDAP_EXTRA_SCHEMAS: 'cosine,inetorgperson,nis',
      LDAP_CUSTOM_LDIF_DIR: ldifDirectory,
      // 256 = stats: each bind and search in the container log, as the native runtime's log has them.
      LDAP_LOGLEVEL: '256',
    },
    exposedPorts: [options.hostPort ? { container: ldapPort, host: options.hostPort } : ldapPort],
    files: [{ target: `${ldifDirectory}/50-directory.ldif`, content: toLdif(directoryEntries(layout, options.people ?? [])), mode: 0o644 }],
    // The image's setup runs a temporary slapd on the same port and then execs the final one as PID 1:
    // only a slapd that is PID 1 and answers is the directory with its entries loaded.
    readinessCommand: `[ "$(cat /proc/1/comm)" = slapd ] && ldapsearch -x -H ldap://127.0.0.1:${ldapPort} -s base -b '' >/dev/null`,
  };
}

/** The image's scripts expand the password unquoted and write the DN into a here-document. */
function checkShellSafe(layout: DirectoryLayout, adminPassword: string): void {
  if (!/^[A-Za-z0-9._@%+=:,~^][A-Za-z0-9._@%+=:,~^-]*$/.test(adminPassword)) {
    throw new TypeError(
      'the OpenLDAP image passes the admin password through an unquoted shell expansion: use letters, digits and ._@%+=:,~^- (not first)',
    );
  }
  if (/[\\"$`]/.test(layout.baseDn)) throw new TypeError(`the OpenLDAP image cannot take a base DN with \\ " $ or \`: ${layout.baseDn}`);
}

export class OpenLdapContainer extends GenericContainer {
  private baseDn = defaultBaseDn;
  private adminPassword = defaultAdminPassword;
  private people: LdapPerson[] = [];
  private hostPort: number | undefined;

  constructor(private readonly imageOverride?: string) {
    super(imageOverride ?? openLdapImage);
    this.withStartupTimeout(120_000);
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

  /** Turns the recorded settings into the container's environment, files, ports and wait strategy. */
  protected applySettings(): OpenLdapContainerSettings {
    const settings = openLdapContainerSettings({
      baseDn: this.baseDn,
      adminPassword: this.adminPassword,
      people: this.people,
      ...(this.hostPort ? { hostPort: this.hostPort } : {}),
      ...(this.imageOverride ? { image: this.imageOverride } : {}),
    });
    this.withEnvironment(settings.environment)
      .withExposedPorts(...settings.exposedPorts)
      .withCopyContentToContainer(settings.files)
      .withWaitStrategy(Wait.forSuccessfulCommand(settings.readinessCommand));
    return settings;
  }

  override async start(): Promise<StartedOpenLdapContainer> {
    this.applySettings();
    const layout = directoryLayout(this.baseDn);
    return new StartedOpenLdapContainer(await super.start(), layout, this.adminPassword, this.networkAliases[0]);
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

  /** From a container on the same network: `ldap://ldap:1389`; `undefined` without a network alias. */
  getNetworkLdapUrl(): string | undefined {
    return this.networkAlias === undefined ? undefined : `ldap://${this.networkAlias}:${ldapPort}`;
  }
}
