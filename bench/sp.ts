/**
 * Median time of one sp-mock verdict (decode, parse, schema, signature, every check) on a response shaped
 * like Keycloak 26's default. Run: npm run bench:sp [-- --runs 200]
 */
import { performance } from 'node:perf_hooks';
import { checkSamlSchema, warmUpSchema } from '../sp-mock/judge/schema.ts';
import { judgeResponse } from '../sp-mock/judge/judge.ts';
import type { JudgedOrganization } from '../sp-mock/judge/types.ts';
import { ATTR, IDP_ENTITY_ID, keycloakResponseXml, signResponse, TEST_IDP, toBase64 } from '../sp-mock/testing/keycloak-response.ts';

const TARGET_MS = 10;
const runsFlag = process.argv.indexOf('--runs');
const RUNS = runsFlag > 0 ? Number(process.argv[runsFlag + 1]) : 200;
const WARM_UP = 50;

const now = new Date();
const organization: JudgedOrganization = {
  spEntityId: 'https://auth.atlassian.com/saml/bench',
  acsUrl: 'http://127.0.0.1:4000/login/callback?connection=saml-bench',
  idp: { entityId: IDP_ENTITY_ID, certificate: TEST_IDP.certificate },
  domains: [{ name: 'example.com', verified: true, linked: true }],
  accounts: [{ email: 'alice@example.com' }],
};
const xml = signResponse(
  keycloakResponseXml({
    now,
    acsUrl: organization.acsUrl,
    audience: organization.spEntityId,
    inResponseTo: 'ID_bench-request',
    nameId: 'alice@example.com',
    attributes: {
      [ATTR.givenName]: ['Alice'],
      [ATTR.surname]: ['Liddell'],
      [ATTR.name]: ['4f8e6c2a-0d3b-4a1e-9c7f-2b5d8e1a6c30'],
      [ATTR.emailAddress]: ['alice@example.com'],
      Role: ['default-roles-atlassian', 'offline_access', 'uma_authorization'],
    },
  }),
);
const samlResponse = toBase64(xml);
const context = { now, outstandingRequestIds: new Set(['ID_bench-request']), usedAssertionIds: new Set<string>() };

function measure(run: () => void): number[] {
  for (let index = 0; index < WARM_UP; index++) run();
  const times: number[] = [];
  for (let index = 0; index < RUNS; index++) {
    const start = performance.now();
    run();
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b);
}

const at = (sorted: number[], fraction: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))] ?? NaN;
const ms = (value: number) => `${value.toFixed(2)} ms`;

const compileStart = performance.now();
warmUpSchema();
const compileMs = performance.now() - compileStart;

const first = judgeResponse(organization, samlResponse, context);
if (first.code !== 'SUCCESS') throw new Error(`the benchmark response does not pass: ${first.code} ${first.detail ?? ''}`);

const verdicts = measure(() => judgeResponse(organization, samlResponse, context));
const schema = measure(() => checkSamlSchema(xml));

console.log(`sp-mock verdict on a Keycloak-shaped response (${xml.length} bytes of XML), ${RUNS} runs after ${WARM_UP} warm-up`);
console.log(`  schema compile (once): ${ms(compileMs)}`);
console.log(`  verdict: median ${ms(at(verdicts, 0.5))}, p90 ${ms(at(verdicts, 0.9))}, min ${ms(at(verdicts, 0))}, max ${ms(at(verdicts, 1))}`);
console.log(`  of which schema validation: median ${ms(at(schema, 0.5))}`);
console.log(`  target ≤ ${TARGET_MS} ms median: ${at(verdicts, 0.5) <= TARGET_MS ? 'met' : 'NOT met'}`);
