import { describe, expect, test } from 'vitest';
import { consoleWords, settingForField } from '../../../harness/keycloak/console-words.ts';
import { keycloakFix } from '../../../harness/fixes/fixes.ts';
import { versionInRange } from '../../../harness/keycloak/versions.ts';

describe("the admin console's words per version", () => {
  test('Client signature required sits on the Keys tab', () => {
    expect(consoleWords('26.7.3').path('clientSignatureRequired', 'https://auth.atlassian.com/saml/x')).toBe(
      'Clients → https://auth.atlassian.com/saml/x → Keys → Signing keys config → Client signature required',
    );
  });

  test('Keycloak 21 spells the section "General Settings", 24 on "General settings"', () => {
    expect(consoleWords('21.0.2').path('clientId')).toContain('General Settings → Client ID');
    expect(consoleWords('24.0.5').path('clientId')).toContain('General settings → Client ID');
  });

  test('a fix is phrased in the words of the version that ran', () => {
    expect(keycloakFix('KEYCLOAK_INVALID_REQUEST', '21.0.2')).toContain('General Settings');
    expect(keycloakFix('KEYCLOAK_INVALID_REQUEST', '26.7.3')).toContain('General settings');
  });

  test('client attributes map back to their setting', () => {
    expect(settingForField('saml.client.signature')).toBe('clientSignatureRequired');
    expect(settingForField('redirectUris')).toBe('validRedirectUris');
    expect(settingForField('no.such.attribute')).toBeUndefined();
  });
});

describe('version ranges', () => {
  test.each([
    ['21.0.2', '<24', true],
    ['24.0.5', '<24', false],
    ['26.7.3', '>=26.6', true],
    ['26.5.6', '>=26.6', false],
    ['25.0.6', '>=24 <26', true],
    ['26.0.8', '26.0.8', true],
  ])('%s in "%s" is %s', (version, range, inside) => {
    expect(versionInRange(version, range)).toBe(inside);
  });
});
