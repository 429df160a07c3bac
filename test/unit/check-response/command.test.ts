/** `check-response` as a command: files or standard input, text or JSON, RESPONSE_REJECTED when refused. */
import { describe, expect, test } from 'vitest';
import { collectingOutput } from '../../../harness/commands/output.ts';
import { checkResponse } from '../../../harness/commands/check-response.ts';
import type { CapturedVerdict } from '../../../harness/response/judge-captured.ts';
import { runCli } from '../../support/cli.ts';
import { responseFixture } from './fixtures.ts';

const happy = responseFixture('happy-path');
const wrongCertificate = responseFixture('wrong-certificate');

describe('the check-response command', () => {
  test('an accepted response prints the verdict and returns it', async () => {
    const output = collectingOutput();
    const verdict = await checkResponse({ input: happy.responseFile, org: happy.orgFile, at: 'issue-instant', requestId: happy.capture.requestId! }, output);
    expect(verdict.code).toBe('SUCCESS');
    expect(output.printed).toContain('✓ Atlassian would accept it and log in alice@acme.example.');
  });

  test('a rejected response prints everything, then throws RESPONSE_REJECTED with the first fix', async () => {
    const output = collectingOutput();
    const rejection = checkResponse({ input: wrongCertificate.responseFile, org: wrongCertificate.orgFile, at: 'issue-instant' }, output);
    await expect(rejection).rejects.toMatchObject({ code: 'RESPONSE_REJECTED', exitCode: 1, fix: expect.stringContaining('Realm settings → Keys → Keys list') });
    expect(output.printed.join('\n')).toContain('✗ Atlassian would refuse it: SP_SIGNATURE_INVALID');
  });

  test('- reads the response from standard input, and --format json prints the verdict as data', async () => {
    const output = collectingOutput();
    await checkResponse({ input: '-', org: happy.orgFile, at: 'issue-instant', format: 'json', stdin: async () => `SAMLResponse=${encodeURIComponent(happy.samlResponse)}` }, output);
    const printed = JSON.parse(output.printed.join('\n')) as CapturedVerdict;
    expect(printed).toMatchObject({ accepted: true, code: 'SUCCESS', form: 'form', judgedAtSource: 'issue-instant' });
  });

  test('an unreadable file, an empty input and a bad version are USAGE errors', async () => {
    const output = collectingOutput();
    await expect(checkResponse({ input: '/nonexistent/response.b64', org: happy.orgFile }, output)).rejects.toMatchObject({ code: 'USAGE' });
    await expect(checkResponse({ input: '-', org: happy.orgFile, stdin: async () => '  \n' }, output)).rejects.toMatchObject({ code: 'USAGE' });
    await expect(checkResponse({ input: happy.responseFile, org: happy.orgFile, keycloakVersion: 'latest' }, output)).rejects.toMatchObject({ code: 'USAGE' });
    await expect(checkResponse({ input: happy.responseFile, org: '/nonexistent/org.yaml' }, output)).rejects.toMatchObject({ code: 'USAGE' });
  });

  test('the CLI exits 0 for an accepted response and 1 for a rejected one', async () => {
    const [accepted, rejected] = await Promise.all([
      runCli(['check-response', happy.responseFile, '--org', happy.orgFile, '--at', 'issue-instant']),
      runCli(['check-response', wrongCertificate.responseFile, '--org', wrongCertificate.orgFile, '--at', 'issue-instant', '--format', 'json']),
    ]);
    expect(accepted.exitCode).toBe(0);
    expect(rejected.stderr).toMatch(/^RESPONSE_REJECTED: Atlassian would refuse this response: SP_SIGNATURE_INVALID/);
    expect(JSON.parse(rejected.stdout)).toMatchObject({ code: 'SP_SIGNATURE_INVALID' });
    expect(rejected.exitCode).toBe(1);
  }, 60_000);
});
