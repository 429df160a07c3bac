/**
 * A Testcontainers module for Keycloak, in the library's own pattern (as @testcontainers/postgresql):
 * `new KeycloakContainer(version).withAdmin(...).start()` returns a `StartedKeycloakContainer`.
 * The image is a setting: the official one by default, a team's own (themes, providers) or one built
 * where no registry is reachable (docker/ci-images/build) through SAML_HARNESS_KEYCLOAK_IMAGE.
 */
import { randomUUID } from 'node:crypto';
import { AbstractStartedContainer, GenericContainer, Wait, type StartedTestContainer } from 'testcontainers';
import {
  checkedImageName,
  ContainerStartError,
  joinDefaultBridge,
  keepRecentLog,
  ownedContainerLabels,
  removeFailedStart,
  startLabel,
} from '../../process/containers.ts';
import { normaliseRelativePath } from '../relative-path.ts';
import { themeCachingOptions } from '../server-options.ts';
import type { AdminCredentials } from '../started-keycloak.ts';
import { defaultKeycloakVersion, versionRules } from '../versions.ts';

export const keycloakImage = 'quay.io/keycloak/keycloak';
export const keycloakImageEnvVariable = 'SAML_HARNESS_KEYCLOAK_IMAGE';
export const httpPort = 8080;
export const managementPort = 9000;

/**
 * The image of a version from the setting (`--keycloak-image`, else SAML_HARNESS_KEYCLOAK_IMAGE): `{version}`
 * in it stands for the version; a name without a tag gets the version as its tag; a name with a tag or
 * digest is used as it is. Without a setting, the official image of the version.
 */
export function keycloakImageFor(version: string, setting = process.env[keycloakImageEnvVariable]): string {
  const template = setting?.trim() || keycloakImage;
  const lastSegment = template.split('/').at(-1)!;
  const image = template.includes('{version}')
    ? template.replaceAll('{version}', version)
    : lastSegment.includes(':') || lastSegment.includes('@')
      ? template
      : `${template}:${version}`;
  return checkedImageName(image, `--keycloak-image or ${keycloakImageEnvVariable}`);
}

export interface KeycloakContainerSettings {
  image: string;
  command: string[];
  environment: Record<string, string>;
  exposedPorts: number[];
  /** What the harness waits on: the master realm answering, on every version (as the distribution runtime). */
  readiness: { path: string; port: number };
  /** Keycloak's own readiness check, for a health check (docker-compose.yml): where this version answers it. */
  health: { path: string; port: number };
}

/** What the container runs for a version: pure, so that every version's configuration is unit-tested. */
export function keycloakContainerSettings(
  version: string,
  options: { admin: AdminCredentials; relativePath?: string; image?: string; javaOptions?: readonly string[] },
): KeycloakContainerSettings {
  const rules = versionRules(version);
  const relativePath = normaliseRelativePath(options.relativePath);
  const command = ['start-dev', '--health-enabled=true', ...themeCachingOptions];
  if (relativePath) command.push(`--http-relative-path=${relativePath}`);
  return {
    image: options.image ?? `${keycloakImage}:${version}`,
    command,
    environment: {
      // Both generations of the first admin's variables (26 reads KC_BOOTSTRAP_ADMIN_*, 21–25 KEYCLOAK_ADMIN*):
      // an image holding another version than the one asked for still starts with an admin, and says so.
      ...Object.fromEntries(adminVariables.flatMap((names) => [[names.username, options.admin.username], [names.password, options.admin.password]])),
      KC_HEALTH_ENABLED: 'true',
      // Small heap: a test server, often two at a time.
      JAVA_OPTS_KC_HEAP: '-Xms64m -Xmx512m',
      ...(options.javaOptions?.length ? { JAVA_OPTS_APPEND: options.javaOptions.join(' ') } : {}),
    },
    exposedPorts: [httpPort],
    readiness: { path: `${relativePath}/realms/master`, port: httpPort },
    // The management interface inherits the relative path (25+), and before 25 health sits under it too.
    health: { path: `${relativePath}/health/ready`, port: rules.healthPort === 'management' ? managementPort : httpPort },
  };
}

const adminVariables = [versionRules('26.0.0').adminEnv, versionRules('25.0.0').adminEnv];

export class KeycloakContainer extends GenericContainer {
  private admin: AdminCredentials = { username: 'admin', password: 'admin' };
  private relativePath = '';
  private javaOptions: readonly string[] = [];
  private readonly recentLog = keepRecentLog(this);

  constructor(
    readonly version = defaultKeycloakVersion,
    readonly image = `${keycloakImage}:${version}`,
  ) {
    super(image);
    versionRules(version);
    this.withStartupTimeout(180_000);
  }

  withAdmin(admin: AdminCredentials): this {
    if (!admin.username || !admin.password) throw new TypeError('the admin needs a user name and a password');
    this.admin = admin;
    return this;
  }

  withRelativePath(relativePath: string): this {
    this.relativePath = normaliseRelativePath(relativePath);
    return this;
  }

  /** JVM options added to the image's own (JAVA_OPTS_APPEND, which kc.sh reads on every version). */
  withJavaOptions(options: readonly string[]): this {
    this.javaOptions = [...options];
    return this;
  }

  /** What Keycloak printed last. */
  lastLogLines(count = 20): string[] {
    return this.recentLog(count);
  }

  /** Turns the recorded settings into the container's command, environment, ports and wait strategy. */
  protected applySettings(): KeycloakContainerSettings {
    const settings = keycloakContainerSettings(this.version, { admin: this.admin, relativePath: this.relativePath, image: this.image, javaOptions: this.javaOptions });
    this.withCommand(settings.command)
      .withEnvironment(settings.environment)
      .withExposedPorts(...settings.exposedPorts)
      .withWaitStrategy(Wait.forHttp(settings.readiness.path, settings.readiness.port).forStatusCode(200));
    return settings;
  }

  /** On a network of its own (withNetwork), Keycloak also joins the default bridge: see joinDefaultBridge. */
  protected override async containerCreated(containerId: string): Promise<void> {
    if (this.networkMode && this.networkMode !== 'bridge') await joinDefaultBridge(containerId);
  }

  override async start(): Promise<StartedKeycloakContainer> {
    this.applySettings();
    const start = randomUUID();
    this.withLabels({ ...ownedContainerLabels(), [startLabel]: start });
    try {
      return new StartedKeycloakContainer(await super.start(), this.version, this.admin, this.relativePath);
    } catch (error) {
      const stranded = await removeFailedStart(start);
      throw new ContainerStartError(error, stranded.length ? stranded : this.recentLog(20));
    }
  }
}

export class StartedKeycloakContainer extends AbstractStartedContainer {
  constructor(
    startedTestContainer: StartedTestContainer,
    readonly version: string,
    readonly admin: AdminCredentials,
    readonly relativePath: string,
  ) {
    super(startedTestContainer);
  }

  getBaseUrl(): string {
    return `http://${this.getHost()}:${this.getMappedPort(httpPort)}${this.relativePath}`;
  }

  getAdminConsoleUrl(): string {
    return `${this.getBaseUrl()}/admin/master/console/`;
  }
}
