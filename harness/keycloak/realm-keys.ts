/** A realm's signing keys as Atlassian needs them: the active certificate, and a rotation. */
import type KeycloakAdminClient from '@keycloak/keycloak-admin-client';
import { HarnessError } from '../errors.ts';
import { rsaKeyProvider } from './test-realm.ts';

export async function activeCertificate(admin: KeycloakAdminClient, realm: string): Promise<string> {
  const keys = await admin.realms.getKeys({ realm });
  const kid = keys.active?.RS256;
  const certificate = keys.keys?.find((key) => key.kid === kid)?.certificate;
  if (!certificate) {
    throw new HarnessError('KC_ADMIN_FAILED', `Realm ${realm} has no active RS256 signing certificate`, 'Check Realm settings → Keys.');
  }
  return pem(certificate);
}

/** The RS256 certificate of one key provider of the realm, by its name (Realm settings → Keys → Providers). */
export async function keyProviderCertificate(admin: KeycloakAdminClient, realm: string, providerName: string): Promise<string> {
  const providers = await admin.components.find({ realm, type: 'org.keycloak.keys.KeyProvider' });
  const provider = providers.find((component) => component.name === providerName);
  const keys = await admin.realms.getKeys({ realm });
  const certificate = keys.keys?.find((key) => key.providerId === provider?.id && key.algorithm === 'RS256')?.certificate;
  if (!certificate) {
    throw new HarnessError(
      'SCENARIO_INVALID',
      `Realm ${realm} has no RS256 key provider named "${providerName}" (it has: ${providers.map((component) => component.name).join(', ')})`,
      'Name one of the realm\'s RS256 key providers in atlassian.idp.certificate.keyProvider ("rsa" is the harness\'s own).',
    );
  }
  return pem(certificate);
}

function pem(certificate: string): string {
  return `-----BEGIN CERTIFICATE-----\n${certificate.match(/.{1,64}/g)!.join('\n')}\n-----END CERTIFICATE-----\n`;
}

/** A new RSA key with a higher priority becomes the active signing key, as after a rotation. */
export async function rotateSigningKey(admin: KeycloakAdminClient, realm: string): Promise<void> {
  const { subComponents: _exportOnly, ...key } = await rsaKeyProvider('rotated-rsa-key', 1000);
  // No parentId: Keycloak makes the realm the parent (ComponentResource.create).
  await admin.components.create({ realm, ...key, providerType: 'org.keycloak.keys.KeyProvider' });
}
