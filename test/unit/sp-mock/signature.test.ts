/**
 * The verifier's own hold on what was signed, beneath findWrapping: a signature xml-crypto accepts
 * still counts only for the element the judge reads.
 */
import { describe, expect, it } from 'vitest';
import { readPastedCertificate } from '../../../sp-mock/judge/certificate.ts';
import { parseSamlResponseXml } from '../../../sp-mock/judge/parse-response.ts';
import { verifySignatures } from '../../../sp-mock/judge/signature.ts';
import { elementOf, SAML_NS, signResponse, TEST_IDP, transformDocument } from '../../../sp-mock/testing/keycloak-response.ts';
import { goodResponseXml } from './support/judged-organization.ts';

function verify(xml: string) {
  const parsed = parseSamlResponseXml(xml);
  const certificate = readPastedCertificate(TEST_IDP.certificate);
  if (!parsed.ok || !certificate.ok) throw new Error('the fixture does not parse');
  return verifySignatures(xml, parsed.response, elementOf(parsed.document, SAML_NS.assertion, 'Assertion'), certificate);
}

describe('signature verification', () => {
  it('a valid Response signature verifies with the configured certificate', () => {
    expect(verify(signResponse(goodResponseXml()))).toMatchObject({ present: { response: true, assertion: false }, failures: [] });
  });

  it('a valid Response signature moved onto the Assertion is reported as wrapping, not as verified', () => {
    const moved = transformDocument(signResponse(goodResponseXml()), (document) => {
      const signature = elementOf(document, SAML_NS.dsig, 'Signature');
      const assertion = elementOf(document, SAML_NS.assertion, 'Assertion');
      const issuer = assertion.getElementsByTagNameNS(SAML_NS.assertion, 'Issuer')[0] ?? null;
      assertion.insertBefore(signature, issuer?.nextSibling ?? null);
    });
    const verification = verify(moved);
    expect(verification.wrapping).toContain('what it signs is not the Assertion that is read');
    expect(verification.summary).toBe('Nothing verified.');
  });
});
