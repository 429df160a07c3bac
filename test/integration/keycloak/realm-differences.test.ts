/**
 * A scenario's realm differences made on a pooled realm (as the admin console makes them) give the realm
 * that one import of the same differences gives: the settings, the attributes, the components, the groups
 * and roles with the users in them.
 */
import { randomUUID } from 'node:crypto';
import type KeycloakAdminClient from '@keycloak/keycloak-admin-client';
import { afterAll, expect, inject, test } from 'vitest';
import { connectAdminClient } from '../../../harness/keycloak/admin-client.ts';
import { testRealm } from '../../../harness/keycloak/test-realm.ts';
import { parseScenario } from '../../../harness/scenario/load.ts';
import { scenarioPlaceholders } from '../../../harness/scenario/placeholders.ts';
import { applyRealmDifferences, differencesNeedImport, partialImportOf, scenarioRealm } from '../../../harness/scenario/scenario-realm.ts';
import { scenarioUsers } from '../../../harness/scenario/scenario-users.ts';

const keycloak = inject('keycloak');
const made: string[] = [];
let admin: KeycloakAdminClient;

afterAll(async () => {
  for (const realm of made) await admin.realms.del({ realm }).catch(() => {});
});

const differences = parseScenario(
  `id: mine
title: differences on a pooled realm
keycloak:
  users: [{ username: alice, groups: [staff] }]
  realm:
    verifyEmail: true
    bruteForceProtected: true
    failureFactor: 3
    attributes: { frontendUrl: "{localhostBaseUrl}" }
    components:
      org.keycloak.keys.KeyProvider:
        - { name: rsa-added, providerId: rsa-generated, config: { priority: "200", keySize: "2048" } }
        - { name: hmac-generated, providerId: hmac-generated, config: { algorithm: HS256 } }
    roles: { realm: [{ name: jira-user }] }
    groups: [{ name: staff, realmRoles: [jira-user] }]
expect: { outcome: success }
`,
  '<inline>',
).scenario;

/** What both ways must agree on, read back from Keycloak. */
async function readBack(realm: string) {
  const rep = await admin.realms.findOne({ realm });
  const keys = await admin.components.find({ realm, type: 'org.keycloak.keys.KeyProvider' });
  const [alice] = await admin.users.find({ realm, username: 'alice', exact: true });
  const groups = await admin.users.listGroups({ realm, id: alice!.id! });
  const [staff] = await admin.groups.find({ realm, search: 'staff' });
  const staffRoles = await admin.groups.listRealmRoleMappings({ realm, id: staff!.id! });
  return {
    settings: { verifyEmail: rep?.verifyEmail, bruteForceProtected: rep?.bruteForceProtected, failureFactor: rep?.failureFactor },
    frontendUrl: rep?.attributes?.frontendUrl,
    keys: keys
      .map((key) => ({ name: key.name, providerId: key.providerId, priority: key.config?.priority, algorithm: key.config?.algorithm }))
      .sort((a, b) => a.name!.localeCompare(b.name!)),
    aliceGroups: groups.map((group) => group.name),
    staffRoles: staffRoles.map((role) => role.name),
  };
}

test('differences made on a pooled realm read back as the same differences imported with a realm', async () => {
  admin = await connectAdminClient(keycloak.baseUrl, keycloak.admin);
  const realmDifferences = differences.keycloak.realm!;
  expect(differencesNeedImport(realmDifferences)).toBe(false);
  const users = scenarioUsers(differences).map((entry) => entry.representation);
  const suffix = randomUUID().slice(0, 8);
  const imported = `imported-${suffix}`;
  const pooled = `pooled-${suffix}`;
  made.push(imported, pooled);

  await admin.realms.create(await scenarioRealm(imported, realmDifferences, users, scenarioPlaceholders(keycloak.baseUrl, imported, sp)));
  await admin.realms.create(await testRealm(pooled)); // as the realm pool makes them
  await applyRealmDifferences(admin, pooled, realmDifferences, scenarioPlaceholders(keycloak.baseUrl, pooled, sp));
  await admin.realms.partialImport({ realm: pooled, rep: partialImportOf(realmDifferences, users)! });

  const fromImport = await readBack(imported);
  expect(fromImport.settings).toEqual({ verifyEmail: true, bruteForceProtected: true, failureFactor: 3 });
  expect(fromImport.frontendUrl).toBe(keycloak.baseUrl.replace('127.0.0.1', 'localhost'));
  expect(fromImport.keys.map((key) => key.name)).toEqual(['aes-generated', 'hmac-generated', 'rsa', 'rsa-added']);
  expect(fromImport.keys.find((key) => key.name === 'hmac-generated')?.algorithm).toEqual(['HS256']);
  expect(fromImport.aliceGroups).toEqual(['staff']);
  expect(fromImport.staffRoles).toEqual(['jira-user']);
  expect(await readBack(pooled)).toEqual(fromImport);
  // The added generated key is the active one in both.
  for (const realm of [imported, pooled]) {
    const keys = await admin.realms.getKeys({ realm });
    expect(keys.keys?.find((key) => key.kid === keys.active?.RS256)?.providerId).toBe(
      (await admin.components.find({ realm, name: 'rsa-added' }))[0]?.id,
    );
  }
});

test('a set of flows of its own needs a realm made in one import', () => {
  expect(differencesNeedImport({ authenticationFlows: [{ alias: 'mine' }], browserFlow: 'mine' })).toBe(true);
  expect(differencesNeedImport({ verifyEmail: true })).toBe(false);
  expect(differencesNeedImport(undefined)).toBe(false);
});

const sp = { spEntityId: 'https://auth.atlassian.com/saml/abc', acsUrl: 'http://127.0.0.1:4000/login/callback?connection=saml-abc' };
