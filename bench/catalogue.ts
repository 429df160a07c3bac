/**
 * npm run bench:catalogue [-- --version V --concurrency N --browser [--rounds N]]
 * Side by side in one run, on a cached version: one bare `kc.sh start-dev` boot; the whole catalogue with
 * its Keycloak boot included; and the catalogue again on a warm Keycloak, per scenario. With --browser,
 * also the catalogue with the browser driver on a warm Keycloak of its own (as many pooled realms), in
 * rounds that alternate HTTP and browser (default 3) so that the machine's noise falls on both; the
 * ratio is the median of the rounds'.
 * Targets: catalogue ≤ 0.75 × one bare boot; ≤ 0.12 s per scenario warm; the browser ≤ 3 × HTTP.
 * Last line: `catalogue ratio <x> per-scenario <s>` (and `browser ratio <x>` before it).
 */
import { BrowserDriver } from '../harness/login/drivers/browser-driver.ts';
import { startChromium } from '../harness/login/drivers/chromium.ts';
import { stackKeycloak, type Stack } from '../harness/scenario/stack.ts';
import { parseArgs } from 'node:util';
import { startSpMock } from '../sp-mock/index.ts';
import { ensureDistribution } from '../harness/keycloak/distribution/distribution.ts';
import { chooseJdk, findJdks } from '../harness/keycloak/distribution/jdk.ts';
import { startKeycloak } from '../harness/keycloak/start-keycloak.ts';
import { defaultKeycloakVersion, versionRules } from '../harness/keycloak/versions.ts';
import { allPassed } from '../harness/scenario/run-report.ts';
import { checkCatalogue } from '../harness/scenario/catalogue.ts';
import { runCatalogue, runScenariosOn } from '../harness/scenario/run-catalogue.ts';
import { prepareBareKeycloak } from './bare-keycloak.ts';

const { values } = parseArgs({
  options: { version: { type: 'string', default: defaultKeycloakVersion }, concurrency: { type: 'string', default: '4' }, browser: { type: 'boolean', default: false }, rounds: { type: 'string', default: '3' } },
});
const version = values.version;
const concurrency = Number(values.concurrency);
const scenarios = checkCatalogue().scenarios.map((loaded) => loaded.scenario);

const distribution = await ensureDistribution({ version });
const jdk = chooseJdk(versionRules(version), findJdks({ javaHome: process.env.JAVA_HOME, path: process.env.PATH })).jdk;
console.log(`Keycloak ${version}, Java ${jdk.version}, ${scenarios.length} scenarios, ${concurrency} at a time`);

const bare = await prepareBareKeycloak(distribution.home, jdk.home, version);
await bare.start(); // its build step, untimed
const bareMs = (await bare.start()).readyMs;
await bare.dispose();
console.log(`one bare kc.sh start-dev boot: ${(bareMs / 1000).toFixed(2)} s`);

await (await startKeycloak({ version, runtime: 'distribution' })).stop(); // the harness cache, untimed
const catalogueStarted = Date.now();
const report = await runCatalogue(scenarios, { versions: [version], runtime: 'distribution', concurrency });
const catalogueMs = Date.now() - catalogueStarted;
console.log(`whole catalogue, Keycloak boot included: ${(catalogueMs / 1000).toFixed(2)} s (${allPassed(report) ? 'all as expected' : 'SOME OUTCOMES DIFFER'})`);

/** Seconds per scenario of the catalogue on a Keycloak of its own, after a warm-up of `concurrency` scenarios. */
async function warmCatalogue(newDriver?: Stack['newDriver']): Promise<{ perScenario: number; asExpected: boolean }> {
  const keycloak = await startKeycloak({ version, runtime: 'distribution' });
  const sp = await startSpMock();
  try {
    const admin = await keycloak.adminClient();
    const stack: Stack = { keycloak: stackKeycloak(keycloak.baseUrl, version, admin, keycloak), sp, ...(newDriver ? { newDriver } : {}) };
    // The warm-up makes realms of its own, so that the timed catalogue finds the whole realm pool, as a run does.
    const warmUp: Stack = { ...stack, keycloak: stackKeycloak(keycloak.baseUrl, version, admin, { ...keycloak, realmPool: [] }) };
    await runScenariosOn(warmUp, scenarios.slice(0, concurrency), { concurrency });
    const warmStarted = Date.now();
    const results = await runScenariosOn(stack, scenarios, { concurrency });
    return { perScenario: (Date.now() - warmStarted) / 1000 / scenarios.length, asExpected: results.every((result) => result.passed) };
  } finally {
    await sp.stop();
    await keycloak.stop();
  }
}

const { perScenario } = await warmCatalogue();
console.log(`catalogue on a warm Keycloak: ${perScenario.toFixed(3)} s per scenario (target ≤ 0.12)`);
if (values.browser) {
  const chromium = await startChromium();
  try {
    const ratios: number[] = [];
    for (let round = 1; round <= Number(values.rounds); round++) {
      const http = round === 1 ? perScenario : (await warmCatalogue()).perScenario;
      const browser = await warmCatalogue(() => BrowserDriver.open(chromium.windows));
      ratios.push(browser.perScenario / http);
      console.log(
        `round ${round}: HTTP ${http.toFixed(3)} s, browser ${browser.perScenario.toFixed(3)} s per scenario on a warm Keycloak (${browser.asExpected ? 'all as expected' : 'SOME OUTCOMES DIFFER'}), ratio ${ratios.at(-1)!.toFixed(2)}`,
      );
    }
    console.log(`browser ratio ${median(ratios).toFixed(2)} (median of ${ratios.length} rounds; target ≤ 3)`);
  } finally {
    await chromium.stop();
  }
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
console.log('targets: catalogue ratio ≤ 0.75, per-scenario ≤ 0.12 s');
console.log(`catalogue ratio ${(catalogueMs / bareMs).toFixed(2)} per-scenario ${perScenario.toFixed(3)}`);
