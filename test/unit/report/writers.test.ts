/** The report writers read as their readers do: JUnit XML by a CI's parser, the HTML page by an HTML parser. */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DOMParser } from '@xmldom/xmldom';
import * as cheerio from 'cheerio';
import { afterAll, describe, expect, test } from 'vitest';
import { htmlReport } from '../../../harness/report/html.ts';
import { junitXml } from '../../../harness/report/junit.ts';
import { writeReports } from '../../../harness/report/write-reports.ts';
import type { RunReport } from '../../../harness/scenario/run-report.ts';
import type { ScenarioResult } from '../../../harness/scenario/run-scenario.ts';

function result(version: string, id: string, code: ScenarioResult['outcome']['code'], passed: boolean, title = `${id} ends as it should`): ScenarioResult {
  const success = code === 'SUCCESS';
  return {
    id,
    title,
    version,
    expected: success ? { outcome: 'success' } : { outcome: 'failure', where: 'sp', code },
    outcome: {
      result: success ? 'success' : 'failure',
      where: 'sp',
      code,
      message: success ? 'Logged in.' : 'Refused.',
      ...(success ? {} : { fix: 'Set Clients → <client> → Settings → Client ID to the SP entity URL.' }),
      step: { index: 5, name: "read the SP's verdict" },
    },
    passed,
    differences: passed ? [] : [`expected ${id} to end otherwise, got ${code}`],
    trace: {
      steps: [{ index: 1, name: 'start', ms: 3 }],
      hops: [{ method: 'GET', url: 'http://127.0.0.1:1/realms/r/protocol/saml?SAMLRequest=a&b', status: 200, step: 'start', ms: 3 } as ScenarioResult['trace']['hops'][number]],
      messages: [{ kind: 'Response', binding: 'HTTP-POST', to: 'http://sp/acs', xml: '<samlp:Response ID="x"/>' }],
    },
    realm: `${id}-1`,
    orgId: 'o',
    ms: { setup: 1200, login: 300, cleanup: 0 },
  };
}

const eventLine = '2026-12-01 10:00:30,001 WARN  [org.keycloak.events] (executor-thread-1) type="LOGIN_ERROR", realmId="r", error="user_disabled" <b>';

function withKeycloakEvents(run: ScenarioResult, lines: string[]): ScenarioResult {
  return { ...run, trace: { ...run.trace, keycloakEvents: lines } };
}

const report: RunReport = {
  startedAt: '2026-12-01T10:00:00.000Z',
  finishedAt: '2026-12-01T10:01:00.000Z',
  versions: [
    { version: '21.0.2', runtime: 'distribution', results: [result('21.0.2', 'happy-path', 'SUCCESS', true), result('21.0.2', 'legacy-auth-prefix', 'SUCCESS', false)] },
    {
      version: '26.7.3',
      runtime: 'distribution',
      results: [
        result('26.7.3', 'happy-path', 'SUCCESS', true, 'a <script>alert(1)</script> title & more'),
        result('26.7.3', 'legacy-auth-prefix', 'SP_ISSUER_MISMATCH', true),
        withKeycloakEvents(result('26.7.3', 'user-disabled', 'KEYCLOAK_USER_DISABLED', true), [eventLine]),
      ],
    },
    { version: '24.0.5', runtime: 'container', results: [], error: { code: 'KC_READY_TIMEOUT', message: 'Keycloak 24.0.5 not ready', fix: 'Raise --ready-timeout.' } },
  ],
};

describe('JUnit XML', () => {
  const document = new DOMParser().parseFromString(junitXml(report), 'text/xml');
  const suites = Array.from(document.getElementsByTagName('testsuite'));

  test('one suite per Keycloak version, one case per scenario, timed', () => {
    expect(suites.map((suite) => suite.getAttribute('name'))).toEqual(['Keycloak 21.0.2', 'Keycloak 26.7.3', 'Keycloak 24.0.5']);
    const cases = Array.from(suites[0]!.getElementsByTagName('testcase'));
    expect(cases.map((c) => c.getAttribute('name'))).toEqual(['happy-path: happy-path ends as it should', 'legacy-auth-prefix: legacy-auth-prefix ends as it should']);
    expect(cases[0]!.getAttribute('time')).toBe('1.5');
  });

  test('an outcome that differs is a failure with its differences; a version that did not start is an error with the fix', () => {
    const failures = Array.from(suites[0]!.getElementsByTagName('failure'));
    expect(failures).toHaveLength(1);
    expect(failures[0]!.getAttribute('message')).toBe('expected legacy-auth-prefix to end otherwise, got SUCCESS');
    expect(suites[1]!.getElementsByTagName('failure')).toHaveLength(0);
    const error = suites[2]!.getElementsByTagName('error')[0]!;
    expect([error.getAttribute('type'), error.textContent]).toEqual(['KC_READY_TIMEOUT', 'Raise --ready-timeout.']);
  });

  test('each case carries its outcome and fix as standard output', () => {
    const out = suites[1]!.getElementsByTagName('system-out')[1]!.textContent ?? '';
    expect(out).toContain('outcome: failure at sp (SP_ISSUER_MISMATCH)');
    expect(out).toContain('fix: Set Clients');
  });

  test("Keycloak's event lines for a login it stopped are in the case's standard output", () => {
    const out = suites[1]!.getElementsByTagName('system-out')[2]!.textContent ?? '';
    expect(out).toContain(`keycloak log: ${eventLine}`);
  });
});

