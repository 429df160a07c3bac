/**
 * `check-har` on real captures: logins of catalogue scenarios recorded against this run's Keycloak and
 * sp-mock, by Chromium (Playwright's own HAR recording) and by the HTTP driver, judged offline through
 * the CLI (the whole catalogue in Chromium, a sample over HTTP). Its verdict is the run's outcome (or, where Atlassian's words fit several rules, the run's
 * rule is among them); the secrets in the captures never reach its output; the real captures, edited as
 * real-world HARs are (bodies base64, cut short or missing, no Location, two logins in one file), still read.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { SpMockClient } from '../../../sp-mock/index.ts';
import { connectAdminClient } from '../../../harness/keycloak/admin-client.ts';
import { BrowserDriver } from '../../../harness/login/drivers/browser-driver.ts';
import { startChromium, type StartedChromium } from '../../../harness/login/drivers/chromium.ts';
import type { HarLog } from '../../../harness/login/har.ts';
import type { CheckHarResult } from '../../../harness/commands/check-har.ts';
import { checkHarHere } from '../../support/check-har-here.ts';
import { checkCatalogue } from '../../../harness/scenario/catalogue.ts';
import { runScenariosOn } from '../../../harness/scenario/run-catalogue.ts';
import type { ScenarioResult } from '../../../harness/scenario/run-scenario.ts';
import { stackKeycloak, type Stack } from '../../../harness/scenario/stack.ts';
import { browserUnusable } from '../../support/browser.ts';
import { startCli } from '../../support/cli.ts';
import { providedKeycloakLog } from '../../support/keycloak-log.ts';

const keycloak = inject('keycloak');
const unusable = browserUnusable();
const picked = [
  'happy-path',
  'idp-initiated',
  'client-signature-required',
  'wrong-password',
  'wrong-certificate',
  'nothing-signed',
  'nameid-username',
  'user-not-provisioned',
  'clock-skew',
  'domain-not-verified',
];

async function checkHar(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const cli = startCli(['check-har', ...args]);
  const { code } = await cli.exited;
  return { code, stdout: cli.stdout(), stderr: cli.stderr() };
}

async function judged(file: string, ...args: string[]): Promise<{ code: number | null; result: CheckHarResult; stderr: string }> {
  const { code, stdout, stderr } = await checkHar(file, '--format', 'json', ...args);
  return { code, result: JSON.parse(stdout) as CheckHarResult, stderr };
}

/** The run's outcome code is check-har's, or among the rules Atlassian's answer fits. */
function verdictCodes(result: CheckHarResult): string[] {
  const last = result.logins[0]!;
  return [last.code, ...(last.atlassianAnswer?.rules ?? [])];
}

/** Values a HAR holds that no output may repeat: cookies, the typed password, session codes. */
function secretsIn(har: HarLog): string[] {
  const secrets = new Set<string>();
  for (const entry of har.log.entries) {
    for (const header of [...entry.request.headers, ...entry.response.headers]) {
      const name = header.name.toLowerCase();
      // A Set-Cookie's value is its first pair (Path and the rest are attributes); a Cookie header holds pairs.
      const pairs = name === 'set-cookie' ? header.value.split('\n').map((line) => line.split(';')[0]!) : name === 'cookie' ? header.value.split(/;\s*/) : name === 'authorization' ? [`x=${header.value}`] : [];
      for (const pair of pairs) {
        const value = pair.split('=').slice(1).join('=');
        if (value.length >= 12) secrets.add(value);
      }
    }
    const sessionCode = new URL(entry.request.url).searchParams.get('session_code');
    if (sessionCode) secrets.add(sessionCode);
  }
  return [...secrets];
}

function recordWith(driverName: 'browser' | 'http', ids: readonly string[] | 'the whole catalogue', newDriver?: Stack['newDriver']) {
  const state = { folder: '', results: [] as ScenarioResult[], ids: [] as string[] };
  beforeAll(async () => {
    state.folder = await mkdtemp(join(tmpdir(), `saml-harness-check-har-${driverName}-`));
    const scenarios = checkCatalogue().scenarios.map((loaded) => loaded.scenario).filter((scenario) => ids === 'the whole catalogue' || ids.includes(scenario.id));
    state.ids = scenarios.map((scenario) => scenario.id);
    const stack: Stack = {
      keycloak: stackKeycloak(keycloak.baseUrl, keycloak.version, await connectAdminClient(keycloak.baseUrl, keycloak.admin), {
        directoryRoute: keycloak.directoryRoute,
        log: providedKeycloakLog(keycloak),
      }),
      sp: new SpMockClient(inject('spMockUrl')),
      ...(newDriver ? { newDriver } : {}),
    };
    state.results = await runScenariosOn(stack, scenarios);
    for (const result of state.results) await writeFile(join(state.folder, `${result.id}.har`), JSON.stringify(result.har));
  }, 300_000);
  afterAll(async () => {
    if (state.folder) await rm(state.folder, { recursive: true, force: true });
  });
  return state;
}

