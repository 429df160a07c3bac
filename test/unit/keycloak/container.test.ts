import { describe, expect, test } from 'vitest';
import {
  KeycloakContainer,
  keycloakContainerSettings,
  type KeycloakContainerSettings,
} from '../../../harness/keycloak/container/keycloak-container.ts';

const admin = { username: 'root', password: 's3cret' };

describe('the Keycloak container configuration per version', () => {
  test('21.0.2: KEYCLOAK_ADMIN variables, one port, readiness on the HTTP port', () => {
    const settings = keycloakContainerSettings('21.0.2', { admin });
    expect(settings.image).toBe('quay.io/keycloak/keycloak:21.0.2');
    expect(settings.environment).toMatchObject({ KEYCLOAK_ADMIN: 'root', KEYCLOAK_ADMIN_PASSWORD: 's3cret' });
    expect(settings.environment).not.toHaveProperty('KC_BOOTSTRAP_ADMIN_USERNAME');
    expect(settings.exposedPorts).toEqual([8080]);
    expect(settings.readiness).toEqual({ path: '/health/ready', port: 8080 });
    expect(settings.command).toEqual(['start-dev', '--health-enabled=true']);
  });

  test('21.1.2, the support thread version, runs from its image', () => {
    expect(keycloakContainerSettings('21.1.2', { admin }).image).toBe('quay.io/keycloak/keycloak:21.1.2');
  });

  test('25.0.6: the management port 9000 answers readiness', () => {
    const settings = keycloakContainerSettings('25.0.6', { admin });
    expect(settings.environment).toHaveProperty('KEYCLOAK_ADMIN', 'root');
    expect(settings.exposedPorts).toEqual([8080, 9000]);
    expect(settings.readiness).toEqual({ path: '/health/ready', port: 9000 });
  });

  test('26.7.3: KC_BOOTSTRAP_ADMIN variables', () => {
    const settings = keycloakContainerSettings('26.7.3', { admin });
    expect(settings.environment).toMatchObject({ KC_BOOTSTRAP_ADMIN_USERNAME: 'root', KC_BOOTSTRAP_ADMIN_PASSWORD: 's3cret' });
    expect(settings.environment).not.toHaveProperty('KEYCLOAK_ADMIN');
  });

  test('/auth puts the server and its health under the relative path', () => {
    const settings = keycloakContainerSettings('26.7.3', { admin, relativePath: 'auth/' });
    expect(settings.command).toContain('--http-relative-path=/auth');
    expect(settings.readiness).toEqual({ path: '/auth/health/ready', port: 9000 });
  });
});

/** Reads what the module handed to GenericContainer, as Testcontainers will use it. */
class InspectableKeycloakContainer extends KeycloakContainer {
  inspect(): { settings: KeycloakContainerSettings; cmd: unknown; environment: Record<string, string>; ports: unknown[] } {
    const settings = this.applySettings();
    return { settings, cmd: this.createOpts.Cmd, environment: this.environment, ports: this.exposedPorts };
  }
}

describe('KeycloakContainer', () => {
  test('applies the settings of its version to the container it will create', () => {
    const container = new InspectableKeycloakContainer('24.0.5').withAdmin(admin).withRelativePath('/auth');
    const { cmd, environment, ports } = container.inspect();
    expect(cmd).toEqual(['start-dev', '--health-enabled=true', '--http-relative-path=/auth']);
    expect(environment).toMatchObject({ KEYCLOAK_ADMIN: 'root', KC_HEALTH_ENABLED: 'true' });
    expect(ports).toEqual([8080]);
  });

  test('refuses an admin without a password', () => {
    expect(() => new KeycloakContainer('26.7.3').withAdmin({ username: 'a', password: '' })).toThrow(TypeError);
  });

  test('refuses a version before 21', () => {
    expect(() => new KeycloakContainer('20.0.5')).toThrowError(expect.objectContaining({ code: 'KC_VERSION_UNSUPPORTED' }));
  });
});