describe('the HTML report', () => {
  const html = htmlReport(report);
  const $ = cheerio.load(html);

  test('says how many outcomes differ, and has no script and nothing fetched', () => {
    expect($('h1').text()).toBe('saml-harness: 1 outcome(s) differ');
    expect($('script')).toHaveLength(0);
    expect($('[src], link[href]')).toHaveLength(0);
  });

  test('the matrix: one column per version, a cell per run linking to its section, ≠ where versions differ', () => {
    expect($('table.matrix tr').first().find('th').map((_, th) => $(th).text()).get()).toEqual(['scenario', 'Keycloak 21.0.2', 'Keycloak 26.7.3', 'Keycloak 24.0.5']);
    const legacy = $('table.matrix tr').filter((_, row) => $(row).find('th').first().text().startsWith('legacy-auth-prefix'));
    expect(legacy.find('.differs')).toHaveLength(1);
    expect(legacy.find('td').map((_, td) => $(td).attr('class')).get()).toEqual(['fail', 'pass', 'error']);
    const href = legacy.find('td.pass a').attr('href')!;
    expect($(href).find('h3').text()).toBe('✓ legacy-auth-prefix on Keycloak 26.7.3');
    const happy = $('table.matrix tr').filter((_, row) => $(row).find('th').first().text().startsWith('happy-path'));
    expect(happy.find('.differs')).toHaveLength(0);
  });

  test('each login is drawn as a sequence diagram of its hops: to whom, what, and what came back', () => {
    const diagram = $('section#run-26-7-3-happy-path svg.hops-diagram');
    expect(diagram.find('g.hop')).toHaveLength(1);
    expect(diagram.find('g.hop text').map((_, text) => $(text).text()).get()).toEqual(['GET /realms/…/protocol/saml?… · AuthnRequest', '200']);
    // The hop went to Keycloak's lifeline, the third.
    expect(diagram.find('g.hop line.request').attr('x2')).toBe(diagram.find('line.lifeline').eq(2).attr('x1'));
    expect($('svg marker').map((_, marker) => $(marker).attr('id')).get()).toEqual(expect.arrayContaining(['run-26-7-3-happy-path-arrow', 'run-21-0-2-happy-path-arrow']));
  });

  test('what a run holds is shown as text, never as markup', () => {
    expect($('section#run-26-7-3-happy-path p').first().text()).toBe('a <script>alert(1)</script> title & more');
    expect($('section#run-26-7-3-happy-path pre').text()).toBe('<samlp:Response ID="x"/>');
    expect($('section#run-26-7-3-happy-path td.url').text()).toBe('http://127.0.0.1:1/realms/r/protocol/saml?SAMLRequest=a&b');
  });

  test("Keycloak's event lines stand beside what the user saw, as text", () => {
    expect($('section#run-26-7-3-user-disabled pre.keycloak-events').text()).toBe(eventLine);
    expect($('section#run-26-7-3-happy-path pre.keycloak-events')).toHaveLength(0);
  });
});

describe('writeReports', () => {
  const folders: string[] = [];
  afterAll(() => Promise.all(folders.map((folder) => rm(folder, { recursive: true, force: true }))));

  test('writes report.json (the run as data), junit.xml and report.html', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'saml-harness-reports-'));
    folders.push(folder);
    const files = await writeReports(report, join(folder, 'nested'));
    expect(files.map((file) => file.slice(folder.length + 1))).toEqual(['nested/report.json', 'nested/junit.xml', 'nested/report.html']);
    expect(JSON.parse(await readFile(files[0]!, 'utf8'))).toEqual(report);
    expect(await readFile(files[2]!, 'utf8')).toBe(htmlReport(report));
  });
});
