/** Attacks on the SAML response: each is refused, with the rule that names it. */
import { describe, expect, it } from 'vitest';
import { SignedXml } from 'xml-crypto';
import {
  elementOf,
  keycloakResponseXml,
  OTHER_IDP,
  SAML_NS,
  signAssertion,
  signResponse,
  TEST_IDP,
  transformDocument,
} from '../../../sp-mock/testing/keycloak-response.ts';
import { goodResponseXml, goodSignedResponse, judge, NOW, ORGANIZATION, REQUEST_ID, statusOf } from './support/judged-organization.ts';

/** The first element in the document, or the first below `parent`, with this namespace and name. */
const find = (parent: Document | Element, namespace: string, name: string): Element => {
  const element = parent.getElementsByTagNameNS(namespace, name)[0];
  if (element === undefined) throw new Error(`no ${name}`);
  return element;
};
const setNameId = (assertion: Element, value: string) => {
  find(assertion, SAML_NS.assertion, 'NameID').textContent = value;
};

/**
 * XSW: replaces the signed assertion by a copy claiming alice, with the signed original hidden in the
 * copy's Advice; `disguise` edits the copy further.
 */
function hideSignedAssertionInAdvice(xml: string, disguise: (evil: Element) => void): string {
  return transformDocument(xml, (document) => {
    const signed = elementOf(document, SAML_NS.assertion, 'Assertion');
    const evil = signed.cloneNode(true) as Element;
    disguise(evil);
    setNameId(evil, 'alice@example.com');
    const advice = document.createElementNS(SAML_NS.assertion, 'saml:Advice');
    advice.appendChild(signed.cloneNode(true));
    evil.insertBefore(advice, find(evil, SAML_NS.assertion, 'AuthnStatement'));
    document.documentElement.replaceChild(evil, signed);
  });
}

describe('signature wrapping', () => {
  it('a forged response wrapping the signed original in its Signature (XSW1) fails SP_SIGNATURE_WRAPPING', () => {
    const forged = transformDocument(goodSignedResponse({ nameId: 'mallory@example.com' }), (document) => {
      const root = document.documentElement;
      const original = root.cloneNode(true);
      root.setAttribute('ID', 'ID_forged');
      find(root, SAML_NS.assertion, 'Assertion').setAttribute('ID', 'ID_forged-assertion');
      setNameId(root, 'alice@example.com');
      const object = document.createElementNS(SAML_NS.dsig, 'dsig:Object');
      object.appendChild(original);
      find(root, SAML_NS.dsig, 'Signature').appendChild(object);
    });
    expect(judge(forged).code).toBe('SP_SIGNATURE_WRAPPING');
  });

  it('a forged assertion hiding the signed one in its Advice (XSW4) fails SP_SIGNATURE_WRAPPING', () => {
    const forged = hideSignedAssertionInAdvice(signAssertion(goodResponseXml({ nameId: 'mallory@example.com' })), (evil) => {
      evil.setAttribute('ID', 'ID_forged');
      evil.removeChild(find(evil, SAML_NS.dsig, 'Signature'));
    });
    const verdict = judge(forged);
    expect(verdict.code).toBe('SP_SIGNATURE_WRAPPING');
    expect(verdict.detail).toContain('Assertion elements');
  });

  it('a forged assertion reusing the signed assertion\'s ID is refused by the schema (IDs are unique)', () => {
    const forged = hideSignedAssertionInAdvice(
      signAssertion(goodResponseXml({ nameId: 'mallory@example.com', assertionId: 'ID_signed' })),
      () => undefined,
    );
    const verdict = judge(forged);
    expect(verdict.code).toBe('SP_SCHEMA_INVALID');
    expect(verdict.detail).toContain('ID_signed');
  });

  it('an element the schema does not type, carrying the signed element\'s ID, fails SP_SIGNATURE_WRAPPING', () => {
    const forged = transformDocument(signResponse(goodResponseXml({ responseId: 'ID_signed-response' })), (document) => {
      const decoy = document.createElementNS('urn:example:decoy', 'decoy:Data');
      decoy.setAttribute('ID', 'ID_signed-response');
      const object = document.createElementNS(SAML_NS.dsig, 'dsig:Object');
      object.appendChild(decoy);
      find(document, SAML_NS.dsig, 'Signature').appendChild(object);
    });
    const verdict = judge(forged);
    expect(verdict.code).toBe('SP_SIGNATURE_WRAPPING');
    expect(verdict.detail).toContain('Two elements carry the ID "ID_signed-response"');
  });

  it('a Response signature whose reference points at the assertion fails SP_SIGNATURE_WRAPPING', () => {
    const forged = transformDocument(signResponse(goodResponseXml({ assertionId: 'ID_the-assertion' })), (document) => {
      find(document, SAML_NS.dsig, 'Reference').setAttribute('URI', '#ID_the-assertion');
    });
    expect(judge(forged).code).toBe('SP_SIGNATURE_WRAPPING');
  });
});

