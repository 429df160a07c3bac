/**
 * npm run bench:first-run [-- --version V]
 * A first run on a fresh machine, as a new user meets it: `npm start` (the whole catalogue, distribution
 * runtime) with an empty harness cache and an empty local Maven repository (both temporary, removed
 * after: Keycloak's archive and Maven's plugins come from Maven Central), timed from the command to
 * Keycloak ready, to the first and to the last scenario. Last line: `first run <s> s (target ≤ 75 s)`.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { cacheEnvVariable } from '../harness/cache.ts';
import { defaultKeycloakVersion } from '../harness/keycloak/versions.ts';

const { values } = parseArgs({ options: { version: { type: 'string', default: defaultKeycloakVersion } } });
const cache = mkdtempSync(join(tmpdir(), 'saml-harness-first-run-'));
const started = Date.now();
const seconds = () => ((Date.now() - started) / 1000).toFixed(1);
const marks: Record<string, string> = {};
let scenarios = 0;

try {
  const child = spawn(process.execPath, ['bin/saml-harness.mjs', 'run', '--runtime', 'distribution', '--keycloak-version', values.version!], {
    env: { ...process.env, [cacheEnvVariable]: cache, SAML_HARNESS_MAVEN_REPO_LOCAL: join(cache, 'm2') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const read = (stream: NodeJS.ReadableStream) =>
    createInterface({ input: stream }).on('line', (line) => {
      if (/ready at .* in /.test(line)) marks.ready ??= seconds();
      if (/^[✓✗] \S+ \S+ → /.test(line)) {
        scenarios++;
        marks.first ??= seconds();
        marks.last = seconds();
      }
      if (/^\s+\d\/\d /.test(line) || /Fetching|Unpacking|ready in the cache/.test(line)) console.log(`${seconds().padStart(6)} s  ${line.trim()}`);
    });
  read(child.stdout);
  read(child.stderr);
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  console.log(`Keycloak ${values.version}, empty cache, npm start (exit ${code}): Keycloak ready at ${marks.ready ?? '—'} s, first scenario at ${marks.first ?? '—'} s, last (${scenarios}) at ${marks.last ?? '—'} s`);
  console.log(`first run ${marks.last ?? seconds()} s (target ≤ 75 s)`);
} finally {
  rmSync(cache, { recursive: true, force: true });
}
