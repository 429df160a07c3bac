/**
 * `scim-sync` against this run's real Keycloak, a real directory federated into the realm, and sp-mock's
 * SCIM API: a plan first, applied, idempotent, following changes and removals; the API key never shown.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { SpMockClient } from '../../../sp-mock/index.ts';
import { collectingOutput } from '../../../harness/commands/output.ts';
import { scimSync, type ScimSyncOptions } from '../../../harness/commands/scim-sync.ts';
import { connectAdminClient } from '../../../harness/keycloak/admin-client.ts';
import { applyScenario, type AppliedScenario } from '../../../harness/scenario/apply.ts';
import { parseScenario } from '../../../harness/scenario/load.ts';
import { stackKeycloak } from '../../../harness/scenario/stack.ts';
import { ScimClient } from '../../../harness/scim-sync/scim-client.ts';

const keycloak = inject('keycloak');
const admin = await connectAdminClient(keycloak.baseUrl, keycloak.admin);
const sp = new SpMockClient(inject('spMockUrl'));
const folder = mkdtempSync(join(tmpdir(), 'saml-harness-scim-sync-'));
let applied: AppliedScenario;
let options: ScimSyncOptions;

const scenario = parseScenario(
  `id: sync-source
title: a realm with directory and local users to sync
ldap:
  people:
    - { uid: carol, password: carol-Passw0rd, cn: Carol Cooper, sn: Cooper, givenName: Carol, mail: carol@acme.example }
    - { uid: dave, password: dave-Passw0rd, cn: Dave Dunn, sn: Dunn }
  federation: { firstNameAttribute: givenName }
keycloak:
  users:
    - { username: erin, password: erin-Passw0rd, email: erin@acme.example, firstName: Erin, lastName: Eames }
    - { username: frank, password: frank-Passw0rd, email: frank@elsewhere.test, firstName: Frank, lastName: Fox }
atlassian:
  accounts: []
expect: { outcome: success }
`,
  '<inline>',
).scenario;

beforeAll(async () => {
  applied = await applyScenario(scenario, { keycloak: stackKeycloak(keycloak.baseUrl, keycloak.version, admin, { directoryRoute: keycloak.directoryRoute }), sp });
  const tokenFile = join(folder, 'token');
  writeFileSync(tokenFile, `${applied.org.scim.token}\n`);
  options = {
    keycloakUrl: keycloak.baseUrl,
    realm: applied.realm,
    scimUrl: applied.org.scim.baseUrl,
    tokenFile,
    clientId: applied.client.clientId!,
    verifiedDomains: ['acme.example'],
    syncLdap: true,
    env: { SAML_HARNESS_ADMIN_USER: keycloak.admin.username, SAML_HARNESS_ADMIN_PASSWORD: keycloak.admin.password },
  };
});
afterAll(async () => {
  await applied?.cleanup();
  rmSync(folder, { recursive: true, force: true });
});

const scimUsers = () => new ScimClient({ baseUrl: applied.org.scim.baseUrl, token: applied.org.scim.token }).listUsers();

describe.sequential('scim-sync', () => {
  test('a dry run plans the directory and local users, says whom it skips and why, and sends nothing', async () => {
    const output = collectingOutput();
    const result = await scimSync({ ...options, dryRun: true }, output);
    expect(result.plan.counts).toMatchObject({ create: 2, update: 0, unchanged: 0, skip: 2 });
    const skipped = result.plan.changes.flatMap((change) => (change.action === 'skip' ? [[change.username, change.reason]] : []));
    expect(skipped.sort()).toEqual([
      ['dave', 'no email'],
      ['frank', 'elsewhere.test is not a verified domain of the organization'],
    ]);
    expect(output.printed.at(-1)).toBe('Dry run: nothing was sent to Atlassian.');
    expect(await scimUsers()).toEqual([]);
  });

  test('the sync creates them in Atlassian, with the Keycloak id as externalId, and never prints the key', async () => {
    const output = collectingOutput();
    await scimSync(options, output);
    const users = await scimUsers();
    expect(users.map((user) => [user.userName, user.name?.familyName, user.active]).sort()).toEqual([
      ['carol@acme.example', 'Cooper', true],
      ['erin@acme.example', 'Eames', true],
    ]);
    const [erin] = await admin.users.find({ realm: applied.realm, username: 'erin', exact: true });
    expect(users.find((user) => user.userName === 'erin@acme.example')?.externalId).toBe(erin!.id);
    expect([...output.printed, ...output.noted].join('\n')).not.toContain(applied.org.scim.token);
    const { accounts } = await sp.getOrganization(applied.org.id);
    expect(accounts.map((account) => account.email).sort()).toEqual(['carol@acme.example', 'erin@acme.example']);
  });

  test('a second run plans nothing', async () => {
    const result = await scimSync(options, collectingOutput());
    expect(result.plan.counts).toMatchObject({ create: 0, update: 0, deactivate: 0, unchanged: 2 });
    expect(result.applied).toEqual([]);
  });

  test('a surname changed in Keycloak is an update naming the fields, and Atlassian gets it', async () => {
    const [erin] = await admin.users.find({ realm: applied.realm, username: 'erin', exact: true });
    await admin.users.update({ realm: applied.realm, id: erin!.id! }, { ...erin, lastName: 'Evans' });
    const output = collectingOutput();
    const result = await scimSync(options, output);
    const update = result.plan.changes.find((change) => change.action === 'update');
    expect(update && 'changes' in update ? update.changes : []).toEqual([
      { field: 'name.familyName', from: 'Eames', to: 'Evans' },
      { field: 'displayName', from: 'Erin Eames', to: 'Erin Evans' },
    ]);
    expect(output.printed.join('\n')).toMatch(/update\s+erin\s+erin@acme\.example\s+name\.familyName: Eames → Evans/);
    expect((await scimUsers()).find((user) => user.userName === 'erin@acme.example')?.name?.familyName).toBe('Evans');
  });

  test('a user removed from Keycloak is deactivated in Atlassian only with --deactivate-missing', async () => {
    const [erin] = await admin.users.find({ realm: applied.realm, username: 'erin', exact: true });
    await admin.users.del({ realm: applied.realm, id: erin!.id! });
    expect((await scimSync(options, collectingOutput())).plan.counts.deactivate).toBe(0);
    const result = await scimSync({ ...options, deactivateMissing: true }, collectingOutput());
    expect(result.plan.counts).toMatchObject({ deactivate: 1, unchanged: 1 });
    expect((await scimUsers()).find((user) => user.userName === 'erin@acme.example')?.active).toBe(false);
    const { accounts } = await sp.getOrganization(applied.org.id);
    expect(accounts.find((account) => account.email === 'erin@acme.example')?.active).toBe(false);
  });

  test("--group limits the sync to one group's members", async () => {
    const { id: groupId } = await admin.groups.create({ realm: applied.realm, name: 'atlassian-users' });
    const [carol] = await admin.users.find({ realm: applied.realm, username: 'carol', exact: true });
    await admin.users.addToGroup({ realm: applied.realm, id: carol!.id!, groupId });
    const result = await scimSync({ ...options, group: '/atlassian-users', dryRun: true, deactivateMissing: true }, collectingOutput());
    expect(result.plan.changes.map((change) => change.action === 'unchanged' && change.user.username)).toEqual(['carol']);
    await expect(scimSync({ ...options, group: '/no-such-group', dryRun: true }, collectingOutput())).rejects.toMatchObject({ code: 'USAGE' });
  });

  test('without an API key it says where one goes, and a wrong one is refused by name', async () => {
    const { tokenFile: _file, ...withoutToken } = options;
    await expect(scimSync({ ...withoutToken, env: { ...options.env } }, collectingOutput())).rejects.toMatchObject({ code: 'SCIM_TOKEN_MISSING' });
    const wrong = join(folder, 'wrong-token');
    writeFileSync(wrong, 'not-the-key');
    await expect(scimSync({ ...options, tokenFile: wrong }, collectingOutput())).rejects.toMatchObject({ code: 'SCIM_UNAUTHORIZED' });
  });
});
