/** Each single defect of an otherwise good response fails with its own rule code. */
import { describe, expect, it } from 'vitest';
import { judgeResponse } from '../../../sp-mock/judge/judge.ts';
import { signResponse, OTHER_IDP } from '../../../sp-mock/testing/keycloak-response.ts';
import {
  contextAt,
  goodResponseXml,
  goodSignedResponse,
  judge,
  NOW,
  organization,
  ORGANIZATION,
  REQUEST_ID,
} from './support/judged-organization.ts';

const minutes = (n: number) => new Date(NOW.getTime() + n * 60_000);
/** Judges a SAMLResponse field exactly as posted. */
const judgeRaw = (samlResponse: string) => judgeResponse(ORGANIZATION, samlResponse, contextAt());

describe('protocol rules', () => {
  it('an error status fails SP_STATUS_NOT_SUCCESS and names the second-level status', () => {
    const verdict = judge(
      signResponse(
        goodResponseXml({
          statusCode: 'urn:oasis:names:tc:SAML:2.0:status:Responder',
          subStatusCode: 'urn:oasis:names:tc:SAML:2.0:status:InvalidNameIDPolicy',
        }),
      ),
    );
    expect(verdict.code).toBe('SP_STATUS_NOT_SUCCESS');
    expect(verdict.detail).toContain('InvalidNameIDPolicy');
  });

  it('an issuer with the pre-17 /auth prefix fails SP_ISSUER_MISMATCH', () => {
    const verdict = judge(goodSignedResponse({ issuer: 'http://127.0.0.1:8080/auth/realms/atlassian' }));
    expect(verdict.code).toBe('SP_ISSUER_MISMATCH');
  });

  it('an audience other than the SP entity ID fails SP_AUDIENCE_INVALID with "Audience is invalid."', () => {
    const verdict = judge(goodSignedResponse({ audience: 'atlassian-cloud' }));
    expect(verdict.code).toBe('SP_AUDIENCE_INVALID');
    expect(verdict.atlassianError).toMatchObject({ error: 'access_denied', errorDescription: 'Audience is invalid.' });
  });

  it('a Destination other than the ACS URL fails SP_DESTINATION_MISMATCH', () => {
    const verdict = judge(goodSignedResponse({ destination: 'http://127.0.0.1:4000/login/callback?connection=saml-other' }));
    expect(verdict.code).toBe('SP_DESTINATION_MISMATCH');
    expect(verdict.atlassianError?.errorDescription).toBe(
      `Destination endpoint http://127.0.0.1:4000/login/callback?connection=saml-other did not match ${ORGANIZATION.acsUrl}`,
    );
  });

  it('a missing Destination passes, as Atlassian checks it only when present', () => {
    expect(judge(goodSignedResponse({ destination: null })).code).toBe('SUCCESS');
  });

  it('a Recipient other than the ACS URL fails SP_RECIPIENT_MISMATCH', () => {
    const verdict = judge(goodSignedResponse({ recipient: 'http://127.0.0.1:4000/elsewhere' }));
    expect(verdict.code).toBe('SP_RECIPIENT_MISMATCH');
  });

  it('an InResponseTo this SP never sent fails SP_IN_RESPONSE_TO_UNKNOWN', () => {
    expect(judge(goodSignedResponse({ inResponseTo: 'ID_never-sent' })).code).toBe('SP_IN_RESPONSE_TO_UNKNOWN');
  });

  it('Response and assertion answering different requests fail SP_IN_RESPONSE_TO_UNKNOWN', () => {
    const xml = signResponse(goodResponseXml().replace(`InResponseTo="${REQUEST_ID}" NotOnOrAfter`, 'InResponseTo="ID_other" NotOnOrAfter'));
    expect(judge(xml).code).toBe('SP_IN_RESPONSE_TO_UNKNOWN');
  });
});

