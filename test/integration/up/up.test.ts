/**
 * `up` keeps one scenario's stack up on this run's Keycloak, prints links that answer, and `verify` runs
 * its login again: a person fixes the NameID in Keycloak (here through the admin API, as the console
 * would) and the verdict turns green; `--watch` sees the change by itself; stop() leaves nothing behind.
 */
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { collectingOutput } from '../../../harness/commands/output.ts';
import { startUpFor, verify } from '../../../harness/commands/up.ts';
import { connectAdminClient } from '../../../harness/keycloak/admin-client.ts';
import type { UpSession } from '../../../harness/up/start-up.ts';
import { newestLiveStack } from '../../../harness/up/live-stack.ts';
import { providedKeycloakLog } from '../../support/keycloak-log.ts';

const provided = inject('keycloak');
const admin = await connectAdminClient(provided.baseUrl, provided.admin);
const keycloak = {
  baseUrl: provided.baseUrl,
  version: provided.version,
  admin: provided.admin,
  directoryRoute: provided.directoryRoute,
  ...(providedKeycloakLog(provided) ? { log: providedKeycloakLog(provided)! } : {}),
  adminClient: () => connectAdminClient(provided.baseUrl, provided.admin),
};

describe.sequential('up and verify', () => {
  let session: UpSession;
  const output = collectingOutput();

  beforeAll(async () => {
    session = await startUpFor({ scenarioId: 'nameid-username', keycloak }, output);
  });
  afterAll(() => session?.stop());

  test('prints the links a person needs, and each answers', async () => {
    const printed = output.printed.join('\n');
    expect(printed).toContain('Scenario nameid-username is up');
    const links = Object.fromEntries(session.links);
    expect(links["Keycloak's admin console (this realm's SAML client)"]).toMatch(new RegExp(`/admin/master/console/#/${session.applied.realm}/clients/[0-9a-f-]{36}/settings$`));
    for (const label of ['Account console', "sp-mock's console (Atlassian's SAML page, the login attempts)", 'Log in as alice (SP-initiated)']) {
      const answer = await fetch(links[label]!, { redirect: 'manual' });
      expect([label, answer.status < 400]).toEqual([label, true]);
    }
  });

  test("verify gives the scenario's verdict; after the fix in Keycloak it is a login", async () => {
    const first = collectingOutput();
    await expect(verify({}, first)).rejects.toMatchObject({ code: 'LOGIN_FAILED' });
    expect(first.printed[0]).toMatch(/^✗ sp stops the login: SP_NAMEID_NOT_EMAIL/);
    const stack = await newestLiveStack();
    const client = await admin.clients.findOne({ realm: stack.realm, id: stack.client.id });
    await admin.clients.update(
      { realm: stack.realm, id: stack.client.id },
      { ...client, attributes: { ...client!.attributes, saml_name_id_format: 'email', saml_force_name_id_format: 'true' } },
    );
    const second = collectingOutput();
    const run = await verify({}, second);
    expect(run.outcome.code).toBe('SUCCESS');
    expect(second.printed).toEqual(['✓ the login succeeds: alice@acme.example is logged in to Atlassian']);
  });

  test('--watch verifies again when the client changes, until stopped', async () => {
    const stack = await newestLiveStack();
    const watched = collectingOutput();
    let stop!: () => void;
    const until = new Promise<void>((resolve) => (stop = resolve));
    const watching = verify({ watch: true, pollMs: 100, until }, watched);
    await expect.poll(() => watched.noted.some((line) => line.startsWith('Watching'))).toBe(true);
    const client = await admin.clients.findOne({ realm: stack.realm, id: stack.client.id });
    await admin.clients.update({ realm: stack.realm, id: stack.client.id }, { ...client, attributes: { ...client!.attributes, saml_force_name_id_format: 'false' } });
    const verdicts = () => watched.printed.filter((line) => /^[✓✗]/.test(line));
    await expect.poll(() => verdicts().length, { timeout: 15_000 }).toBe(2);
    stop();
    await watching;
    expect(verdicts()[0]).toMatch(/^✓/);
    expect(verdicts()[1]).toMatch(/^✗ sp stops the login: SP_NAMEID_NOT_EMAIL/);
    expect(watched.noted).toContain('Changed: verifying again');
  });

  test('stop() takes the realm, the organization and the record away', async () => {
    const { realm } = session.applied;
    const orgId = session.applied.org.id;
    const sp = session.sp;
    await session.stop();
    expect(await admin.realms.findOne({ realm })).toBeFalsy();
    await expect(newestLiveStack()).rejects.toMatchObject({ code: 'UP_NOT_RUNNING' });
    await expect(fetch(`${sp.url}/admin/organizations/${orgId}`)).rejects.toThrow();
  });
});
