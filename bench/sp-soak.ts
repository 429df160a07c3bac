/**
 * npm run bench:sp-soak [-- --posts N --hostile-share 0.9 --max-kb 1024]
 * Posts a mix of genuine responses (fresh, signed as Keycloak signs) and hostile ones (the fuzz test's
 * changes, XML nested 1,800 deep, bodies of up to --max-kb) to a standalone sp-mock
 * (`saml-harness sp start`), one after the other, and prints throughput, the median and p99 time of an
 * ACS answer, and sp-mock's peak resident memory. Targets: peak RSS under 300 MB after 10,000 hostile posts
 * of up to 1 MB, flat once the caps are reached; median at or under 7 ms for a genuine response.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import fc from 'fast-check';
import { ATTEMPT_HEADER, SpMockClient } from '../sp-mock/index.ts';
import { mutation, NoChange } from '../sp-mock/testing/mutations.ts';
import { keycloakResponseFor, organizationInput } from '../sp-mock/testing/running-sp.ts';
import { median } from './process-stats.ts';

const { values } = parseArgs({
  options: {
    posts: { type: 'string', default: '10000' },
    'hostile-share': { type: 'string', default: '0.9' },
    'max-kb': { type: 'string', default: '1024' },
  },
});
const posts = Number(values.posts);
const hostileShare = Number(values['hostile-share']);
const maxBytes = Number(values['max-kb']) * 1024;

const memory = (pid: number) => {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1]) / 1024;
  return { rss: kb('VmRSS'), peak: kb('VmHWM') };
};

// The CLI a user starts, measured as its own process.
const cli = spawn(process.execPath, [fileURLToPath(new URL('../bin/saml-harness.mjs', import.meta.url)), 'sp', 'start'], {
  env: { ...process.env, ...(process.env.SOAK_NODE_OPTIONS ? { NODE_OPTIONS: process.env.SOAK_NODE_OPTIONS } : {}) },
  stdio: ['ignore', 'pipe', 'inherit'],
});
const url = await new Promise<string>((resolve, reject) => {
  let out = '';
  cli.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString();
    const found = /listening at (http:\/\/\S+)/.exec(out)?.[1];
    if (found) resolve(found);
  });
  cli.once('exit', () => reject(new Error(`sp start exited before listening; stdout: ${out}`)));
});
const org = await new SpMockClient(url).createOrganization(organizationInput());
const pid = cli.pid!;
console.log(`sp-mock at ${url} (pid ${pid}), ${memory(pid).rss.toFixed(0)} MB at start; ${posts} posts, ${Math.round(hostileShare * 100)}% hostile, up to ${values['max-kb']} KB`);

const changes = fc.sample(mutation, 500);
const deep = Buffer.from(`${'<a>'.repeat(1800)}x${'</a>'.repeat(1800)}`).toString('base64');
const genuineMs: number[] = [];
const hostileMs: number[] = [];
let refusedGenuine = 0;
const started = Date.now();
for (let i = 0; i < posts; i++) {
  const hostile = Math.random() < hostileShare;
  let samlResponse = Buffer.from(keycloakResponseFor(org)).toString('base64');
  if (hostile) {
    const kind = i % 10;
    if (kind === 0) samlResponse = deep;
    else if (kind === 1) samlResponse = 'A'.repeat(Math.floor(Math.random() * maxBytes));
    else {
      try {
        samlResponse = changes[i % changes.length]!.apply(keycloakResponseFor(org));
      } catch (error) {
        if (!(error instanceof NoChange)) throw error;
      }
    }
  }
  const before = performance.now();
  const response = await fetch(org.acsUrl, { method: 'POST', body: new URLSearchParams({ SAMLResponse: samlResponse }), redirect: 'manual' });
  await response.arrayBuffer();
  (hostile ? hostileMs : genuineMs).push(performance.now() - before);
  if (!response.headers.get(ATTEMPT_HEADER) || response.status >= 500) throw new Error(`post ${i} answered ${response.status} without an attempt`);
  if (!hostile && !(response.headers.get('location') ?? '').includes('/login/success')) refusedGenuine++;
  if ((i + 1) % 1000 === 0) {
    const { rss } = memory(pid);
    const health = (await (await fetch(`${url}/health`)).json()) as { attempts: number; storedChars: number; memory: { heapUsed: number; external: number } };
    const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);
    console.log(
      `  ${i + 1} posts: RSS ${rss.toFixed(0)} MB (JS heap ${mb(health.memory.heapUsed)}, external ${mb(health.memory.external)}), ` +
        `${health.attempts} attempts kept, ${(health.storedChars / 1024 / 1024).toFixed(1)} M characters`,
    );
  }
}
const seconds = (Date.now() - started) / 1000;
const p99 = (list: number[]) => [...list].sort((a, b) => a - b)[Math.floor(list.length * 0.99)] ?? 0;
const { peak } = memory(pid);
const exited = once(cli, 'exit');
cli.kill('SIGTERM');
await exited;
console.log(`throughput: ${(posts / seconds).toFixed(0)} posts/s over ${seconds.toFixed(1)} s`);
console.log(`genuine: ${genuineMs.length} posts, median ${median(genuineMs).toFixed(1)} ms, p99 ${p99(genuineMs).toFixed(1)} ms${refusedGenuine ? `, ${refusedGenuine} refused` : ''}`);
console.log(`hostile: ${hostileMs.length} posts, median ${median(hostileMs).toFixed(1)} ms, p99 ${p99(hostileMs).toFixed(1)} ms`);
console.log(`target: peak RSS < 300 MB`);
console.log(`sp-soak peak-rss-mb ${peak.toFixed(0)}`);
