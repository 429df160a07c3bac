/**
 * A realm as the harness makes it for one scenario: Keycloak's own defaults, except two things that
 * cost Keycloak time and change nothing in SAML. Its RSA signing key is generated here (Keycloak's RSA key
 * generation was most of a realm's cost: 3.5–5.4 s against 0.6–0.9 s on a busy 2-core machine); Keycloak
 * signs with it as with its own, and the admin API reports it as the active RS256 certificate (only the
 * provider's name in Realm settings → Keys differs: "rsa"). And passwords are hashed with a single
 * iteration, so that creating and logging in test users takes milliseconds, not hundreds of them.
 */
import { generateKeyPair } from 'node:crypto';
import { promisify } from 'node:util';
import type RealmRepresentation from '@keycloak/keycloak-admin-client/lib/defs/realmRepresentation.js';

export const testPasswordPolicy = 'hashAlgorithm(pbkdf2-sha256) and hashIterations(1)';

const provider = (name: string, providerId: string, config: Record<string, string[]>, priority = 100) => ({
  name,
  providerId,
  subComponents: {},
  config: { priority: [String(priority)], ...config },
});

/** An RS256 signing key provider ("rsa") with a key made here; the highest priority is the active key. */
export async function rsaKeyProvider(name: string, priority: number) {
  const { privateKey } = await promisify(generateKeyPair)('rsa', { modulusLength: 2048 });
  return provider(name, 'rsa', { privateKey: [privateKey.export({ type: 'pkcs1', format: 'pem' }).toString()], algorithm: ['RS256'] }, priority);
}

export async function testRealm(name: string): Promise<RealmRepresentation> {
  const components = {
    'org.keycloak.keys.KeyProvider': [
      await rsaKeyProvider('rsa', 100),
      provider('hmac-generated', 'hmac-generated', { algorithm: ['HS512'] }),
      provider('aes-generated', 'aes-generated', {}),
    ],
  };
  return {
    realm: name,
    enabled: true,
    passwordPolicy: testPasswordPolicy,
    // Keycloak takes a list of components per type; the admin client's type says one.
    components: components as unknown as RealmRepresentation['components'],
  };
}
