/**
 * npm run bench:startup [-- --version V --runs N]
 * Median time to ready of a bare `kc.sh start-dev` (build step done, fresh data/) against the harness's
 * start on a cached version, side by side in one run, with the same JDK; and the JVM's peak RSS. Where
 * the Keycloak image can run, the same runs also time the container runtime against a bare
 * `docker run <image> start-dev` (`container ratio <x>`), from the fast-start image made (untimed, and said
 * how long it took) before the runs. Last line: `startup ratio <x>`.
 */
import { parseArgs } from 'node:util';
import { ensureDistribution } from '../harness/keycloak/distribution/distribution.ts';
import { chooseJdk, findJdks } from '../harness/keycloak/distribution/jdk.ts';
import { startDistributionKeycloak } from '../harness/keycloak/distribution/start-distribution.ts';
import { fastImageFor } from '../harness/keycloak/container/fast-image.ts';
import { keycloakImageFor } from '../harness/keycloak/container/keycloak-container.ts';
import { startKeycloak } from '../harness/keycloak/start-keycloak.ts';
import { defaultKeycloakVersion, versionRules } from '../harness/keycloak/versions.ts';
import { imageAvailability } from '../harness/process/containers.ts';
import { bareContainerStart } from './bare-container.ts';
import { prepareBareKeycloak } from './bare-keycloak.ts';
import { javaPidInGroup, median, peakRssMb } from './process-stats.ts';

const { values } = parseArgs({ options: { version: { type: 'string', default: defaultKeycloakVersion }, runs: { type: 'string', default: '3' } } });
const version = values.version;
const runs = Number(values.runs);
const admin = { username: 'admin', password: 'admin' };

const distribution = await ensureDistribution({ version, progress: (m) => console.log(m) });
const jdk = chooseJdk(versionRules(version), findJdks({ javaHome: process.env.JAVA_HOME, path: process.env.PATH })).jdk;
console.log(`Keycloak ${version}, Java ${jdk.version} (${jdk.home}), ${runs} runs each, alternating`);

const image = keycloakImageFor(version);
const imageRuns = (await imageAvailability(image, (m) => console.log(m))).available;
console.log(imageRuns ? `the container runtime too, with ${image}` : `${image} cannot run here: the distribution runtime only`);

// Warm both sides once, untimed: the bare copy runs its build step, the harness fills its cache.
const bare = await prepareBareKeycloak(distribution.home, jdk.home, version);
await bare.start();
await (await startDistributionKeycloak({ version, admin, javaHome: jdk.home })).stop();
if (imageRuns) {
  // The container runtime's one-time cost on a machine: its fast-start image (made now if missing).
  const fast = await fastImageFor({ version, image, admin, relativePath: '', progress: (m) => console.log(m) });
  console.log(fast.made ? `(that was the container runtime's first start on this machine)` : `fast-start image ${fast.image} already made`);
}

const bareTimes: number[] = [];
const harnessTimes: number[] = [];
const bareRss: number[] = [];
const harnessRss: number[] = [];
const bareContainerTimes: number[] = [];
const containerTimes: number[] = [];
for (let run = 1; run <= runs; run++) {
  const b = await bare.start();
  bareTimes.push(b.readyMs);
  if (b.peakRssMb) bareRss.push(b.peakRssMb);
  const started = Date.now();
  const keycloak = await startDistributionKeycloak({ version, admin, javaHome: jdk.home });
  const harnessMs = Date.now() - started;
  harnessTimes.push(harnessMs);
  const rss = peakRssMb(javaPidInGroup(keycloak.pid));
  if (rss) harnessRss.push(rss);
  await keycloak.stop();
  let containers = '';
  if (imageRuns) {
    bareContainerTimes.push(await bareContainerStart(image, version));
    const containerStarted = Date.now();
    await (await startKeycloak({ version, runtime: 'container' })).stop();
    containerTimes.push(Date.now() - containerStarted);
    containers = `; docker run ${(bareContainerTimes.at(-1)! / 1000).toFixed(2)} s, container runtime ${(containerTimes.at(-1)! / 1000).toFixed(2)} s`;
  }
  console.log(`run ${run}: bare ${(b.readyMs / 1000).toFixed(2)} s, harness ${(harnessMs / 1000).toFixed(2)} s${containers}`);
}
await bare.dispose();

const ratio = median(harnessTimes) / median(bareTimes);
console.log(`bare kc.sh start-dev (fresh data/):  median ${(median(bareTimes) / 1000).toFixed(2)} s, peak RSS ${median(bareRss)} MB`);
console.log(`harness start (cached):              median ${(median(harnessTimes) / 1000).toFixed(2)} s, peak RSS ${median(harnessRss)} MB`);
if (imageRuns) {
  console.log(`bare docker run <image> start-dev:  median ${(median(bareContainerTimes) / 1000).toFixed(2)} s`);
  console.log(`container runtime start:            median ${(median(containerTimes) / 1000).toFixed(2)} s`);
  console.log(`target: container ratio ≤ 0.35`);
  console.log(`container ratio ${(median(containerTimes) / median(bareContainerTimes)).toFixed(2)}`);
}
console.log(`targets: startup ratio ≤ 0.25, peak RSS ≤ 600 MB`);
console.log(`startup ratio ${ratio.toFixed(2)}`);
