import { describe, expect, it } from 'vitest';
import { checkOrder } from '../../../sp-mock/rules/catalogue.ts';
import { judgeResponse } from '../../../sp-mock/judge/judge.ts';
import { keycloakResponseXml, signResponse, signAssertion, TEST_IDP } from '../../../sp-mock/testing/keycloak-response.ts';
import { contextAt, goodResponseXml, goodSignedResponse, judge, NOW, ORGANIZATION, REQUEST_ID, statusOf } from './support/judged-organization.ts';

describe('a Keycloak 26 response judged as Atlassian would', () => {
  it('a response signed as Keycloak signs by default, with an email NameID, logs the user in', () => {
    const verdict = judge(goodSignedResponse());
    expect(verdict).toMatchObject({
      outcome: 'success',
      code: 'SUCCESS',
      flow: 'sp-initiated',
      nameId: 'alice@example.com',
      account: { email: 'alice@example.com', createdByJit: false },
    });
  });

  it('the verdict reports every rule once, in catalogue order, none failing', () => {
    const verdict = judge(goodSignedResponse());
    expect(verdict.rules.map((rule) => rule.code)).toEqual(checkOrder);
    expect(verdict.rules.filter((rule) => rule.status === 'fail')).toEqual([]);
  });

  it('the decoded XML comes back with the verdict', () => {
    const xml = goodSignedResponse();
    expect(judge(xml).xml).toBe(xml);
  });

  it('a response signed on the assertion only passes (Atlassian accepts either signature)', () => {
    expect(judge(signAssertion(goodResponseXml())).code).toBe('SUCCESS');
  });

  it('a response signed on both the response and the assertion passes', () => {
    expect(judge(signResponse(signAssertion(goodResponseXml()))).code).toBe('SUCCESS');
  });

  it.each([
    ['exclusive', 'http://www.w3.org/2001/10/xml-exc-c14n#'],
    ['exclusive with comments', 'http://www.w3.org/2001/10/xml-exc-c14n#WithComments'],
    ['inclusive', 'http://www.w3.org/TR/2001/REC-xml-c14n-20010315'],
    ['inclusive with comments', 'http://www.w3.org/TR/2001/REC-xml-c14n-20010315#WithComments'],
  ])('an assertion signed with Keycloak\'s %s canonicalization verifies', (_name, canonicalization) => {
    expect(judge(signAssertion(goodResponseXml(), TEST_IDP, { canonicalization })).code).toBe('SUCCESS');
  });

  it.each([
    ['exclusive', 'http://www.w3.org/2001/10/xml-exc-c14n#'],
    ['inclusive', 'http://www.w3.org/TR/2001/REC-xml-c14n-20010315'],
    ['inclusive with comments', 'http://www.w3.org/TR/2001/REC-xml-c14n-20010315#WithComments'],
  ])('a response and its assertion both signed with Keycloak\'s %s canonicalization verify', (_name, canonicalization) => {
    const signedTwice = signResponse(signAssertion(goodResponseXml(), TEST_IDP, { canonicalization }), TEST_IDP, { canonicalization });
    expect(judge(signedTwice).code).toBe('SUCCESS');
  });

  it.each([
    ['RSA_SHA1', 'http://www.w3.org/2000/09/xmldsig#rsa-sha1'],
    ['RSA_SHA512', 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha512'],
  ])('a response signed with Keycloak\'s %s verifies', (_name, signatureAlgorithm) => {
    expect(judge(signResponse(goodResponseXml(), TEST_IDP, { signatureAlgorithm })).code).toBe('SUCCESS');
  });

  it('raw XML is judged like its base64 form (captured responses)', () => {
    const verdict = judgeResponse(ORGANIZATION, goodSignedResponse(), contextAt());
    expect(verdict.code).toBe('SUCCESS');
  });

  it('Keycloak\'s default NameID, the username, fails with SP_NAMEID_NOT_EMAIL and Atlassian\'s "Whoops!" page', () => {
    const verdict = judge(signResponse(keycloakResponseXml({ now: NOW, acsUrl: ORGANIZATION.acsUrl, audience: ORGANIZATION.spEntityId, inResponseTo: REQUEST_ID, nameId: 'alice' })));
    expect(verdict.code).toBe('SP_NAMEID_NOT_EMAIL');
    expect(verdict.atlassianError?.pageText).toBe("Whoops! The email address you entered can't be used to log in here.");
  });

  it('an IdP-initiated response (no InResponseTo) is accepted as unsolicited', () => {
    const verdict = judge(goodSignedResponse({ inResponseTo: undefined }));
    expect(verdict).toMatchObject({ code: 'SUCCESS', flow: 'idp-initiated' });
  });

  it('without outstanding requests or used IDs the verdict skips InResponseTo and replay instead of guessing', () => {
    const verdict = judgeResponse(ORGANIZATION, goodSignedResponse(), { now: NOW });
    expect([statusOf(verdict, 'SP_IN_RESPONSE_TO_UNKNOWN'), statusOf(verdict, 'SP_ASSERTION_REPLAYED')]).toEqual(['skipped', 'skipped']);
    expect(verdict.code).toBe('SUCCESS');
  });

  it('an expected request ID given offline is enforced', () => {
    const verdict = judgeResponse(ORGANIZATION, goodSignedResponse(), { now: NOW, expectedRequestId: 'ID_other' });
    expect(verdict.code).toBe('SP_IN_RESPONSE_TO_UNKNOWN');
  });

  it('later rules are still reported after a failure, and unreachable ones are skipped', () => {
    const verdict = judge(goodSignedResponse({ audience: 'atlassian-cloud', nameId: 'alice' }));
    expect(verdict.code).toBe('SP_AUDIENCE_INVALID');
    expect(statusOf(verdict, 'SP_NAMEID_NOT_EMAIL')).toBe('fail');
    expect(statusOf(verdict, 'SP_DOMAIN_UNKNOWN')).toBe('skipped');
  });

  it('a fix text can be overridden (per Keycloak version)', () => {
    const verdict = judge(goodSignedResponse({ audience: 'atlassian-cloud' }), {
      context: contextAt(NOW, { fixes: { SP_AUDIENCE_INVALID: 'Clients → Settings → Client ID (Keycloak 21 wording)' } }),
    });
    expect(verdict.fix).toBe('Clients → Settings → Client ID (Keycloak 21 wording)');
  });
});
