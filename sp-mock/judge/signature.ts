/**
 * Whether each signature on the Response and its Assertion verifies with the configured certificate.
 * xml-crypto does the verifying; the certificate in KeyInfo is never used, only compared with the
 * configured one to explain a failure.
 */
import { XMLSerializer } from '@xmldom/xmldom';
import { SignedXml } from 'xml-crypto';
import { thumbprintOf, type ReadCertificate } from './certificate.ts';
import { attribute, childElement, NS, textOf } from './xml-names.ts';

const RSA_SIGNATURES: Readonly<Record<string, string>> = {
  'http://www.w3.org/2000/09/xmldsig#rsa-sha1': 'RSA-SHA1',
  'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256': 'RSA-SHA256',
  'http://www.w3.org/2001/04/xmldsig-more#rsa-sha512': 'RSA-SHA512',
};
const TRANSFORMS = [
  'http://www.w3.org/2001/10/xml-exc-c14n#',
  'http://www.w3.org/2001/10/xml-exc-c14n#WithComments',
  'http://www.w3.org/TR/2001/REC-xml-c14n-20010315',
  'http://www.w3.org/TR/2001/REC-xml-c14n-20010315#WithComments',
  'http://www.w3.org/2000/09/xmldsig#enveloped-signature',
];

const only = <T>(registry: Record<string, T>, names: readonly string[]): Record<string, T> =>
  Object.fromEntries(Object.entries(registry).filter(([name]) => names.includes(name)));

/**
 * A verifier that trusts only the configured certificate and accepts what Atlassian accepts: RSA
 * signatures (never HMAC, which would take the public certificate for a shared secret), the four
 * c14n variants and the enveloped-signature transform. SAML names its IDs `ID`; looking up only that
 * attribute saves two scans of the document (findWrapping checks all ID spellings for duplicates).
 */
function verifierFor(certificate: ReadCertificate): SignedXml {
  // The configured certificate's key, read once per certificate: a PEM would be parsed on every verify.
  const verifier = new SignedXml({ publicCert: certificate.publicKey, getCertFromKeyInfo: () => null });
  verifier.SignatureAlgorithms = only(verifier.SignatureAlgorithms, Object.keys(RSA_SIGNATURES));
  verifier.CanonicalizationAlgorithms = only(verifier.CanonicalizationAlgorithms, TRANSFORMS);
  verifier.idAttributes = ['ID'];
  return verifier;
}

function explainThrown(verifier: SignedXml, error: unknown): string {
  const algorithm = verifier.signatureAlgorithm ?? '';
  if (!(algorithm in verifier.SignatureAlgorithms)) return `its algorithm ${algorithm} is not an RSA signature Atlassian accepts`;
  const message = error instanceof Error ? error.message : String(error);
  // xml-crypto's message quotes the whole SignatureValue; the sentence below says what it means.
  if (message.startsWith('invalid signature: the signature value')) {
    return 'the signature value does not verify with the configured certificate';
  }
  return message;
}

function explainReferences(verifier: SignedXml): string {
  const problems = verifier.getReferences().flatMap((reference) => reference.validationError?.message ?? []);
  if (problems.some((problem) => problem.includes('calculated digest'))) {
    return 'its digest does not match the signed content (the content was changed after signing)';
  }
  return problems.join('; ') || 'its reference does not verify';
}

/**
 * Whether what xml-crypto verified is the element the judge reads: one reference, signed, naming
 * `element`'s ID. IDs are unique (findWrapping), and xml-crypto parsed the same document with the
 * same parser, so that ID names no other element.
 */
function signsExactly(verifier: SignedXml, element: Element): boolean {
  const references = verifier.getReferences();
  return (
    verifier.getSignedReferences().length === 1 &&
    references.length === 1 &&
    references[0]?.uri === `#${attribute(element, 'ID') ?? ''}`
  );
}

type Outcome =
  | { readonly verified: true; readonly algorithm: string }
  | { readonly verified: false; readonly problem: string; readonly wrapped?: true };

