/**
 * `saml-harness audit` against the real Keycloak of this run: a deliberately misconfigured client gets a
 * finding for each setting that breaks Atlassian, the recommended client gets none, the values to type
 * into Atlassian are the ones that make the login work, and the audit writes nothing.
 */
import { randomBytes } from 'node:crypto';
import type KeycloakAdminClient from '@keycloak/keycloak-admin-client';
import { describe, expect, inject, test } from 'vitest';
import { SpMockClient } from '../../../sp-mock/index.ts';
import { auditSnapshot, type AuditReport } from '../../../harness/audit/checks.ts';
import type { AuditCode } from '../../../harness/audit/findings.ts';
import { readKeycloak } from '../../../harness/audit/read-keycloak.ts';
import { collectingOutput } from '../../../harness/commands/output.ts';
import { audit, type AuditOptions } from '../../../harness/commands/audit.ts';
import { adminPasswordEnv, adminUserEnv } from '../../../harness/commands/keycloak-connection.ts';
import { connectAdminClient } from '../../../harness/keycloak/admin-client.ts';
import { consoleWords } from '../../../harness/keycloak/console-words.ts';
import { runLogin } from '../../../harness/login/run-login.ts';
import { applyScenario } from '../../../harness/scenario/apply.ts';
import { stackKeycloak, type Stack } from '../../../harness/scenario/stack.ts';
import { checkCatalogue } from '../../../harness/scenario/catalogue.ts';
import { parseScenario } from '../../../harness/scenario/load.ts';
import { runCli } from '../../support/cli.ts';

const keycloak = inject('keycloak');
const admin = await connectAdminClient(keycloak.baseUrl, keycloak.admin);
const stack: Stack = { keycloak: stackKeycloak(keycloak.baseUrl, keycloak.version, admin), sp: new SpMockClient(inject('spMockUrl')) };
const scenarios = new Map(checkCatalogue().scenarios.map(({ scenario }) => [scenario.id, scenario]));
const words = consoleWords(keycloak.version);
const credentials = { adminUser: keycloak.admin.username, adminPassword: keycloak.admin.password };

/** Runs the audit with --format json; the report is what it printed, the error what it threw. */
async function auditJson(options: Omit<AuditOptions, 'format' | 'keycloakUrl'> & { keycloakUrl?: string }) {
  const output = collectingOutput();
  let error: unknown;
  try {
    await audit({ keycloakUrl: keycloak.baseUrl, ...credentials, env: {}, ...options, format: 'json' }, output);
  } catch (thrown) {
    error = thrown;
  }
  const report = output.printed.length > 0 ? (JSON.parse(output.printed.join('\n')) as AuditReport) : undefined;
  return { report, error };
}

const codes = (report: AuditReport | undefined, severity: 'breaks' | 'advisory') =>
  (report?.findings ?? []).filter((finding) => finding.severity === severity).map((finding) => finding.code).sort();

const finding = (report: AuditReport | undefined, code: AuditCode) => report?.findings.find((candidate) => candidate.code === code);

/** Everything the audit reads about a realm and its client, to compare before and after. */
async function stateOf(adminClient: KeycloakAdminClient, realm: string, clientId: string) {
  const [client] = await adminClient.clients.find({ realm, clientId });
  return {
    realm: await adminClient.realms.findOne({ realm }),
    client,
    mappers: await adminClient.clients.listProtocolMappers({ realm, id: client!.id! }),
    scopes: await adminClient.clients.listDefaultClientScopes({ realm, id: client!.id! }),
    keys: await adminClient.realms.getKeys({ realm }),
  };
}

async function withRealm(prefix: string, use: (realm: string) => Promise<void>): Promise<void> {
  const realm = `${prefix}-${randomBytes(3).toString('hex')}`;
  await admin.realms.create({ realm, enabled: true });
  try {
    await use(realm);
  } finally {
    await admin.realms.del({ realm });
  }
}

