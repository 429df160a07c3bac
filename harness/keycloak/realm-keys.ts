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
  return `-----BEGIN CERTIFICATE-----\n${certificate.match(/.{1,64}/g)!.join('\n')}\n-----END CERTIFICATE-----\n`;
}

/** A new RSA key with a higher priority becomes the active signing key, as after a rotation. */
export async function rotateSigningKey(admin: KeycloakAdminClient, realm: string): Promise<void> {
  const representation = await admin.realms.findOne({ realm });
  const { subComponents: _exportOnly, ...key } = await rsaKeyProvider('rotated-rsa-key', 1000);
  await admin.components.create({
    realm,
    ...key,
    providerType: 'org.keycloak.keys.KeyProvider',
    parentId: representation!.id!,
  });
}
