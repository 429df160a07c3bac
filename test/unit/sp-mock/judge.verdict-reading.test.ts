/** What a verdict says beyond the rule codes: where each failure is, what the response says, when it was judged. */
import { DOMParser } from '@xmldom/xmldom';
import { describe, expect, it } from 'vitest';
import { elementPath } from '../../../sp-mock/judge/element-path.ts';
import { signResponse } from '../../../sp-mock/testing/keycloak-response.ts';
import { contextAt, goodResponseXml, goodSignedResponse, judge, NOW } from './support/judged-organization.ts';

const failing = (verdict: ReturnType<typeof judge>, code: string) => verdict.rules.find((rule) => rule.code === code && rule.status === 'fail');

describe('element paths', () => {
  it('name each element from the root by qualified name, with a position only where siblings share a name', () => {
    const document = new DOMParser().parseFromString('<r:a xmlns:r="urn:x"><b/><c/><c><d/></c></r:a>', 'text/xml');
    const [first, second] = Array.from(document.getElementsByTagName('c'));
    expect(elementPath(document.documentElement!)).toBe('/r:a');
    expect(elementPath(document.getElementsByTagName('b')[0]!)).toBe('/r:a/b');
    expect(elementPath(first!)).toBe('/r:a/c[1]');
    expect(elementPath(document.getElementsByTagName('d')[0]!)).toBe('/r:a/c[2]/d');
    expect(second).toBeDefined();
  });
});

describe('a failing rule names the elements it is about', () => {
  it('a NameID that is not an email: the NameID', () => {
    const verdict = judge(goodSignedResponse({ nameId: 'alice', nameIdFormat: 'urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified' }));
    expect(failing(verdict, 'SP_NAMEID_NOT_EMAIL')?.at).toEqual(['/samlp:Response/saml:Assertion/saml:Subject/saml:NameID']);
  });

  it('a wrong audience: that Audience, not the Conditions around it', () => {
    const verdict = judge(goodSignedResponse({ audience: 'atlassian-cloud' }));
    expect(failing(verdict, 'SP_AUDIENCE_INVALID')?.at).toEqual(['/samlp:Response/saml:Assertion/saml:Conditions/saml:AudienceRestriction/saml:Audience']);
  });

  it('nothing signed: the Response and the Assertion, where a signature should be', () => {
    const verdict = judge(goodResponseXml());
    expect(failing(verdict, 'SP_SIGNATURE_MISSING')?.at).toEqual(['/samlp:Response', '/samlp:Response/saml:Assertion']);
  });

  it('a passing rule, and a failure that is about no element, name none', () => {
    const verdict = judge(goodSignedResponse({ nameId: 'alice' }));
    expect(verdict.rules.find((rule) => rule.code === 'SP_ISSUER_MISMATCH')?.at).toBeUndefined();
    expect(judge('<not-saml/>').rules.find((rule) => rule.status === 'fail')?.at).toBeUndefined();
  });
});

describe('what the response says about itself', () => {
  it('is read once, by the judge, with the status codes', () => {
    const verdict = judge(
      signResponse(
        goodResponseXml({
          statusCode: 'urn:oasis:names:tc:SAML:2.0:status:Responder',
          subStatusCode: 'urn:oasis:names:tc:SAML:2.0:status:InvalidNameIDPolicy',
        }),
      ),
    );
    expect(verdict.response?.status).toEqual({
      code: 'urn:oasis:names:tc:SAML:2.0:status:Responder',
      subCode: 'urn:oasis:names:tc:SAML:2.0:status:InvalidNameIDPolicy',
    });
    expect(verdict.response?.issueInstant).toBe(NOW.toISOString());
  });
});

describe('the time the validity windows are judged at', () => {
  const later = new Date(NOW.getTime() + 60 * 60_000);

  it('is now, unless the response\'s own IssueInstant is asked for', () => {
    const xml = goodSignedResponse();
    const now = judge(xml, { context: contextAt(later) });
    expect(now.judgedAt).toEqual({ time: later.toISOString(), source: 'now' });
    expect(now.code).toBe('SP_ASSERTION_EXPIRED');
    const atIssue = judge(xml, { context: contextAt(later, { atIssueInstant: true }) });
    expect(atIssue.judgedAt).toEqual({ time: NOW.toISOString(), source: 'issue-instant' });
    expect(atIssue.code).toBe('SUCCESS');
  });

  it('an IssueInstant without a zone is UTC; an unreadable one is said, and now is used', () => {
    const issueInstant = (xml: string, value: string) => xml.replace(/(<samlp:Response[^>]* IssueInstant=")[^"]+"/, `$1${value}"`);
    const atIssue = contextAt(later, { atIssueInstant: true });
    expect(judge(signResponse(issueInstant(goodResponseXml(), NOW.toISOString().replace('Z', ''))), { context: atIssue }).judgedAt.time).toBe(NOW.toISOString());
    // A dateTime the schema takes and JavaScript cannot read.
    const farFuture = judge(signResponse(issueInstant(goodResponseXml(), '10000-01-01T00:00:00Z')), { context: atIssue });
    expect(farFuture.judgedAt).toEqual({ time: later.toISOString(), source: 'now', unreadable: 'The IssueInstant "10000-01-01T00:00:00Z" is not a readable time' });
    // One the schema refuses is never read.
    const refused = judge(signResponse(issueInstant(goodResponseXml(), 'yesterday')), { context: atIssue });
    expect([refused.code, refused.judgedAt.unreadable]).toEqual(['SP_SCHEMA_INVALID', 'The response has no readable IssueInstant']);
  });
});
