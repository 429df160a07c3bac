/**
 * A browser run of a few scenarios against this run's Keycloak, its reports written and the HTML report
 * opened in Chromium as a person would: the hop diagram drawn, the screenshot of where the login ended
 * shown, the failing element of the response marked; every HAR valid HAR 1.2 with no password in it. A
 * screenshot of the report itself is kept as an artefact (reports/report-in-browser.png).
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { SpMockClient } from '../../../sp-mock/index.ts';
import { connectAdminClient } from '../../../harness/keycloak/admin-client.ts';
import { BrowserDriver } from '../../../harness/login/drivers/browser-driver.ts';
import { startChromium, type StartedChromium } from '../../../harness/login/drivers/chromium.ts';
import type { HarLog } from '../../../harness/login/har.ts';
import { writeReports } from '../../../harness/report/write-reports.ts';
import { checkCatalogue } from '../../../harness/scenario/catalogue.ts';
import { runScenariosOn } from '../../../harness/scenario/run-catalogue.ts';
import type { RunReport } from '../../../harness/scenario/run-report.ts';
import { stackKeycloak } from '../../../harness/scenario/stack.ts';
import { browserUnusable } from '../../support/browser.ts';
import { harProblems } from '../../support/har-schema.ts';
import { providedKeycloakLog } from '../../support/keycloak-log.ts';

const unusable = browserUnusable();
const keycloak = inject('keycloak');
const picked = ['happy-path', 'nameid-username', 'wrong-password'];

describe.skipIf(unusable !== undefined)('the HTML report of a browser run, in a browser', () => {
  let chromium: StartedChromium;
  let folder: string;
  let report: RunReport;

  beforeAll(async () => {
    chromium = await startChromium();
    folder = await mkdtemp(join(tmpdir(), 'saml-harness-report-'));
    const scenarios = checkCatalogue().scenarios.map((loaded) => loaded.scenario).filter((scenario) => picked.includes(scenario.id));
    // Its own realms (not the pool, which the catalogue test hands out).
    const stack = {
      keycloak: stackKeycloak(keycloak.baseUrl, keycloak.version, await connectAdminClient(keycloak.baseUrl, keycloak.admin), {
        directoryRoute: keycloak.directoryRoute,
        log: providedKeycloakLog(keycloak),
      }),
      sp: new SpMockClient(inject('spMockUrl')),
      newDriver: () => BrowserDriver.open(chromium.windows),
    };
    const results = await runScenariosOn(stack, scenarios);
    report = { startedAt: new Date().toISOString(), finishedAt: new Date().toISOString(), versions: [{ version: keycloak.version, runtime: keycloak.runtime, results }] };
    await writeReports(report, folder);
  });
  afterAll(async () => {
    await chromium?.stop();
    if (folder) await rm(folder, { recursive: true, force: true });
  });

  test('every outcome is the one the HTTP driver gives', () => {
    expect(report.versions[0]!.results.map((result) => [result.id, result.trace.driver, result.differences])).toEqual(picked.map((id) => [id, 'browser', []]));
  });

  test('each login is a HAR 1.2 file beside the report, without the password typed into Keycloak', async () => {
    for (const result of report.versions[0]!.results) {
      const text = await readFile(join(folder, keycloak.version, `${result.id}.har`), 'utf8');
      expect(harProblems(JSON.parse(text) as HarLog), result.id).toEqual([]);
      expect(text).not.toContain('alice-Passw0rd');
    }
    expect(await readFile(join(folder, 'report.json'), 'utf8')).not.toContain('"screenshot"');
  });

  test('opened in Chromium: the hop diagram, the screenshot and the marked NameID are shown; nothing scrolls sideways', async () => {
    const page = await chromium.browser.newPage({ viewport: { width: 1200, height: 900 } });
    try {
      await page.goto(`file://${join(folder, 'report.html')}`);
      const section = page.locator(`section#run-${keycloak.version.replace(/\./g, '-')}-nameid-username`);
      await expect.poll(() => section.locator('svg.hops-diagram').isVisible()).toBe(true);
      expect(await section.locator('svg.hops-diagram g.hop').count()).toBeGreaterThanOrEqual(4);
      expect(await section.locator('svg.hops-diagram').textContent()).toContain('SAMLResponse');
      const shot = section.locator('img.screenshot');
      expect(await shot.evaluate((image) => (image as HTMLImageElement).complete && (image as HTMLImageElement).naturalWidth > 0)).toBe(true);
      await section.locator('summary', { hasText: 'SAML messages' }).click();
      expect(await section.locator('pre.marked .mark').first().textContent()).toContain('SP_NAMEID_NOT_EMAIL');
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
      await page.screenshot({ path: 'reports/report-in-browser.png', fullPage: true });
    } finally {
      await page.close();
    }
  });
});
