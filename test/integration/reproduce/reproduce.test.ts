/**
 * `reproduce` on exports made in the test from the real Keycloak of this run (so each Keycloak version
 * of the matrix exports in its own shape), logged into sp-mock.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, test } from 'vitest';
import { collectingOutput } from '../../../harness/commands/output.ts';
import { reproduce } from '../../../harness/commands/reproduce.ts';
import { connectAdminClient } from '../../../harness/keycloak/admin-client.ts';
import { browserUnusable } from '../../support/browser.ts';
import { temporaryFolder } from '../../support/temporary-folder.ts';

const provided = inject('keycloak');
const keycloak = { ...provided, adminClient: () => connectAdminClient(provided.baseUrl, provided.admin) };
const admin = await keycloak.adminClient();
const folder = temporaryFolder('saml-harness-exports-');
const sourceRealm = `export-source-${Date.now()}`;
await admin.realms.create({ realm: sourceRealm, enabled: true });
afterAll(() => admin.realms.del({ realm: sourceRealm }));

/** A SAML client made as an admin does in a hurry, exported the way the console exports it. */
async function exportClient(clientId: string, attributes: Record<string, string>): Promise<string> {
  const { id } = await admin.clients.create({
    realm: sourceRealm,
    clientId,
    protocol: 'saml',
    redirectUris: [`https://auth.atlassian.com/login/callback?connection=saml-${clientId.split('/').at(-1)}`],
    attributes,
  });
  const file = join(folder, `${clientId.split('/').at(-1)}.json`);
  writeFileSync(file, JSON.stringify(await admin.clients.findOne({ realm: sourceRealm, id }), null, 2));
  return file;
}

