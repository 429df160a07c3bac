/**
 * Responses captured from real logins against the Keycloak of this run, judged offline as
 * `check-response` does, give the verdict sp-mock gave when they were posted live. With
 * SAML_HARNESS_WRITE_FIXTURES=1 the captures are written to test/fixtures/responses (see its README).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stringify } from 'yaml';
import { afterAll, describe, expect, inject, test } from 'vitest';
import { SpMockClient } from '../../../sp-mock/index.ts';
import { connectAdminClient } from '../../../harness/keycloak/admin-client.ts';
import { readCapturedResponse } from '../../../harness/response/captured-input.ts';
import { judgeCapturedResponse } from '../../../harness/response/judge-captured.ts';
import { parseOrganizationFile } from '../../../harness/response/organization-file.ts';
import { stackKeycloak, type Stack } from '../../../harness/scenario/stack.ts';
import { runCli } from '../../support/cli.ts';
import { captureLogin, writeFixture, type CapturedLogin } from './capture.ts';

const keycloak = inject('keycloak');
const stack: Stack = {
  keycloak: stackKeycloak(keycloak.baseUrl, keycloak.version, await connectAdminClient(keycloak.baseUrl, keycloak.admin)),
  sp: new SpMockClient(inject('spMockUrl')),
};
const fixturesRoot = fileURLToPath(new URL('../../fixtures/responses/', import.meta.url));
const writeFixtures = process.env.SAML_HARNESS_WRITE_FIXTURES === '1';

/** Scenarios whose login reaches the SP with a response, and the verdict it gets. */
const cases = [
  ['happy-path', 'SUCCESS'],
  ['assertion-signed-only', 'SUCCESS'],
  ['idp-initiated', 'SUCCESS'],
  ['nothing-signed', 'SP_SIGNATURE_MISSING'],
  ['wrong-certificate', 'SP_SIGNATURE_INVALID'],
  ['mangled-certificate', 'SP_CERTIFICATE_INVALID'],
  ['client-id-not-entity-id', 'SP_AUDIENCE_INVALID'],
  ['legacy-auth-prefix', 'SP_ISSUER_MISMATCH'],
  ['nameid-username', 'SP_NAMEID_NOT_EMAIL'],
  ['clock-skew', 'SP_ASSERTION_EXPIRED'],
  ['clock-skew-ahead', 'SP_ASSERTION_NOT_YET_VALID'],
  ['jit-names-missing', 'SP_JIT_NAMES_MISSING'],
  ['user-not-provisioned', 'SP_ACCOUNT_NOT_FOUND'],
  ['account-deactivated', 'SP_ACCOUNT_DEACTIVATED'],
] as const;

const captured = new Map<string, CapturedLogin>();
const folder = mkdtempSync(join(tmpdir(), 'check-response-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe.concurrent(`captured responses from Keycloak ${keycloak.version}, judged offline`, () => {
  for (const [scenario, code] of cases) {
    test(`${scenario}: judged at its IssueInstant, the response gets ${code}, as it did live`, async () => {
      const login = await captureLogin(scenario, stack);
      captured.set(scenario, login);
      if (writeFixtures) writeFixture(fixturesRoot, login);
      const org = parseOrganizationFile(stringify(login.organization), `${scenario}.org.yaml`);
      const verdict = judgeCapturedResponse(readCapturedResponse(login.samlResponse), org, {
        at: 'issue-instant',
        keycloakVersion: keycloak.version,
        ...(login.capture.requestId === undefined ? {} : { requestId: login.capture.requestId }),
      });
      expect(login.capture.liveVerdict).toBe(code);
      expect(verdict.code).toBe(code);
      expect(verdict.accepted).toBe(code === 'SUCCESS');
      if (login.capture.requestId !== undefined) {
        expect(verdict.rules.find((rule) => rule.code === 'SP_IN_RESPONSE_TO_UNKNOWN')?.status).toBe('pass');
      }
    });
  }
});

describe('the check-response command on captured responses', () => {
  const files = (scenario: string) => {
    const login = captured.get(scenario);
    if (login === undefined) throw new Error(`${scenario} was not captured (its test failed)`);
    const response = join(folder, `${scenario}.b64`);
    const org = join(folder, `${scenario}.org.yaml`);
    writeFileSync(response, login.samlResponse);
    writeFileSync(org, stringify(login.organization));
    return { response, org, requestId: login.capture.requestId ?? '' };
  };

  test('an accepted response exits 0 and a rejected one exits 1 with RESPONSE_REJECTED and the NameID marked', async () => {
    const good = files('happy-path');
    const accepted = await runCli(['check-response', good.response, '--org', good.org, '--at', 'issue-instant', '--request-id', good.requestId]);
    expect(accepted.stdout).toContain('✓ Atlassian would accept it and log in alice@acme.example.');
    expect(accepted.exitCode).toBe(0);

    const bad = files('nameid-username');
    const rejected = await runCli(['check-response', bad.response, '--org', bad.org, '--at', 'issue-instant', '--request-id', bad.requestId]);
    expect(rejected.stderr).toMatch(/^RESPONSE_REJECTED: /);
    const lines = rejected.stdout.split('\n');
    const nameId = lines.findIndex((line) => /<saml:NameID\b.*>alice<\/saml:NameID>/.test(line));
    expect(lines[nameId + 1]).toMatch(/^\s+\^+ ✗ SP_NAMEID_NOT_EMAIL: /);
    expect(rejected.exitCode).toBe(1);
  });
});
