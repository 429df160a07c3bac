import { describe, expect, test } from 'vitest';
import { themeCachingOptions } from '../../../harness/keycloak/server-options.ts';
import {
  KeycloakContainer,
  keycloakContainerSettings,
  keycloakImageFor,
  type KeycloakContainerSettings,
} from '../../../harness/keycloak/container/keycloak-container.ts';

const admin = { username: 'root', password: 's3cret' };
const bothAdminVariables = {
  KC_BOOTSTRAP_ADMIN_USERNAME: 'root',
  KC_BOOTSTRAP_ADMIN_PASSWORD: 's3cret',
  KEYCLOAK_ADMIN: 'root',
  KEYCLOAK_ADMIN_PASSWORD: 's3cret',
};

describe('the Keycloak container configuration per version', () => {
  test('21.0.2: readiness on the master realm, health on the HTTP port', () => {
    const settings = keycloakContainerSettings('21.0.2', { admin });
    expect(settings.image).toBe('quay.io/keycloak/keycloak:21.0.2');
    expect(settings.exposedPorts).toEqual([8080]);
    expect(settings.readiness).toEqual({ path: '/realms/master', port: 8080 });
    expect(settings.health).toEqual({ path: '/health/ready', port: 8080 });
    expect(settings.command).toEqual(['start-dev', '--health-enabled=true', '--spi-theme-static-max-age=2592000', '--spi-theme-cache-themes=true', '--spi-theme-cache-templates=true']);
  });

  test('every version gets both generations of the admin variables, so that an image of another version still has an admin', () => {
    for (const version of ['21.0.2', '25.0.6', '26.7.3']) expect(keycloakContainerSettings(version, { admin }).environment).toMatchObject(bothAdminVariables);
  });

  test('21.1.2, the support thread version, runs from its image', () => {
    expect(keycloakContainerSettings('21.1.2', { admin }).image).toBe('quay.io/keycloak/keycloak:21.1.2');
  });

  test('25.0.6: health is on the management port 9000; readiness stays on the master realm', () => {
    const settings = keycloakContainerSettings('25.0.6', { admin });
    expect(settings.health).toEqual({ path: '/health/ready', port: 9000 });
    expect(settings.readiness).toEqual({ path: '/realms/master', port: 8080 });
  });

  test('/auth puts the server, its readiness and its health under the relative path', () => {
    const settings = keycloakContainerSettings('26.7.3', { admin, relativePath: 'auth/' });
    expect(settings.command).toContain('--http-relative-path=/auth');
    expect(settings.readiness).toEqual({ path: '/auth/realms/master', port: 8080 });
    expect(settings.health).toEqual({ path: '/auth/health/ready', port: 9000 });
  });
});

describe('JVM options', () => {
  test('go to JAVA_OPTS_APPEND, which kc.sh adds to its own on every version; none, no variable', () => {
    expect(keycloakContainerSettings('26.7.3', { admin, javaOptions: ['-XX:TieredStopAtLevel=1', '-Xms384m'] }).environment.JAVA_OPTS_APPEND).toBe('-XX:TieredStopAtLevel=1 -Xms384m');
    expect(keycloakContainerSettings('26.7.3', { admin }).environment).not.toHaveProperty('JAVA_OPTS_APPEND');
  });
});

describe('keycloakImageFor: the image setting', () => {
  test('without a setting, the official image of the version', () => {
    expect(keycloakImageFor('24.0.5', undefined)).toBe('quay.io/keycloak/keycloak:24.0.5');
    expect(keycloakImageFor('24.0.5', ' ')).toBe('quay.io/keycloak/keycloak:24.0.5');
  });

  test('{version} stands for the version, wherever it is', () => {
    expect(keycloakImageFor('21.0.2', 'registry.example:5000/kc:{version}-themes')).toBe('registry.example:5000/kc:21.0.2-themes');
  });

  test('a repository without a tag gets the version as its tag, also behind a registry with a port', () => {
    expect(keycloakImageFor('26.7.3', 'saml-harness/keycloak')).toBe('saml-harness/keycloak:26.7.3');
    expect(keycloakImageFor('26.7.3', 'localhost:5000/keycloak')).toBe('localhost:5000/keycloak:26.7.3');
  });

  test('a tag or a digest is kept as it is', () => {
    expect(keycloakImageFor('26.7.3', 'my-keycloak:prod')).toBe('my-keycloak:prod');
    const digest = `quay.io/keycloak/keycloak@sha256:${'a'.repeat(64)}`;
    expect(keycloakImageFor('26.7.3', digest)).toBe(digest);
  });

  test('what is no image name is a USAGE error naming the setting', () => {
    expect(() => keycloakImageFor('26.7.3', 'Not An Image!')).toThrowError(expect.objectContaining({ code: 'USAGE' }));
  });
});

/** Reads what the module handed to GenericContainer, as Testcontainers will use it. */
class InspectableKeycloakContainer extends KeycloakContainer {
  inspect(): { settings: KeycloakContainerSettings; cmd: unknown; environment: Record<string, string>; ports: unknown[]; image: string } {
    const settings = this.applySettings();
    return { settings, cmd: this.createOpts.Cmd, environment: this.environment, ports: this.exposedPorts, image: this.imageName.string };
  }
}

describe('KeycloakContainer', () => {
  test('applies the settings of its version to the container it will create', () => {
    const container = new InspectableKeycloakContainer('24.0.5').withAdmin(admin).withRelativePath('/auth');
    const { cmd, environment, ports, image } = container.inspect();
    expect(cmd).toEqual(['start-dev', '--health-enabled=true', ...themeCachingOptions, '--http-relative-path=/auth']);
    expect(environment).toMatchObject({ KEYCLOAK_ADMIN: 'root', KC_HEALTH_ENABLED: 'true' });
    expect(ports).toEqual([8080]);
    expect(image).toBe('quay.io/keycloak/keycloak:24.0.5');
  });

  test('an image given replaces the official one', () => {
    expect(new InspectableKeycloakContainer('26.7.3', 'saml-harness/keycloak:26.7.3').inspect().image).toBe('saml-harness/keycloak:26.7.3');
  });

  test('refuses an admin without a password', () => {
    expect(() => new KeycloakContainer('26.7.3').withAdmin({ username: 'a', password: '' })).toThrow(TypeError);
  });

  test('refuses a version before 21', () => {
    expect(() => new KeycloakContainer('20.0.5')).toThrowError(expect.objectContaining({ code: 'KC_VERSION_UNSUPPORTED' }));
  });
});