describe('time rules, judged on the SP clock with 3 minutes of skew', () => {
  it('a response judged 3 minutes after its 60-second window still passes (skew)', () => {
    expect(judge(goodSignedResponse(), { context: contextAt(minutes(3.9)) }).code).toBe('SUCCESS');
  });

  it('a response judged 5 minutes after issue fails SP_ASSERTION_EXPIRED with "assertion has expired."', () => {
    const verdict = judge(goodSignedResponse(), { context: contextAt(minutes(5)) });
    expect(verdict.code).toBe('SP_ASSERTION_EXPIRED');
    expect(verdict.atlassianError?.errorDescription).toBe('assertion has expired.');
  });

  it('a response issued 4 minutes in the future fails SP_ASSERTION_NOT_YET_VALID', () => {
    expect(judge(goodSignedResponse({ issuedAt: minutes(4) })).code).toBe('SP_ASSERTION_NOT_YET_VALID');
  });

  it('an organization whose clock runs 10 minutes ahead finds a fresh response expired', () => {
    const verdict = judge(goodSignedResponse(), { org: organization({ clockOffsetMs: 10 * 60_000 }) });
    expect(verdict.code).toBe('SP_ASSERTION_EXPIRED');
  });

  it('a time written without a zone is read as UTC, whatever the machine\'s zone', () => {
    const zoneless = signResponse(goodResponseXml().replace(/NotOnOrAfter="([^"]+)Z"/g, 'NotOnOrAfter="$1"'));
    const zone = process.env.TZ;
    process.env.TZ = 'America/New_York';
    try {
      expect(judge(zoneless, { context: contextAt(minutes(5)) }).code).toBe('SP_ASSERTION_EXPIRED');
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
  });

  it('a used assertion ID fails SP_ASSERTION_REPLAYED', () => {
    const xml = goodSignedResponse({ assertionId: 'ID_assertion-used' });
    const verdict = judge(xml, { context: contextAt(NOW, { usedAssertionIds: new Set(['ID_assertion-used']) }) });
    expect(verdict.code).toBe('SP_ASSERTION_REPLAYED');
  });

  it('the verdict says how long to remember the assertion: its earliest end plus the skew', () => {
    expect(judge(goodSignedResponse()).assertion?.rememberUntil).toBe(minutes(4).toISOString());
  });
});

describe('signature rules', () => {
  it('an unsigned response fails SP_SIGNATURE_MISSING', () => {
    expect(judge(goodResponseXml()).code).toBe('SP_SIGNATURE_MISSING');
  });

  it('a response signed with another key fails SP_SIGNATURE_INVALID with "Invalid thumbprint"', () => {
    const verdict = judge(signResponse(goodResponseXml(), OTHER_IDP));
    expect(verdict.code).toBe('SP_SIGNATURE_INVALID');
    expect(verdict.atlassianError?.errorDescription).toBe('Invalid thumbprint');
    expect(verdict.detail).toContain('KeyInfo carries a certificate with thumbprint');
  });

  it('a pasted certificate with a stray control character fails SP_CERTIFICATE_INVALID (ACCESS-1498)', () => {
    const mangled = ORGANIZATION.idp.certificate.replace('\nMII', '\nM\u0008II');
    const verdict = judge(goodSignedResponse(), { org: organization({ idp: { ...ORGANIZATION.idp, certificate: mangled } }) });
    expect(verdict.code).toBe('SP_CERTIFICATE_INVALID');
    expect(verdict.detail).toContain('U+0008');
  });

  it('a certificate pasted without BEGIN/END lines, on one line, with surrounding spaces, is read', () => {
    const bare = `  ${ORGANIZATION.idp.certificate.replace(/-----(BEGIN|END) CERTIFICATE-----|\n/g, '')} \r\n`;
    const verdict = judge(goodSignedResponse(), { org: organization({ idp: { ...ORGANIZATION.idp, certificate: bare } }) });
    expect(verdict.code).toBe('SUCCESS');
  });
});

describe('transport and XML rules', () => {
  it('garbage instead of base64 fails SP_BAD_ENCODING', () => {
    const verdict = judgeRaw('%%% not base64 %%%');
    expect(verdict.code).toBe('SP_BAD_ENCODING');
  });

  it('base64 of something that is not XML fails SP_BAD_ENCODING', () => {
    expect(judgeRaw(Buffer.from('hello, world').toString('base64')).code).toBe('SP_BAD_ENCODING');
  });

  it('a SAMLResponse over the size limit fails SP_REQUEST_TOO_LARGE', () => {
    const verdict = judgeRaw('A'.repeat(400_004));
    expect(verdict.code).toBe('SP_REQUEST_TOO_LARGE');
  });

  it('XML that is not well-formed fails SP_XML_MALFORMED', () => {
    expect(judge(goodSignedResponse().replace('</samlp:Response>', '')).code).toBe('SP_XML_MALFORMED');
  });

  it('a response missing a required attribute fails SP_SCHEMA_INVALID', () => {
    expect(judge(goodSignedResponse().replace(' Version="2.0"', '')).code).toBe('SP_SCHEMA_INVALID');
  });

  it('a schema-valid message that is not a Response fails SP_SCHEMA_INVALID', () => {
    const request =
      '<samlp:AuthnRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" ID="_a" Version="2.0" IssueInstant="2026-03-02T09:00:00Z"/>';
    const verdict = judge(request);
    expect(verdict.code).toBe('SP_SCHEMA_INVALID');
    expect(verdict.detail).toContain('not a samlp:Response');
  });

  it('an encrypted assertion fails SP_ASSERTION_MISSING (Atlassian holds no decryption key)', () => {
    const encrypted =
      '<saml:EncryptedAssertion><xenc:EncryptedData xmlns:xenc="http://www.w3.org/2001/04/xmlenc#"><xenc:CipherData><xenc:CipherValue>AAAA</xenc:CipherValue></xenc:CipherData></xenc:EncryptedData></saml:EncryptedAssertion>';
    const xml = goodResponseXml().replace(/<saml:Assertion [\s\S]*<\/saml:Assertion>/, encrypted);
    expect(judge(signResponse(xml)).code).toBe('SP_ASSERTION_MISSING');
  });
});