describe('reproduce', () => {
  test('a client left at Keycloak\'s defaults is refused with "Invalid requester", and --fix makes the login pass', async () => {
    const file = await exportClient('https://auth.atlassian.com/saml/defaults1', {});
    const output = collectingOutput();
    const result = await reproduce({ clientExport: file, fix: true, keycloak }, output);
    expect(result.before.outcome.code).toBe('KEYCLOAK_INVALID_REQUESTER');
    expect(result.changes).toContainEqual(
      expect.objectContaining({ setting: expect.stringContaining('Keys → Signing keys config → Client signature required'), before: 'On', after: 'Off' }),
    );
    expect(result.after?.outcome.code).toBe('SUCCESS');
  });

  test.skipIf(browserUnusable() !== undefined)('--browser reproduces the same in Chromium: refused, fixed, logged in', async () => {
    const file = await exportClient('https://auth.atlassian.com/saml/defaults2', {});
    const result = await reproduce({ clientExport: file, fix: true, keycloak, browser: true }, collectingOutput());
    expect([result.before.trace.driver, result.before.outcome.code]).toEqual(['browser', 'KEYCLOAK_INVALID_REQUESTER']);
    expect([result.after?.trace.driver, result.after?.outcome.code]).toEqual(['browser', 'SUCCESS']);
  });

  test('a partial realm export whose client sends the username as NameID reproduces Atlassian\'s refusal', async () => {
    await exportClient('https://auth.atlassian.com/saml/realmexport1', { 'saml.client.signature': 'false', saml_name_id_format: 'username' });
    const exported = await admin.realms.export({ realm: sourceRealm, exportClients: true, exportGroupsAndRoles: true });
    const file = join(folder, 'realm-export.json');
    writeFileSync(file, JSON.stringify(exported, null, 2));
    const result = await reproduce({ realmExport: file, clientId: 'https://auth.atlassian.com/saml/realmexport1', keycloak }, collectingOutput());
    expect(result.before.outcome).toMatchObject({ where: 'sp', code: 'SP_NAMEID_NOT_EMAIL' });
  });

  test('what the admin typed into Atlassian comes from the organization file: the pre-17 /auth entity ID fails', async () => {
    const file = await exportClient('https://auth.atlassian.com/saml/typed1', {
      'saml.client.signature': 'false',
      saml_name_id_format: 'email',
      saml_force_name_id_format: 'true',
    });
    const org = join(folder, 'typed1.yaml');
    writeFileSync(
      org,
      [
        'spEntityId: https://auth.atlassian.com/saml/typed1',
        'acsUrl: https://auth.atlassian.com/login/callback?connection=saml-typed1',
        'idp:',
        '  entityId: https://sso.acme.example/auth/realms/acme',
        '  ssoUrl: https://sso.acme.example/realms/acme/protocol/saml',
        '  certificate: pasted',
        'domains: [{ name: acme.example, verified: true, linked: true }]',
        'accounts: [{ email: test.user@acme.example }]',
        '',
      ].join('\n'),
    );
    const result = await reproduce({ clientExport: file, org, keycloak }, collectingOutput());
    expect(result.before.outcome).toMatchObject({ where: 'sp', code: 'SP_ISSUER_MISMATCH' });
  });

  test('a field the harness does not know is reported, not fatal', async () => {
    const file = await exportClient('https://auth.atlassian.com/saml/unknown1', { 'saml.client.signature': 'false' });
    const withExtra = join(folder, 'with-extra.json');
    const exported = JSON.parse((await import('node:fs')).readFileSync(file, 'utf8')) as Record<string, unknown>;
    writeFileSync(withExtra, JSON.stringify({ ...exported, fromTheFuture: { enabled: true } }));
    const output = collectingOutput();
    const result = await reproduce({ clientExport: withExtra, keycloak }, output);
    expect(result.notes.join('\n')).toContain('with-extra.json.fromTheFuture');
    expect(result.before.outcome.code).toBe('SP_NAMEID_NOT_EMAIL');
  });

  describe("a realm export with the settings admins change is reproduced as it is", () => {
    /** A realm made as an admin left it, exported as `kc.sh export` writes it: the partial export and its users. */
    async function realmExport(name: string, settings: Record<string, unknown>, alice: Record<string, unknown>): Promise<{ file: string; clientId: string }> {
      const realm = `${name}-${Date.now()}`;
      const clientId = `https://auth.atlassian.com/saml/${name}`;
      await admin.realms.create({ realm, enabled: true, ...settings });
      afterAll(() => admin.realms.del({ realm }));
      await admin.clients.create({
        realm,
        clientId,
        protocol: 'saml',
        redirectUris: [`https://auth.atlassian.com/login/callback?connection=saml-${name}`],
        attributes: { 'saml.client.signature': 'false', saml_name_id_format: 'email', saml_force_name_id_format: 'true' },
      });
      await admin.users.create({ realm, username: 'alice', email: 'alice@acme.example', firstName: 'Alice', lastName: 'Archer', emailVerified: true, enabled: true, ...alice });
      const exported = await admin.realms.export({ realm, exportClients: true, exportGroupsAndRoles: true });
      const users = await admin.users.find({ realm, briefRepresentation: false });
      const file = join(folder, `${name}.json`);
      writeFileSync(file, JSON.stringify({ ...exported, users }, null, 2));
      return { file, clientId };
    }

    test('the user logged in as keeps what the export says of them: disabled, or an action pending', async () => {
      const disabled = await realmExport('user-disabled', {}, { enabled: false });
      const first = await reproduce({ realmExport: disabled.file, clientId: disabled.clientId, user: 'alice', keycloak }, collectingOutput());
      expect(first.before.outcome).toMatchObject({ where: 'keycloak', code: 'KEYCLOAK_USER_DISABLED' });
      const pending = await realmExport('update-password', {}, { requiredActions: ['UPDATE_PASSWORD'] });
      const second = await reproduce({ realmExport: pending.file, clientId: pending.clientId, user: 'alice', keycloak }, collectingOutput());
      expect(second.before.outcome).toMatchObject({ where: 'keycloak', code: 'KEYCLOAK_UPDATE_PASSWORD' });
    });

    test('a frontend URL is served here under another name, so the entity ID Atlassian holds still matters', async () => {
      const exported = await realmExport('frontend', { attributes: { frontendUrl: 'https://sso.acme.example' } }, {});
      const orgFile = (entityId: string) => {
        const file = join(folder, `frontend-${entityId.length}.yaml`);
        writeFileSync(
          file,
          [
            `spEntityId: ${exported.clientId}`,
            'acsUrl: https://auth.atlassian.com/login/callback?connection=saml-frontend',
            'idp:',
            `  entityId: ${entityId}`,
            '  ssoUrl: https://sso.acme.example/realms/acme/protocol/saml',
            '  certificate: pasted',
            'domains: [{ name: acme.example, verified: true, linked: true }]',
            'accounts: [{ email: alice@acme.example }]',
            '',
          ].join('\n'),
        );
        return file;
      };
      const output = collectingOutput();
      const current = await reproduce({ realmExport: exported.file, clientId: exported.clientId, user: 'alice', org: orgFile('https://sso.acme.example/realms/acme'), keycloak }, output);
      expect(current.notes.join('\n')).toContain('frontend URL https://sso.acme.example is served here as http://localhost:');
      expect(current.before.outcome.code).toBe('SUCCESS');
      const before = await reproduce({ realmExport: exported.file, clientId: exported.clientId, user: 'alice', org: orgFile('https://keycloak.internal:8443/realms/acme'), keycloak }, collectingOutput());
      expect(before.before.outcome).toMatchObject({ where: 'sp', code: 'SP_ISSUER_MISMATCH' });
    });

    test('RSA key providers come back under their names and priorities, and the note names the one Keycloak signs with', async () => {
      const exported = await realmExport('two-keys', {}, {});
      const realm = JSON.parse((await import('node:fs')).readFileSync(exported.file, 'utf8')) as { components: Record<string, unknown[]> };
      realm.components['org.keycloak.keys.KeyProvider']!.push({ name: 'rsa-added', providerId: 'rsa-generated', subComponents: {}, config: { priority: ['500'], keySize: ['2048'] } });
      writeFileSync(exported.file, JSON.stringify(realm));
      const result = await reproduce({ realmExport: exported.file, clientId: exported.clientId, user: 'alice', keycloak, keep: true }, collectingOutput());
      expect(result.notes.join('\n')).toMatch(/Keycloak signs with the active one of highest priority, rsa-added/);
      const keys = await admin.components.find({ realm: result.realm, type: 'org.keycloak.keys.KeyProvider' });
      expect(keys.filter((key) => key.providerId === 'rsa-generated').map((key) => [key.name, key.config?.priority?.[0]]).sort()).toEqual([
        ['rsa-added', '500'],
        ['rsa-generated', '100'],
      ]);
      await admin.realms.del({ realm: result.realm });
    });
  });
});
