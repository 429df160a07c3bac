/** The marker line sits right under the element the failing rule is about, and the fix is in console words. */
import { describe, expect, test } from 'vitest';
import { checkOrder } from '../../../sp-mock/index.ts';
import { consoleWords } from '../../../harness/keycloak/console-words.ts';
import { defaultKeycloakVersion } from '../../../harness/keycloak/versions.ts';
import { consoleWordsVersion } from '../../../harness/keycloak/console-words.ts';
import { readCapturedResponse } from '../../../harness/response/captured-input.ts';
import { judgeCapturedResponse } from '../../../harness/response/judge-captured.ts';
import { renderCapturedVerdict } from '../../../harness/response/render.ts';
import { capturedOptions, responseFixture } from './fixtures.ts';

function judged(name: string, keycloakVersion?: string) {
  const fixture = responseFixture(name);
  return judgeCapturedResponse(readCapturedResponse(fixture.samlResponse), fixture.org, {
    at: 'issue-instant',
    ...capturedOptions(fixture),
    ...(keycloakVersion === undefined ? {} : { keycloakVersion }),
  });
}

/** The lines each marker for `code` sits under. */
function markedLines(lines: readonly string[], code: string): string[] {
  return lines.flatMap((line, index) => (line.includes(`✗ ${code}`) && /^\s*\^+ ✗/.test(line) ? [lines[index - 1]!.trim()] : []));
}

describe('failing parts of a captured response are marked', () => {
  const cases = [
    ['nameid-username', 'SP_NAMEID_NOT_EMAIL', [/^<saml:NameID\b[^>]*>alice<\/saml:NameID>$/]],
    ['client-id-not-entity-id', 'SP_AUDIENCE_INVALID', [/^<saml:Audience>atlassian<\/saml:Audience>$/]],
    ['legacy-auth-prefix', 'SP_ISSUER_MISMATCH', [/^<saml:Issuer>http:\/\/[^<]+\/realms\/legacy-auth-prefix-\w+<\/saml:Issuer>$/, /^<saml:Issuer>/]],
    ['nothing-signed', 'SP_SIGNATURE_MISSING', [/^<samlp:Response\b/, /^<saml:Assertion\b/]],
    ['wrong-certificate', 'SP_SIGNATURE_INVALID', [/^<dsig:Signature\b/, /^<dsig:Signature\b/]],
    ['clock-skew', 'SP_ASSERTION_EXPIRED', [/^<saml:Conditions\b/]],
    ['clock-skew-ahead', 'SP_ASSERTION_NOT_YET_VALID', [/^<saml:Conditions\b/]],
    ['jit-names-missing', 'SP_JIT_NAMES_MISSING', [/^<saml:AttributeStatement>$/]],
  ] as const;

  for (const [name, code, elements] of cases) {
    test(`${name}: ${code} is marked under ${elements.length === 1 ? 'its element' : `its ${elements.length} elements`}`, () => {
      const verdict = judged(name);
      const marked = markedLines(verdict.annotated, code);
      expect(marked).toHaveLength(elements.length);
      elements.forEach((pattern, index) => expect(marked[index]).toMatch(pattern));
    });
  }

  test('a response answering another request than the one given fails InResponseTo, marked where it is named', () => {
    const fixture = responseFixture('happy-path');
    const verdict = judgeCapturedResponse(readCapturedResponse(fixture.samlResponse), fixture.org, {
      at: 'issue-instant',
      keycloakVersion: '26.7.3',
      requestId: '_another-request',
    });
    expect(verdict.code).toBe('SP_IN_RESPONSE_TO_UNKNOWN');
    const marked = markedLines(verdict.annotated, 'SP_IN_RESPONSE_TO_UNKNOWN');
    expect(marked).toHaveLength(2);
    expect(marked[0]).toMatch(/^<samlp:Response\b.* InResponseTo="/);
    expect(marked[1]).toMatch(/^<saml:SubjectConfirmationData\b.* InResponseTo="/);
  });

  test('an accepted response has no marks', () => {
    expect(judged('happy-path').annotated.join('\n')).not.toContain('✗');
  });
});

describe('fixes are worded for the Keycloak version asked for', () => {
  test('the Audience fix names the Client ID setting as each version labels its section', () => {
    const fixFor = (version: string) => judged('client-id-not-entity-id', version).rules.find((rule) => rule.code === 'SP_AUDIENCE_INVALID')!.fix;
    expect(fixFor('21.0.2')).toContain(consoleWords('21.0.2').path('clientId', '<the SAML client>'));
    expect(fixFor('21.0.2')).toContain('General Settings');
    expect(fixFor('26.7.3')).toContain('General settings');
  });

  test('a vendor build counts as its plain version, an older server gets the oldest words known, a bare string the default', () => {
    expect(consoleWordsVersion('24.0.5.redhat-00001')).toBe('24.0.5');
    expect(consoleWordsVersion('19.0.3')).toBe('21.0.0');
    expect(consoleWordsVersion('unknown')).toBe(defaultKeycloakVersion);
  });

  test('a client setting is named by the client ID the response carries as its Audience', () => {
    const fix = judged('nameid-username').rules.find((rule) => rule.code === 'SP_NAMEID_NOT_EMAIL')!.fix!;
    const audience = judged('nameid-username').response.audience!;
    expect(fix).toContain(consoleWords('26.7.3').path('nameIdFormat', audience));
  });

  test('the text report lists every rule, the verdict and the fix under the failing rule', () => {
    const lines = renderCapturedVerdict(judged('nothing-signed'), 'nothing-signed.b64');
    expect(lines).toContain('✗ Atlassian would refuse it: SP_SIGNATURE_MISSING: Neither the response nor the assertion is signed.');
    const rule = lines.findIndex((line) => /^ {2}✗ SP_SIGNATURE_MISSING {2,}/.test(line));
    expect(lines[rule + 1]).toMatch(/^\s+fix: Turn on "Sign documents" and "Sign assertions"/);
    expect(lines.filter((line) => /^ {2}[✓✗–] SP_/.test(line))).toHaveLength(checkOrder.length);
  });
});
