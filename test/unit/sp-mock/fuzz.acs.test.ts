/**
 * The ACS fuzzed with fast-check: random changes to genuine signed responses (Keycloak's shape, made
 * fresh for each run so that replay protection is not what refuses them), posted to sp-mock running on
 * its own (`saml-harness sp start`). Whatever is posted: it stays up, never answers 5xx, records every
 * answer as an attempt, logs no one in, and its memory stays bounded.
 * Bounded to fit in `npm test` (SP_FUZZ_RUNS, default 150); `npm run fuzz:sp` runs 3,000.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ATTEMPT_HEADER, SpMockClient, type OrganizationView } from '../../../sp-mock/index.ts';
import { startCli, type RunningCli } from '../../support/cli.ts';
import { mutation, NoChange } from '../../../sp-mock/testing/mutations.ts';
import { keycloakResponseFor, organizationInput } from '../../../sp-mock/testing/running-sp.ts';

const runs = Number(process.env.SP_FUZZ_RUNS ?? 150);
/** sp-mock's resident memory may grow to this while it is fuzzed (it starts at about 150 MB). */
const rssBoundMb = 400;

let cli: RunningCli;
let url: string;
let org: OrganizationView;

const rssMb = (pid: number) => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]) / 1024;

async function post(samlResponse: string) {
  const response = await fetch(org.acsUrl, {
    method: 'POST',
    body: new URLSearchParams({ SAMLResponse: samlResponse }),
    redirect: 'manual',
  });
  const id = response.headers.get(ATTEMPT_HEADER);
  const attempt = id === null ? undefined : await (await fetch(`${url}/admin/attempts/${id}`)).json();
  return { status: response.status, id, attempt };
}

beforeAll(async () => {
  cli = startCli(['sp', 'start']);
  await cli.waitForOutput(/listening at (http:\/\/\S+)/, 60_000);
  url = /listening at (http:\/\/\S+)/.exec(cli.stdout())![1]!;
  org = await new SpMockClient(url).createOrganization(organizationInput());
});

afterAll(async () => {
  cli.child.kill('SIGTERM');
  await cli.exited;
});

describe('the ACS, fuzzed', { timeout: 600_000 }, () => {
  it('logs alice in with an unchanged fresh response: the property below is not met by refusing everything', async () => {
    const { attempt } = await post(Buffer.from(keycloakResponseFor(org)).toString('base64'));
    expect(attempt?.outcome).toBe('success');
  });

  it(`${runs} changed responses: no 5xx, each answer a recorded attempt, nobody logged in`, async () => {
    await fc.assert(
      fc.asyncProperty(mutation, async (change) => {
        let samlResponse: string;
        try {
          samlResponse = change.apply(keycloakResponseFor(org));
        } catch (error) {
          if (error instanceof NoChange) return fc.pre(false);
          throw error;
        }
        const { status, id, attempt } = await post(samlResponse);
        expect(status, change.name).toBeLessThan(500);
        expect(id, change.name).toBeTruthy();
        expect(attempt?.id, change.name).toBe(id);
        expect(attempt?.outcome, `${change.name}: ${attempt?.code} ${attempt?.detail}`).toBe('failure');
      }),
      { numRuns: runs },
    );
    expect((await fetch(`${url}/health`)).status).toBe(200);
  });

  it('after hostile posts of up to 1 MB, it still answers, lists its attempts, and its memory stays bounded', async () => {
    const deep = Buffer.from(`${'<a>'.repeat(1800)}x${'</a>'.repeat(1800)}`).toString('base64');
    const large = Buffer.from('<x>'.padEnd(390_000, 'y')).toString('base64').slice(0, 399_000);
    for (let i = 0; i < 60; i++) await post(i % 2 ? deep : large);
    const listed = await fetch(`${url}/admin/organizations/${org.id}/attempts`);
    expect(listed.status).toBe(200);
    expect(cli.child.exitCode).toBeNull();
    expect(rssMb(cli.child.pid!)).toBeLessThan(rssBoundMb);
  });
});