describe(`audit of a live Keycloak ${keycloak.version}`, () => {
  test('a deliberately misconfigured client gets a finding for each setting that breaks Atlassian, and nothing is written', async () => {
    await withRealm('audit-misconfigured', async (realm) => {
      // Created as a hurried admin would over REST: client signature left at its default (on), NameID
      // left at username, no ACS URL anywhere, nothing signed, a short client ID; and assertions
      // encrypted, with the console's preselected key name.
      await admin.clients.create({
        realm,
        clientId: 'atlassian',
        protocol: 'saml',
        redirectUris: [],
        attributes: {
          'saml.server.signature': 'false',
          'saml.assertion.signature': 'false',
          'saml.encrypt': 'true',
          'saml.server.signature.keyinfo.xmlSigKeyInfoKeyNameTransformer': 'NONE',
        },
      });
      const before = await stateOf(admin, realm, 'atlassian');

      const { report, error } = await auditJson({ realm, clientId: 'atlassian' });
      expect(error).toMatchObject({ code: 'AUDIT_FINDINGS', exitCode: 1 });
      expect(codes(report, 'breaks')).toEqual(
        [
          'AUDIT_CLIENT_ID_NOT_ATLASSIAN_SHAPE',
          'AUDIT_CLIENT_SIGNATURE_REQUIRED',
          'AUDIT_ACS_NOT_ALLOWED',
          'AUDIT_NOTHING_SIGNED',
          'AUDIT_NAMEID_NOT_EMAIL',
          'AUDIT_NAMEID_NOT_FORCED',
          'AUDIT_ENCRYPTION_ON',
        ].sort(),
      );
      expect(codes(report, 'advisory')).toEqual(
        [
          'AUDIT_IDP_INITIATED_URL_NAME_MISSING',
          'AUDIT_JIT_NAME_MAPPERS_MISSING',
          'AUDIT_NAME_CLAIM_MISSING',
          'AUDIT_NOT_HTTPS',
          'AUDIT_SIGNATURE_KEY_NAME',
        ].sort(),
      );
      expect(finding(report, 'AUDIT_SIGNATURE_KEY_NAME')).toMatchObject({ current: 'NONE', recommended: 'KEY_ID' });
      expect(finding(report, 'AUDIT_SIGNATURE_KEY_NAME')?.fix).toContain(words.path('signatureKeyName', 'atlassian'));
      expect(finding(report, 'AUDIT_CLIENT_SIGNATURE_REQUIRED')).toMatchObject({ current: 'On', recommended: 'Off' });
      expect(finding(report, 'AUDIT_CLIENT_SIGNATURE_REQUIRED')?.fix).toContain(words.path('clientSignatureRequired', 'atlassian'));
      expect(finding(report, 'AUDIT_NAMEID_NOT_EMAIL')).toMatchObject({ current: 'username', recommended: 'email' });
      expect(finding(report, 'AUDIT_NAMEID_NOT_EMAIL')?.fix).toContain(words.path('nameIdFormat', 'atlassian'));
      expect(finding(report, 'AUDIT_NAMEID_NOT_FORCED')?.fix).toContain(words.path('forceNameIdFormat', 'atlassian'));
      expect(finding(report, 'AUDIT_ACS_NOT_ALLOWED')).toMatchObject({ current: '(none)' });
      expect(finding(report, 'AUDIT_ACS_NOT_ALLOWED')?.fix).toContain(words.path('validRedirectUris', 'atlassian'));
      expect(finding(report, 'AUDIT_NOTHING_SIGNED')?.current).toBe(`${words.label('signDocuments')} Off, ${words.label('signAssertions')} Off`);
      expect(finding(report, 'AUDIT_CLIENT_ID_NOT_ATLASSIAN_SHAPE')?.fix).toContain(words.path('clientId', 'atlassian'));

      const id = 'a1b2c3';
      const withValues = await auditJson({
        realm,
        clientId: 'atlassian',
        atlassianSpEntityId: `https://auth.atlassian.com/saml/${id}`,
        atlassianAcsUrl: `https://auth.atlassian.com/login/callback?connection=saml-${id}`,
      });
      expect(codes(withValues.report, 'breaks')).toContain('AUDIT_CLIENT_ID_NOT_SP_ENTITY_ID');
      expect(codes(withValues.report, 'breaks')).not.toContain('AUDIT_CLIENT_ID_NOT_ATLASSIAN_SHAPE');
      expect(finding(withValues.report, 'AUDIT_CLIENT_ID_NOT_SP_ENTITY_ID')).toMatchObject({
        current: 'atlassian',
        recommended: `https://auth.atlassian.com/saml/${id}`,
      });

      expect(await stateOf(admin, realm, 'atlassian')).toEqual(before);
    });
  });

  test('the CLI takes the admin credentials from the environment and exits 1 when something breaks', async () => {
    await withRealm('audit-cli', async (realm) => {
      await admin.clients.create({ realm, clientId: 'atlassian', protocol: 'saml' });
      const result = await runCli(['audit', '--keycloak-url', keycloak.baseUrl, '--realm', realm, '--client-id', 'atlassian'], {
        [adminUserEnv]: keycloak.admin.username,
        [adminPasswordEnv]: keycloak.admin.password,
      });
      expect(result.stdout).toMatch(/^✗ breaks {3}AUDIT_CLIENT_SIGNATURE_REQUIRED: /m);
      expect(result.stdout).toContain('Type into Atlassian');
      expect(result.stderr).toMatch(/^AUDIT_FINDINGS: /);
      expect(result.exitCode).toBe(1);
    });
  });

  test('the recommended client has nothing that breaks, and the values to type into Atlassian are those of a working login', async () => {
    const applied = await applyScenario(scenarios.get('happy-path')!, stack);
    try {
      const { report, error } = await auditJson({
        realm: applied.realm,
        clientId: applied.org.spEntityId,
        atlassianSpEntityId: applied.org.spEntityId,
        atlassianAcsUrl: applied.org.acsUrl,
      });
      expect(error).toBeUndefined();
      expect(codes(report, 'breaks')).toEqual([]);
      expect(codes(report, 'advisory')).toEqual(['AUDIT_NOT_HTTPS']);
      expect(report?.atlassian).toMatchObject({ entityId: applied.org.idp.entityId, ssoUrl: applied.org.idp.ssoUrl });
      expect(report?.atlassian.certificate?.replace(/\s+/g, '')).toBe(applied.org.idp.certificate.replace(/\s+/g, ''));
    } finally {
      await applied.cleanup();
    }
  });

  describe.concurrent('each catalogue scenario that misconfigures the client is named by the audit', () => {
    const cases: ReadonlyArray<[scenario: string, breaks: AuditCode[], advisory: AuditCode[]]> = [
      ['client-signature-required', ['AUDIT_CLIENT_SIGNATURE_REQUIRED'], []],
      ['nothing-signed', ['AUDIT_NOTHING_SIGNED'], []],
      ['assertion-signed-only', [], ['AUDIT_SIGNING_PARTIAL']],
      ['nameid-username', ['AUDIT_NAMEID_NOT_EMAIL', 'AUDIT_NAMEID_NOT_FORCED'], []],
      ['acs-not-allowed', ['AUDIT_ACS_NOT_ALLOWED'], []],
      ['client-id-not-entity-id', ['AUDIT_CLIENT_ID_NOT_SP_ENTITY_ID'], []],
      ['jit-names-missing', [], ['AUDIT_JIT_NAME_MAPPERS_MISSING']],
      ['wrong-certificate', [], ['AUDIT_SEVERAL_SIGNING_KEYS']],
      ['second-signing-key', [], ['AUDIT_SEVERAL_SIGNING_KEYS']],
      ['encrypt-assertions', ['AUDIT_ENCRYPTION_ON'], []],
      ['client-disabled', ['AUDIT_CLIENT_DISABLED'], []],
      // The mapper sends the email for the format Atlassian asks for: nothing to find in the NameID.
      ['nameid-attribute-mapper', [], []],
    ];
    for (const [id, breaks, advisory] of cases) {
      test(`${id}: ${[...breaks, ...advisory].join(', ')}`, async () => {
        const applied = await applyScenario(scenarios.get(id)!, stack);
        try {
          const { report } = await auditJson({
            realm: applied.realm,
            clientId: applied.client.clientId!,
            atlassianSpEntityId: applied.org.spEntityId,
            atlassianAcsUrl: applied.org.acsUrl,
          });
          expect(codes(report, 'breaks')).toEqual([...breaks].sort());
          expect(codes(report, 'advisory')).toEqual([...advisory, 'AUDIT_NOT_HTTPS'].sort());
          if (id === 'wrong-certificate') {
            // Atlassian still holds the certificate from before the rotation; the audit shows the active one.
            expect(report?.atlassian.certificate?.replace(/\s+/g, '')).not.toBe(applied.org.idp.certificate.replace(/\s+/g, ''));
          }
        } finally {
          await applied.cleanup();
        }
      });
    }
  });

  describe.concurrent("the audit agrees with Keycloak on which redirect URIs let Atlassian's ACS URL through", () => {
    const spOrigin = new URL(inject('spMockUrl')).origin;
    const variants: ReadonlyArray<[what: string, redirectUri: string, allowed: boolean]> = [
      ['the ACS URL itself', '{acsUrl}', true],
      ["the SP's origin with a trailing *", `${spOrigin}/*`, true],
      ['the ACS URL without its query', `${spOrigin}/login/callback`, false],
      ["another organization's ACS URL", `${spOrigin}/login/callback?connection=saml-other`, false],
    ];
    for (const [what, redirectUri, allowed] of variants) {
      test(`${what} is ${allowed ? 'allowed' : 'refused'} by Keycloak and by the audit`, async () => {
        const { scenario } = parseScenario(
          `id: redirect-uri\ntitle: a login through one redirect URI\nkeycloak:\n  client:\n    redirectUris: ["${redirectUri}"]\nexpect:\n  outcome: success\n`,
          '<redirect-uri>',
        );
        const applied = await applyScenario(scenario, stack);
        try {
          const run = await runLogin(applied.steps, { version: keycloak.version });
          expect(run.outcome.code === 'KEYCLOAK_INVALID_REDIRECT_URI', `Keycloak: ${run.outcome.code}`).toBe(!allowed);
          const { report } = await auditJson({
            realm: applied.realm,
            clientId: applied.org.spEntityId,
            atlassianSpEntityId: applied.org.spEntityId,
            atlassianAcsUrl: applied.org.acsUrl,
          });
          expect(codes(report, 'breaks')).toEqual(allowed ? [] : ['AUDIT_ACS_NOT_ALLOWED']);
        } finally {
          await applied.cleanup();
        }
      });
    }
  });

  test('a base URL with /auth on a server without it is refused, naming the right URL', async () => {
    const { error } = await auditJson({ keycloakUrl: `${keycloak.baseUrl}/auth`, realm: 'master', clientId: 'x' });
    expect(error).toMatchObject({ code: 'USAGE', fix: expect.stringContaining(`--keycloak-url ${keycloak.baseUrl}`) });
  });

  test('the /auth layout and a published entity ID on another base URL are advice with the values to type', async () => {
    const applied = await applyScenario(scenarios.get('happy-path')!, stack);
    try {
      const snapshot = await readKeycloak(admin, keycloak.baseUrl, applied.realm, applied.org.spEntityId);
      if (!snapshot.descriptor.ok) throw new Error(`no descriptor: ${snapshot.descriptor.problem}`);
      // The same realm as a server under /auth (before 17, or --http-relative-path=/auth) would publish it.
      const withAuth = (url: string) => url.replace(`${keycloak.baseUrl}/realms/`, `${keycloak.baseUrl}/auth/realms/`);
      const authLayout = auditSnapshot(
        {
          ...snapshot,
          baseUrl: `${keycloak.baseUrl}/auth`,
          descriptor: {
            ...snapshot.descriptor,
            entityId: withAuth(snapshot.descriptor.entityId!),
            ssoUrls: Object.fromEntries(Object.entries(snapshot.descriptor.ssoUrls).map(([binding, url]) => [binding, withAuth(url)])),
          },
        },
        { spEntityId: applied.org.spEntityId, acsUrl: applied.org.acsUrl },
      );
      expect(codes(authLayout, 'advisory')).toEqual(['AUDIT_AUTH_PATH', 'AUDIT_NOT_HTTPS']);
      expect(authLayout.atlassian.entityId).toBe(`${keycloak.baseUrl}/auth/realms/${applied.realm}`);
      expect(authLayout.atlassian.ssoUrl).toBe(`${keycloak.baseUrl}/auth/realms/${applied.realm}/protocol/saml`);

      const behindProxy = auditSnapshot(
        { ...snapshot, descriptor: { ...snapshot.descriptor, entityId: `https://sso.acme.example/realms/${applied.realm}` } },
        { spEntityId: applied.org.spEntityId, acsUrl: applied.org.acsUrl },
      );
      expect(codes(behindProxy, 'advisory')).toContain('AUDIT_ENTITY_ID_NOT_AUDITED_URL');
      expect(behindProxy.atlassian.entityId).toBe(`https://sso.acme.example/realms/${applied.realm}`);
    } finally {
      await applied.cleanup();
    }
  });

  // An attached run audits a detached harness Keycloak, whose credentials the audit finds on its own.
  test.skipIf(process.env.SAML_HARNESS_ATTACH === '1')('without credentials from flags, the environment or a detached harness Keycloak, the audit is a USAGE error', async () => {
    const { error } = await auditJson({ realm: 'master', clientId: 'x', adminUser: undefined, adminPassword: undefined, env: {} });
    expect(error).toMatchObject({ code: 'USAGE', fix: expect.stringContaining(adminUserEnv) });
  });
});
