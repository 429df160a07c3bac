/**
 * HARs as users send them: saved from Chromium's own DevTools (Network panel, Keep log, Export HAR
 * (sanitized)) during catalogue logins against a real Keycloak and sp-mock (test/fixtures/har/, made by
 * record-in-devtools.ts). DevTools keeps no body of the pages it navigated away from, lists every theme
 * file, writes relative redirect URLs and leaves the typed password in the form it exported.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { checkHarHere } from '../../support/check-har-here.ts';

const fixture = (name: string) => new URL(`../../fixtures/har/${name}`, import.meta.url).pathname;

describe("HARs saved from Chromium's DevTools", () => {
  test.each([
    ['devtools-happy-path.har', 'SUCCESS', 0],
    ['devtools-nameid-username.har', 'SP_NAMEID_NOT_EMAIL', 1],
  ])('%s: judged %s, exit %i', async (name, code, exit) => {
    const har = JSON.parse(await readFile(fixture(name), 'utf8')) as { log: { creator: { name: string } } };
    expect(har.log.creator.name).toBe('WebInspector');
    const json = await checkHarHere(fixture(name));
    const result = json.result!;
    expect([result.logins[0]!.code, json.code]).toEqual([code, exit]);
    expect(result.keycloakVersion.source).toBe('inferred');
    // The flow, without the theme's stylesheets, scripts, fonts and images DevTools lists.
    expect(result.logins[0]!.hops.map((hop) => `${hop.method} ${new URL(hop.url).pathname} ${hop.carries ?? ''}`.trim())).toEqual([
      'GET /login',
      expect.stringMatching(/^GET \/realms\/[^/]+\/protocol\/saml AuthnRequest$/),
      expect.stringMatching(/^POST \/realms\/[^/]+\/login-actions\/authenticate$/),
      'POST /login/callback Response',
      expect.stringMatching(/^GET \/login\/(success|error)$/),
    ]);
    expect(result.logins[0]!.response?.rules.find((rule) => rule.code === 'SP_IN_RESPONSE_TO_UNKNOWN')?.status).toBe('pass');
  });

  test("Atlassian refusing a response the rules pass, in words no rule gives: ATLASSIAN_REFUSED, exit 1, its words shown", async () => {
    const har = JSON.parse(await readFile(fixture('devtools-happy-path.har'), 'utf8')) as { log: { entries: Array<{ request: { url: string }; response: { redirectURL: string } }> } };
    const callback = har.log.entries.find((entry) => entry.request.url.includes('/login/callback'))!;
    callback.response.redirectURL = '/login/error?error=access_denied&error_description=Your%20site%20is%20suspended';
    const folder = await mkdtemp(join(tmpdir(), 'saml-harness-har-'));
    const file = join(folder, 'refused.har');
    await writeFile(file, JSON.stringify(har));
    const checked = await checkHarHere(file).finally(() => rm(folder, { recursive: true, force: true }));
    expect([checked.code, checked.result!.logins[0]!.code, checked.result!.logins[0]!.seen]).toEqual([1, 'ATLASSIAN_REFUSED', 'access_denied: Your site is suspended']);
  });

  test('the password DevTools left in the exported form is in no output', async () => {
    for (const name of ['devtools-happy-path.har', 'devtools-nameid-username.har']) {
      expect(await readFile(fixture(name), 'utf8')).toContain('alice-Passw0rd');
      for (const format of ['text', 'json'] as const) expect((await checkHarHere(fixture(name), format)).printed).not.toContain('alice-Passw0rd');
    }
  });
});