/** Verifies the enveloped signature on `element` against `text`, a serialisation of its document. */
function verifyOne(text: string, element: Element, signature: Element, certificate: ReadCertificate): Outcome {
  const verifier = verifierFor(certificate);
  try {
    verifier.loadSignature(signature);
    if (!verifier.checkSignature(text)) return { verified: false, problem: explainReferences(verifier) };
  } catch (error) {
    return { verified: false, problem: explainThrown(verifier, error) };
  }
  if (!signsExactly(verifier, element)) {
    return { verified: false, problem: `what it signs is not the ${element.localName} that is read`, wrapped: true };
  }
  const algorithm = verifier.signatureAlgorithm ?? '';
  return { verified: true, algorithm: RSA_SIGNATURES[algorithm] ?? algorithm };
}

/**
 * The text of the document without the Response's signature. xml-crypto canonicalizes every
 * SignedInfo with the namespaces in scope of the document's first one, which is the Response's when
 * both are signed; for the Assertion's signature under inclusive c14n that renders the wrong
 * namespaces and a valid signature fails. The Response's signature lies outside what the Assertion's
 * covers, so leaving it out changes nothing that signature vouches for.
 */
function withoutSignature(response: Element, signature: Element): string {
  const copy = response.cloneNode(true) as Element;
  copy.removeChild(copy.childNodes[Array.from(response.childNodes).indexOf(signature)] as Node);
  return new XMLSerializer().serializeToString(copy);
}

function keyInfoThumbprint(signature: Element): string | undefined {
  const keyInfo = childElement(signature, NS.dsig, 'KeyInfo');
  const data = keyInfo && childElement(keyInfo, NS.dsig, 'X509Data');
  const certificate = data && childElement(data, NS.dsig, 'X509Certificate');
  if (certificate === undefined) return undefined;
  return thumbprintOf(Buffer.from(textOf(certificate).replace(/\s+/g, ''), 'base64'));
}

export interface SignatureVerification {
  /** Which elements carry a signature. */
  readonly present: { readonly response: boolean; readonly assertion: boolean };
  /** Problems of signatures that are present but do not verify. */
  readonly failures: readonly string[];
  /** Set when a signature verifies but covers something other than what is read. */
  readonly wrapping?: string;
  /** A sentence describing what verified. */
  readonly summary: string;
}

/**
 * Verifies every signature on the Response (the document element) and its Assertion with the
 * configured certificate. `xml` is the text the document was parsed from: xml-crypto verifies text.
 */
export function verifySignatures(
  xml: string,
  response: Element,
  assertion: Element,
  certificate: ReadCertificate,
): SignatureVerification {
  const signatures = {
    Response: childElement(response, NS.dsig, 'Signature'),
    Assertion: childElement(assertion, NS.dsig, 'Signature'),
  };
  const failures: string[] = [];
  const verified: string[] = [];
  let wrapping: string | undefined;
  for (const [name, element] of [
    ['Response', response],
    ['Assertion', assertion],
  ] as const) {
    const signature = signatures[name];
    if (signature === undefined) continue;
    const text = name === 'Assertion' && signatures.Response !== undefined ? withoutSignature(response, signatures.Response) : xml;
    const outcome = verifyOne(text, element, signature, certificate);
    if (outcome.verified) {
      verified.push(`the ${name} (${outcome.algorithm})`);
    } else if (outcome.wrapped) {
      wrapping ??= `The ${name} signature verifies, but ${outcome.problem}.`;
    } else {
      const embedded = keyInfoThumbprint(signature);
      const other =
        embedded !== undefined && embedded !== certificate.thumbprint
          ? `; KeyInfo carries a certificate with thumbprint ${embedded}, Atlassian holds ${certificate.thumbprint} (${certificate.subject})`
          : '';
      failures.push(`The ${name} signature fails: ${outcome.problem}${other}.`);
    }
  }
  const summary =
    verified.length > 0
      ? `Signed and verified with the configured certificate (thumbprint ${certificate.thumbprint}): ${verified.join(' and ')}.`
      : 'Nothing verified.';
  return {
    present: { response: signatures.Response !== undefined, assertion: signatures.Assertion !== undefined },
    failures,
    ...(wrapping === undefined ? {} : { wrapping }),
    summary,
  };
}