describe('signed assertions moved between responses', () => {
  const assertionSignedFor = (audience: string, recipient: string, inResponseTo: string) => {
    const signed = signAssertion(goodResponseXml({ audience, recipient, inResponseTo }));
    return /<saml:Assertion [\s\S]*<\/saml:Assertion>/.exec(signed)?.[0] ?? '';
  };
  const unsignedEnvelope = (assertion: string) =>
    goodResponseXml().replace(/<saml:Assertion [\s\S]*<\/saml:Assertion>/, () => assertion);

  it('a signed assertion moved intact into an unsigned response still passes (Atlassian accepts assertion-only signing)', () => {
    const moved = unsignedEnvelope(assertionSignedFor(ORGANIZATION.spEntityId, ORGANIZATION.acsUrl, REQUEST_ID));
    expect(judge(moved).code).toBe('SUCCESS');
  });

  it('an assertion signed for another organization, moved into an unsigned response addressed here, fails SP_AUDIENCE_INVALID', () => {
    const moved = unsignedEnvelope(
      assertionSignedFor('https://auth.atlassian.com/saml/other', 'http://127.0.0.1:4000/login/callback?connection=saml-other', REQUEST_ID),
    );
    expect(judge(moved).code).toBe('SP_AUDIENCE_INVALID');
  });

  it('an unsigned envelope claiming a request its signed assertion does not answer fails SP_IN_RESPONSE_TO_UNKNOWN', () => {
    const moved = unsignedEnvelope(assertionSignedFor(ORGANIZATION.spEntityId, ORGANIZATION.acsUrl, 'ID_stolen-request'));
    expect(judge(moved).code).toBe('SP_IN_RESPONSE_TO_UNKNOWN');
  });
});

