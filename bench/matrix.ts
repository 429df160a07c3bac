/**
 * npm run bench:matrix [-- --versions 21.0.2,24.0.5,26.7.3]
 * The matrix's wall time over N versions (archives cached, two versions at a time) against
 * N × (one bare `kc.sh start-dev` boot + one catalogue run on a warm Keycloak), side by side.
 * Target: ratio ≤ 0.75. Last line: `matrix ratio <x>`.
 */
import { stackKeycloak } from '../harness/scenario/stack.ts';
import { parseArgs } from 'node:util';
import { startSpMock } from '../sp-mock/index.ts';
import { ensureDistribution } from '../harness/keycloak/distribution/distribution.ts';
import { chooseJdk, findJdks } from '../harness/keycloak/distribution/jdk.ts';
import { startKeycloak } from '../harness/keycloak/start-keycloak.ts';
import { versionRules } from '../harness/keycloak/versions.ts';
import { allPassed } from '../harness/scenario/run-report.ts';
import { checkCatalogue } from '../harness/scenario/catalogue.ts';
import { runCatalogue, runScenariosOn } from '../harness/scenario/run-catalogue.ts';
import { prepareBareKeycloak } from './bare-keycloak.ts';

const { values } = parseArgs({ options: { versions: { type: 'string', default: '21.0.2,24.0.5,26.7.3' } } });
const versions = values.versions.split(',').map((v) => v.trim());
const scenarios = checkCatalogue().scenarios.map((loaded) => loaded.scenario);
console.log(`${scenarios.length} scenarios on Keycloak ${versions.join(', ')}`);

let sequential = 0;
for (const version of versions) {
  const distribution = await ensureDistribution({ version });
  const jdk = chooseJdk(versionRules(version), findJdks({ javaHome: process.env.JAVA_HOME, path: process.env.PATH })).jdk;
  const bare = await prepareBareKeycloak(distribution.home, jdk.home, version);
  await bare.start(); // its build step, untimed
  const bareMs = (await bare.start()).readyMs;
  await bare.dispose();
  const keycloak = await startKeycloak({ version, runtime: 'distribution' });
  const sp = await startSpMock();
  const stack = { keycloak: stackKeycloak(keycloak.baseUrl, version, await keycloak.adminClient(), keycloak), sp };
  await runScenariosOn(stack, scenarios.slice(0, 4)); // warm-up
  const started = Date.now();
  await runScenariosOn(stack, scenarios);
  const catalogueMs = Date.now() - started;
  await sp.stop();
  await keycloak.stop();
  sequential += bareMs + catalogueMs;
  console.log(`Keycloak ${version}: bare boot ${(bareMs / 1000).toFixed(1)} s + warm catalogue ${(catalogueMs / 1000).toFixed(1)} s`);
}

const started = Date.now();
const report = await runCatalogue(scenarios, { versions, runtime: 'distribution' });
const matrixMs = Date.now() - started;
console.log(`N × (bare boot + warm catalogue): ${(sequential / 1000).toFixed(1)} s`);
console.log(`matrix over ${versions.length} versions: ${(matrixMs / 1000).toFixed(1)} s (${allPassed(report) ? 'all as expected' : 'SOME OUTCOMES DIFFER'})`);
console.log('target: ratio ≤ 0.75');
console.log(`matrix ratio ${(matrixMs / sequential).toFixed(2)}`);