/**
 * What a capture can show of a run's outcome: the same code, except where the run asked Keycloak (its
 * admin API about the directory, its log about a lockout): a capture shows only "Invalid username or
 * password." and says so.
 */
function capturedCodeOf(result: ScenarioResult): string {
  const toldByKeycloak = result.outcome.code.startsWith('KEYCLOAK_LDAP_') || result.outcome.code === 'KEYCLOAK_USER_TEMPORARILY_LOCKED';
  return toldByKeycloak ? 'KEYCLOAK_INVALID_CREDENTIALS' : result.outcome.code;
}

function verdictTests(state: { folder: string; results: ScenarioResult[]; ids: string[] }) {
  test('every capture is judged as the run judged the login, exit 0 for a login and 1 for a refusal', async () => {
    expect(state.results.map((result) => [result.id, result.passed]).sort()).toEqual(state.ids.map((id) => [id, true]).sort());
    for (const result of state.results) {
      const { code, result: checked } = await checkHarHere(join(state.folder, `${result.id}.har`));
      expect([result.id, verdictCodes(checked!)], result.id).toEqual([result.id, expect.arrayContaining([capturedCodeOf(result)])]);
      if (capturedCodeOf(result) !== result.outcome.code) expect(checked!.logins[0]!.hints.join(' '), result.id).toMatch(/directory \(LDAP\)/);
      expect([result.id, code]).toEqual([result.id, result.outcome.code === 'SUCCESS' ? 0 : 1]);
    }
  });

  test('no output repeats a cookie, the typed password or a session code of the capture', async () => {
    for (const result of state.results) {
      const file = join(state.folder, `${result.id}.har`);
      const secrets = [...secretsIn(result.har!), 'alice-Passw0rd'];
      for (const output of [await checkHarHere(file, 'text'), await checkHarHere(file, 'json')]) {
        for (const secret of secrets) expect(output.printed.includes(secret), `${result.id}: ${secret}`).toBe(false);
      }
    }
  });

  test('the text output numbers the hops and names the SAML messages; a Keycloak stop is named with its fix', async () => {
    const { code, stdout } = await checkHar(join(state.folder, 'client-signature-required.har'));
    expect(code).toBe(1);
    expect(stdout).toMatch(/^ +1\. GET +302 /m);
    expect(stdout).toMatch(/← AuthnRequest/);
    expect(stdout).toMatch(/✗ Refused by Keycloak: KEYCLOAK_INVALID_REQUESTER/);
    expect(stdout).toMatch(/Keycloak showed: Invalid requester/);
    expect(stdout).toMatch(/fix: .*Client signature required/);
  });
}

