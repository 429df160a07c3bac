import { describe, expect, test } from 'vitest';
import { HarnessError } from '../../../harness/errors.ts';
import {
  defaultKeycloakVersion,
  nearestVersions,
  supportedVersions,
  versionRules,
} from '../../../harness/keycloak/versions.ts';

describe('version rules', () => {
  test.each([
    ['21.0.2', 'KEYCLOAK_ADMIN', false, [17]],
    ['24.0.5', 'KEYCLOAK_ADMIN', false, [21, 17]],
    ['25.0.6', 'KEYCLOAK_ADMIN', true, [21]],
    ['26.0.8', 'KC_BOOTSTRAP_ADMIN_USERNAME', true, [21, 17]],
    ['26.7.3', 'KC_BOOTSTRAP_ADMIN_USERNAME', true, [25, 21, 17]],
  ])('Keycloak %s: admin variable %s, management interface %s, Java %j', (version, adminVariable, management, jdks) => {
    const rules = versionRules(version);
    expect(rules.adminEnv.username).toBe(adminVariable);
    expect(rules.hasManagementInterface).toBe(management);
    expect(rules.healthPort).toBe(management ? 'management' : 'http');
    expect(rules.supportedJdks).toEqual(jdks);
  });

  test('user profile and Secure login cookies start with 24', () => {
    expect(versionRules('23.0.7').userProfileAlwaysOn).toBe(false);
    expect(versionRules('24.0.5').userProfileAlwaysOn).toBe(true);
    expect(versionRules('24.0.5').secureLoginCookies).toBe(true);
  });

  test('a version before 21 is refused with its code', () => {
    expect(() => versionRules('20.0.5')).toThrowError(expect.objectContaining({ code: 'KC_VERSION_UNSUPPORTED' }));
  });

  test('a string that is no version is refused with its code', () => {
    const error = (() => {
      try {
        versionRules('latest');
      } catch (caught) {
        return caught;
      }
    })();
    expect(HarnessError.is(error, 'KC_VERSION_UNSUPPORTED')).toBe(true);
  });

  test('the default is the newest pinned version', () => {
    const newest = supportedVersions.map((v) => v.version).sort((a, b) => a.localeCompare(b, 'en', { numeric: true })).at(-1);
    expect(defaultKeycloakVersion).toBe(newest);
  });

  test('nearest served versions to 21.1.2 are the 21 and 22 releases', () => {
    expect(nearestVersions('21.1.2', ['17.0.0', '21.0.0', '21.0.2', '22.0.5', '26.7.3'])).toEqual(['21.0.2', '21.0.0', '22.0.5']);
  });
});
