/**
 * A Testcontainers module for Keycloak, in the library's own pattern (as @testcontainers/postgresql):
 * `new KeycloakContainer(version).withAdmin(...).start()` returns a `StartedKeycloakContainer`.
 * The image is a setting: the official one by default, a team's own (themes, providers) or one built
 * where no registry is reachable (docker/ci-images/build) through SAML_HARNESS_KEYCLOAK_IMAGE.
 */
import { AbstractStartedContainer, GenericContainer, ImageName, Wait, type StartedTestContainer } from 'testcontainers';
import { HarnessError } from '../../errors.ts';
import { keepRecentLog, ownedContainerLabels } from '../../process/containers.ts';
import { normaliseRelativePath } from '../relative-path.ts';
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
  const withVersion = template.includes('{version}')
    ? template.replaceAll('{version}', version)
    : /(:[\w][\w.-]*|@sha256:[0-9a-f]{64})$/.test(template.split('/').at(-1)!)
      ? template
      : `${template}:${version}`;
  try {
    return ImageName.fromString(withVersion).string;
  } catch (error) {
    throw new HarnessError(
      'USAGE',
      `"${setting}" is not an image name (from --keycloak-image or ${keycloakImageEnvVariable})`,
      'Give a name such as quay.io/keycloak/keycloak, registry.example/keycloak:{version} or my-keycloak:26.7.3-themes.',
      { cause: error },
    );
  }
}

export interface KeycloakContainerSettings {
  image: string;
  command: string[];
  environment: Record<string, string>;
  exposedPorts: number[];
  readiness: { path: string; port: number };
}

/** What the container runs for a version: pure, so that every version's configuration is unit-tested. */
export function keycloakContainerSettings(
  version: string,
  options: { admin: AdminCredentials; relativePath?: string; image?: string },
): KeycloakContainerSettings {
  const rules = versionRules(version);
  const relativePath = normaliseRelativePath(options.relativePath);
  const command = ['start-dev', '--health-enabled=true'];
  if (relativePath) command.push(`--http-relative-path=${relativePath}`);
  const healthPort = rules.healthPort === 'management' ? managementPort : httpPort;
  return {
    image: options.image ?? `${keycloakImage}:${version}`,
    command,
    environment: {
      [rules.adminEnv.username]: options.admin.username,
      [rules.adminEnv.password]: options.admin.password,
      KC_HEALTH_ENABLED: 'true',
      // Small heap: a test server, often two at a time.
      JAVA_OPTS_KC_HEAP: '-Xms64m -Xmx512m',
    },
    exposedPorts: rules.hasManagementInterface ? [httpPort, managementPort] : [httpPort],
    // The management interface inherits the relative path (25+), and before 25 health sits under it too.
    readiness: { path: `${relativePath}/health/ready`, port: healthPort },
  };
}

export class KeycloakContainer extends GenericContainer {
  private admin: AdminCredentials = { username: 'admin', password: 'admin' };
  private relativePath = '';
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

  /** What Keycloak printed last, for errors when it did not start. */
  lastLogLines(count = 20): string[] {
    return this.recentLog(count);
  }

  /** Turns the recorded settings into the container's command, environment, ports and wait strategy. */
  protected applySettings(): KeycloakContainerSettings {
    const settings = keycloakContainerSettings(this.version, { admin: this.admin, relativePath: this.relativePath, image: this.image });
    this.withCommand(settings.command)
      .withEnvironment(settings.environment)
      .withExposedPorts(...settings.exposedPorts)
      .withWaitStrategy(Wait.forHttp(settings.readiness.path, settings.readiness.port).forStatusCode(200));
    return settings;
  }

  override async start(): Promise<StartedKeycloakContainer> {
    this.applySettings();
    this.withLabels(ownedContainerLabels());
    return new StartedKeycloakContainer(await super.start(), this.version, this.admin, this.relativePath);
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