describe('check-har on captures of the HTTP driver', () => {
  const state = recordWith('http', picked);
  verdictTests(state);

  test('two logins in one file: each judged, the last first, and the exit code is the last one\'s', async () => {
    const first = JSON.parse(await readFile(join(state.folder, 'wrong-certificate.har'), 'utf8')) as HarLog;
    const second = JSON.parse(await readFile(join(state.folder, 'happy-path.har'), 'utf8')) as HarLog;
    const both = join(state.folder, 'both.har');
    await writeFile(both, JSON.stringify({ log: { ...first.log, entries: [...first.log.entries, ...second.log.entries] } }));
    const { code, result } = await judged(both);
    // Judged in the order the browser made them (the run made the happy path first), the last first.
    const refused = expect.stringMatching(/^SP_(CERTIFICATE|SIGNATURE)_INVALID$/);
    const happyFirst = Date.parse(second.log.entries[0]!.startedDateTime) < Date.parse(first.log.entries[0]!.startedDateTime);
    expect(result.logins.map((login) => [login.login, login.code])).toEqual(happyFirst ? [[2, refused], [1, 'SUCCESS']] : [[2, 'SUCCESS'], [1, refused]]);
    expect(result.logins.map((login) => login.hops.length)).toEqual((happyFirst ? [first, second] : [second, first]).map((har) => har.log.entries.length));
    expect(code).toBe(happyFirst ? 1 : 0);
  });

  test('real-world HARs: base64 bodies, no redirectURL or Location, bodies cut short or missing', async () => {
    const original = JSON.parse(await readFile(join(state.folder, 'nameid-username.har'), 'utf8')) as HarLog;
    const edited = structuredClone(original);
    for (const entry of edited.log.entries) {
      const content = entry.response.content as { text?: string; encoding?: string };
      if (content.text !== undefined) Object.assign(content, { text: Buffer.from(content.text).toString('base64'), encoding: 'base64' });
      entry.response.redirectURL = '';
      entry.response.headers = entry.response.headers.filter((header) => header.name.toLowerCase() !== 'location');
    }
    await writeFile(join(state.folder, 'base64.har'), JSON.stringify(edited));
    expect(verdictCodes((await judged(join(state.folder, 'base64.har'))).result)).toContain('SP_NAMEID_NOT_EMAIL');

    // Bodies cut short, as some browsers save long ones: the page is still read.
    const truncated = JSON.parse(await readFile(join(state.folder, 'client-signature-required.har'), 'utf8')) as HarLog;
    for (const entry of truncated.log.entries) {
      const content = entry.response.content;
      if (content.text && content.text.length > 2500) content.text = content.text.slice(0, content.text.indexOf('Invalid requester') + 200);
    }
    await writeFile(join(state.folder, 'truncated.har'), JSON.stringify(truncated));
    expect((await judged(join(state.folder, 'truncated.har'))).result.logins[0]!.code).toBe('KEYCLOAK_INVALID_REQUESTER');

    // Without bodies a login that stopped at Keycloak cannot be told: said as incomplete, exit 2.
    const stopped = JSON.parse(await readFile(join(state.folder, 'wrong-password.har'), 'utf8')) as HarLog;
    for (const entry of stopped.log.entries) delete entry.response.content.text;
    await writeFile(join(state.folder, 'no-bodies.har'), JSON.stringify(stopped));
    const incomplete = await checkHar(join(state.folder, 'no-bodies.har'));
    expect([incomplete.code, incomplete.stderr]).toEqual([2, expect.stringContaining('HAR_NO_SAML')]);
  });

  test('--org: the Atlassian side as given, the fixes worded for the version given', async () => {
    const file = join(state.folder, 'happy-path.har');
    const derived = (await judged(file)).result.logins[0]!;
    const orgFile = join(state.folder, 'org.yaml');
    const otherCertificate = await readFile(new URL('../../../sp-mock/testing/keys/idp-rotated.test-only.cert.pem', import.meta.url), 'utf8');
    await writeFile(
      orgFile,
      [
        `spEntityId: ${derived.authnRequest!.issuer}`,
        `acsUrl: "${derived.authnRequest!.acsUrl}"`,
        'idp:',
        `  entityId: ${derived.response!.response.issuer}`,
        `  ssoUrl: ${derived.authnRequest!.ssoUrl}`,
        '  certificate: |',
        ...otherCertificate.trim().split('\n').map((line) => `    ${line}`),
        'domains: [{ name: acme.example, verified: true, linked: true }]',
        'accounts: [{ email: alice@acme.example }]',
      ].join('\n'),
    );
    const { code, result } = await judged(file, '--org', orgFile, '--keycloak-version', '24.0.5');
    expect(result.organization).toBe('given');
    expect(result.keycloakVersion).toEqual({ version: '24.0.5', source: 'given' });
    expect(result.logins[0]!.code).toBe('SP_SIGNATURE_INVALID');
    expect(code).toBe(1);
  });

  test('bad input is exit 2 and says what it found', async () => {
    const notJson = join(state.folder, 'not.har');
    await writeFile(notJson, 'this is not a HAR');
    expect(await checkHar(notJson)).toMatchObject({ code: 2, stderr: expect.stringContaining('HAR_UNREADABLE') });
    const noLog = join(state.folder, 'no-log.har');
    await writeFile(noLog, JSON.stringify({ entries: [] }));
    expect(await checkHar(noLog)).toMatchObject({ code: 2, stderr: expect.stringMatching(/HAR_UNREADABLE: .*log/) });
    const noSaml = join(state.folder, 'no-saml.har');
    const happy = JSON.parse(await readFile(join(state.folder, 'happy-path.har'), 'utf8')) as HarLog;
    await writeFile(noSaml, JSON.stringify({ log: { ...happy.log, entries: happy.log.entries.slice(-1) } }));
    expect(await checkHar(noSaml)).toMatchObject({ code: 2, stderr: expect.stringMatching(/HAR_NO_SAML: .*holds no SAML login: 1 request to 127\.0\.0\.1:\d+/) });
  });
});

describe.skipIf(unusable !== undefined)('check-har on captures Chromium recorded', () => {
  let chromium: StartedChromium | undefined;
  const state = recordWith('browser', 'the whole catalogue', async () => {
    chromium ??= await startChromium();
    return BrowserDriver.open(chromium.windows);
  });
  afterAll(async () => {
    await chromium?.stop();
  });
  verdictTests(state);

  test("the Keycloak version is inferred from the theme Keycloak's pages load, and said as an inference", async () => {
    const { result } = await judged(join(state.folder, 'happy-path.har'));
    expect(result.keycloakVersion).toMatchObject({ source: 'inferred', because: expect.stringMatching(/login theme/) });
  });
});