describe('tampering with what is signed', () => {
  it('a comment injected into the NameID does not truncate it: the whole value is read', () => {
    const signed = goodSignedResponse({ nameId: 'alice@example.com.evil.test' });
    const injected = signed.replace('alice@example.com.evil.test</saml:NameID>', 'alice@example.com<!---->.evil.test</saml:NameID>');
    const verdict = judge(injected);
    expect(statusOf(verdict, 'SP_SIGNATURE_INVALID')).toBe('pass');
    expect(verdict).toMatchObject({ code: 'SP_DOMAIN_UNKNOWN', nameId: 'alice@example.com.evil.test' });
  });

  it('a response whose signature was stripped fails SP_SIGNATURE_MISSING', () => {
    const stripped = transformDocument(goodSignedResponse(), (document) => {
      const signature = find(document, SAML_NS.dsig, 'Signature');
      signature.parentNode?.removeChild(signature);
    });
    expect(judge(stripped).code).toBe('SP_SIGNATURE_MISSING');
  });

  it('a NameID changed after signing fails SP_SIGNATURE_INVALID', () => {
    const changed = goodSignedResponse({ nameId: 'mallory@example.com' }).replace('mallory@example.com', 'alice@example.com');
    const verdict = judge(changed);
    expect(verdict.code).toBe('SP_SIGNATURE_INVALID');
    expect(verdict.detail).toContain('digest does not match');
  });

  it('the certificate in KeyInfo is never trusted: another key with its own certificate fails SP_SIGNATURE_INVALID', () => {
    expect(judge(signResponse(goodResponseXml(), OTHER_IDP)).code).toBe('SP_SIGNATURE_INVALID');
  });

  it('the certificate in KeyInfo is never needed: a valid signature with a foreign KeyInfo certificate passes', () => {
    const otherBody = OTHER_IDP.certificate.replace(/-----(BEGIN|END) CERTIFICATE-----|\s/g, '');
    const swapped = transformDocument(goodSignedResponse(), (document) => {
      find(document, SAML_NS.dsig, 'X509Certificate').textContent = otherBody;
    });
    expect(judge(swapped).code).toBe('SUCCESS');
  });

  it('an HMAC "signature" keyed with the public certificate fails SP_SIGNATURE_INVALID', () => {
    const signer = new SignedXml({ privateKey: TEST_IDP.certificate, canonicalizationAlgorithm: 'http://www.w3.org/2001/10/xml-exc-c14n#' });
    signer.enableHMAC();
    signer.signatureAlgorithm = 'http://www.w3.org/2000/09/xmldsig#hmac-sha1';
    signer.addReference({
      xpath: "/*[local-name(.)='Response']",
      transforms: ['http://www.w3.org/2000/09/xmldsig#enveloped-signature', 'http://www.w3.org/2001/10/xml-exc-c14n#'],
      digestAlgorithm: 'http://www.w3.org/2001/04/xmlenc#sha256',
    });
    signer.computeSignature(goodResponseXml(), {
      prefix: 'dsig',
      location: { reference: "/*[local-name(.)='Response']/*[local-name(.)='Issuer']", action: 'after' },
    });
    const verdict = judge(signer.getSignedXml());
    expect(verdict.code).toBe('SP_SIGNATURE_INVALID');
    expect(verdict.detail).toContain('hmac-sha1');
  });
});

describe('signatures the judge cannot process', () => {
  it('an unknown canonicalization method fails SP_SIGNATURE_INVALID rather than crashing', () => {
    const unknown = goodSignedResponse().replace(
      '<dsig:CanonicalizationMethod Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/>',
      '<dsig:CanonicalizationMethod Algorithm="urn:example:unknown-c14n"/>',
    );
    const verdict = judge(unknown);
    expect(verdict.code).toBe('SP_SIGNATURE_INVALID');
    expect(verdict.detail).toContain('urn:example:unknown-c14n');
  });
});

describe('hostile XML', () => {
  it('entity expansion (billion laughs) is refused unparsed with SP_XML_DOCTYPE', () => {
    const laughs =
      '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">' +
      '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>';
    expect(judge(laughs + goodSignedResponse().replace('alice@example.com</saml:NameID>', '&lol3;</saml:NameID>')).code).toBe(
      'SP_XML_DOCTYPE',
    );
  });

  it('an external entity (XXE) is refused with SP_XML_DOCTYPE', () => {
    const xxe = '<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>';
    expect(judge(xxe + goodSignedResponse()).code).toBe('SP_XML_DOCTYPE');
  });

  it('two assertions side by side fail SP_MULTIPLE_ASSERTIONS', () => {
    const doubled = goodResponseXml().replace(/(<saml:Assertion [\s\S]*<\/saml:Assertion>)/, (assertion) =>
      assertion + assertion.replace(/ID="ID_[^"]+"/, 'ID="ID_second"').replace('alice@example.com', 'mallory@example.com'),
    );
    expect(judge(signResponse(doubled)).code).toBe('SP_MULTIPLE_ASSERTIONS');
  });

  it('a response built for another IdP key and replayed here after expiry fails on the signature first', () => {
    const stale = signResponse(keycloakResponseXml({ now: new Date(NOW.getTime() - 3_600_000), acsUrl: ORGANIZATION.acsUrl, audience: ORGANIZATION.spEntityId }), OTHER_IDP);
    const verdict = judge(stale);
    expect(verdict.code).toBe('SP_SIGNATURE_INVALID');
    expect(statusOf(verdict, 'SP_ASSERTION_EXPIRED')).toBe('fail');
  });
});
