import { X509Certificate } from 'node:crypto';
import { randomUUID } from 'node:crypto';
import { expect, inject, test } from 'vitest';
import { connectAdminClient } from '../../../harness/keycloak/admin-client.ts';

const keycloak = inject('keycloak');

test('the admin client logs in, creates a realm with a SAML client, and reads the realm signing certificate', async () => {
  const admin = await connectAdminClient(keycloak.baseUrl, keycloak.admin);
  const realm = `admin-client-${randomUUID().slice(0, 8)}`;
  await admin.realms.create({ realm, enabled: true });
  try {
    const { id } = await admin.clients.create({
      realm,
      clientId: 'https://auth.atlassian.com/saml/test',
      protocol: 'saml',
      redirectUris: ['https://auth.atlassian.com/login/callback?connection=saml-test'],
      attributes: { 'saml.client.signature': 'false' },
    });
    const client = await admin.clients.findOne({ realm, id });
    expect(client?.attributes?.['saml.client.signature']).toBe('false');

    const keys = await admin.realms.getKeys({ realm });
    const kid = keys.active?.RS256;
    const certificate = keys.keys?.find((key) => key.kid === kid)?.certificate;
    expect(certificate).toBeTruthy();
    const x509 = new X509Certificate(Buffer.from(certificate!, 'base64'));
    expect(x509.subject).toContain(`CN=${realm}`);
  } finally {
    await admin.realms.del({ realm });
  }
});

test('wrong admin credentials are KC_ADMIN_FAILED', async () => {
  await expect(connectAdminClient(keycloak.baseUrl, { username: 'admin', password: 'not-the-password' })).rejects.toMatchObject({
    code: 'KC_ADMIN_FAILED',
  });
});
