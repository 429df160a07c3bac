/**
 * Signature checks: where signatures may sit and what they may cover (wrapping), whether any exists,
 * and whether each verifies with the configured certificate. The certificate in KeyInfo is only ever
 * compared with the configured one, for the message; it never verifies anything.
 */
import { createHash, verify as cryptoVerify, type KeyObject } from 'node:crypto';
import {
  C14nCanonicalization,
  C14nCanonicalizationWithComments,
  ExclusiveCanonicalization,
  ExclusiveCanonicalizationWithComments,
  type CanonicalizationOrTransformationAlgorithm,
  type NamespacePrefix,
} from 'xml-crypto';
import { thumbprintOf, type ReadCertificate } from './certificate.ts';
import { attribute, childElement, childElements, NS, textOf } from './xml-names.ts';

const ID_ATTRIBUTES = new Set(['ID', 'Id', 'id']);

const ALGORITHM_NAMES: Readonly<Record<string, string>> = {
  'http://www.w3.org/2000/09/xmldsig#rsa-sha1': 'RSA-SHA1',
  'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256': 'RSA-SHA256',
  'http://www.w3.org/2001/04/xmldsig-more#rsa-sha512': 'RSA-SHA512',
};

function describeElement(element: Element): string {
  return element.tagName;
}

function allElements(document: Document): Element[] {
  return Array.from(document.getElementsByTagName('*'));
}

/**
 * Returns why the document's signatures do not cover what would be read, or undefined when they can:
 * signatures only on the Response or its one Assertion, each with one Reference to its own parent's
 * ID, IDs unique, and no other Response or Assertion anywhere (a hidden, signed original).
 */
export function findWrapping(document: Document, response: Element, assertion: Element): string | undefined {
  const seen = new Map<string, Element>();
  for (const element of allElements(document)) {
    for (const attr of Array.from(element.attributes)) {
      if (!ID_ATTRIBUTES.has(attr.localName ?? attr.name)) continue;
      const first = seen.get(attr.value);
      if (first !== undefined) {
        return `Two elements carry the ID "${attr.value}" (${describeElement(first)} and ${describeElement(element)}).`;
      }
      seen.set(attr.value, element);
    }
  }
  const responses = document.getElementsByTagNameNS(NS.protocol, 'Response').length;
  if (responses > 1) return `The document holds ${responses} Response elements; one is hidden inside the other.`;
  const assertions = document.getElementsByTagNameNS(NS.assertion, 'Assertion').length;
  if (assertions > 1) {
    return `The document holds ${assertions} Assertion elements; all but the one read are hidden elsewhere.`;
  }
  const signatures = Array.from(document.getElementsByTagNameNS(NS.dsig, 'Signature'));
  for (const signature of signatures) {
    const parent = signature.parentNode as Element | null;
    if (parent !== response && parent !== assertion) {
      return `A signature sits inside ${parent === null ? 'nothing' : describeElement(parent)}, not on the Response or its Assertion.`;
    }
    if (childElements(parent, NS.dsig, 'Signature').length > 1) {
      return `${describeElement(parent)} carries more than one signature.`;
    }
    const signedInfo = childElement(signature, NS.dsig, 'SignedInfo');
    const references = signedInfo ? childElements(signedInfo, NS.dsig, 'Reference') : [];
    if (references.length !== 1) {
      return `The signature on ${describeElement(parent)} has ${references.length} references; exactly one is expected.`;
    }
    const uri = attribute(references[0] as Element, 'URI');
    const parentId = attribute(parent, 'ID');
    if (parentId === undefined || uri !== `#${parentId}`) {
      return `The signature on ${describeElement(parent)} (ID "${parentId ?? ''}") references "${uri ?? ''}", not its own element.`;
    }
  }
  return undefined;
}

export interface SignatureVerification {
  /** Which elements carry a signature. */
  readonly present: { readonly response: boolean; readonly assertion: boolean };
  /** Problems of signatures that are present but do not verify. */
  readonly failures: readonly string[];
  /** A sentence describing what verified. */
  readonly summary: string;
}

function keyInfoThumbprint(signature: Element): string | undefined {
  const keyInfo = childElement(signature, NS.dsig, 'KeyInfo');
  const data = keyInfo && childElement(keyInfo, NS.dsig, 'X509Data');
  const certificate = data && childElement(data, NS.dsig, 'X509Certificate');
  if (certificate === undefined) return undefined;
  return thumbprintOf(Buffer.from(textOf(certificate).replace(/\s+/g, ''), 'base64'));
}

function signatureAlgorithm(signature: Element): string {
  const signedInfo = childElement(signature, NS.dsig, 'SignedInfo');
  const method = signedInfo && childElement(signedInfo, NS.dsig, 'SignatureMethod');
  const uri = (method && attribute(method, 'Algorithm')) ?? '';
  return ALGORITHM_NAMES[uri] ?? uri;
}

const CANONICALIZERS: Readonly<Record<string, () => CanonicalizationOrTransformationAlgorithm>> = {
  'http://www.w3.org/2001/10/xml-exc-c14n#': () => new ExclusiveCanonicalization(),
  'http://www.w3.org/2001/10/xml-exc-c14n#WithComments': () => new ExclusiveCanonicalizationWithComments(),
  'http://www.w3.org/TR/2001/REC-xml-c14n-20010315': () => new C14nCanonicalization(),
  'http://www.w3.org/TR/2001/REC-xml-c14n-20010315#WithComments': () => new C14nCanonicalizationWithComments(),
};
const ENVELOPED = 'http://www.w3.org/2000/09/xmldsig#enveloped-signature';
const DEFAULT_C14N = 'http://www.w3.org/TR/2001/REC-xml-c14n-20010315';
const SIGNATURE_HASHES: Readonly<Record<string, string>> = {
  'http://www.w3.org/2000/09/xmldsig#rsa-sha1': 'sha1',
  'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256': 'sha256',
  'http://www.w3.org/2001/04/xmldsig-more#rsa-sha512': 'sha512',
};
const DIGESTS: Readonly<Record<string, string>> = {
  'http://www.w3.org/2000/09/xmldsig#sha1': 'sha1',
  'http://www.w3.org/2001/04/xmlenc#sha256': 'sha256',
  'http://www.w3.org/2001/04/xmlenc#sha512': 'sha512',
};

/**
 * Namespace declarations in scope above `element` (nearest wins), for inclusive c14n, computed as
 * xml-crypto's findAncestorNs does (so signatures it accepts are accepted here): the default namespace
 * included, the prefix the element itself declares or uses left out.
 */
function ancestorNamespaces(element: Element): NamespacePrefix[] {
  const found = new Map<string, string>();
  for (let node = element.parentNode; node !== null && node.nodeType === 1; node = node.parentNode) {
    for (const attr of Array.from((node as Element).attributes)) {
      const prefix = /^xmlns(?::|$)/.test(attr.name) ? attr.name.replace(/^xmlns:?/, '') : undefined;
      if (prefix !== undefined && !found.has(prefix)) found.set(prefix, attr.value);
    }
  }
  const ownDeclaration = Array.from(element.attributes).find((attr) => /^xmlns(?::|$)/.test(attr.name));
  const ownPrefix = ownDeclaration === undefined ? (element.prefix ?? '') : ownDeclaration.name.replace(/^xmlns:?/, '');
  return [...found].filter(([prefix]) => prefix !== ownPrefix).map(([prefix, namespaceURI]) => ({ prefix, namespaceURI }));
}

function prefixList(method: Element | undefined): string[] | undefined {
  const inclusive = method?.getElementsByTagNameNS('http://www.w3.org/2001/10/xml-exc-c14n#', 'InclusiveNamespaces')[0];
  const list = inclusive?.getAttribute('PrefixList')?.trim();
  return list ? list.split(/\s+/) : undefined;
}

/** Canonical form of a copy of `element`, minus `without` (the enveloped signature) when given. */
function canonicalize(algorithm: string, element: Element, method: Element | undefined, without?: Element): string {
  const canonicalizer = CANONICALIZERS[algorithm]?.();
  if (canonicalizer === undefined) throw new Error(`canonicalization ${algorithm} is not supported`);
  const copy = element.cloneNode(true) as Element;
  if (without !== undefined) {
    const index = Array.from(element.childNodes).indexOf(without);
    const copied = copy.childNodes[index];
    if (copied !== undefined) copy.removeChild(copied);
  }
  const inclusiveNamespacesPrefixList = prefixList(method);
  return String(
    canonicalizer.process(copy, {
      ancestorNamespaces: ancestorNamespaces(element),
      ...(inclusiveNamespacesPrefixList === undefined ? {} : { inclusiveNamespacesPrefixList }),
    }),
  );
}

const algorithmOf = (element: Element | undefined) => (element && attribute(element, 'Algorithm')) ?? '';

/**
 * Verifies one enveloped signature over its parent with the configured key: first SignedInfo's
 * signature value (so its DigestValue can be trusted), then the digest of the parent without the
 * signature. Reference resolution is structural (findWrapping made sure the one Reference names the
 * parent and IDs are unique), so there is no ID lookup to fool. Canonicalization is xml-crypto's.
 */
function verifyOne(parent: Element, signature: Element, publicKey: KeyObject): string | undefined {
  try {
    return verifyEnvelopedSignature(parent, signature, publicKey);
  } catch (error) {
    // An unsupported canonicalization or a malformed key or value: the signature does not verify.
    return error instanceof Error ? error.message : String(error);
  }
}

function verifyEnvelopedSignature(parent: Element, signature: Element, publicKey: KeyObject): string | undefined {
  const signedInfo = childElement(signature, NS.dsig, 'SignedInfo');
  const signatureValue = childElement(signature, NS.dsig, 'SignatureValue');
  if (signedInfo === undefined || signatureValue === undefined) return 'it has no SignedInfo or SignatureValue';
  const method = childElement(signedInfo, NS.dsig, 'CanonicalizationMethod');
  const hash = SIGNATURE_HASHES[algorithmOf(childElement(signedInfo, NS.dsig, 'SignatureMethod'))];
  if (hash === undefined) {
    return `its algorithm ${algorithmOf(childElement(signedInfo, NS.dsig, 'SignatureMethod'))} is not an RSA signature Atlassian accepts`;
  }
  const value = Buffer.from(textOf(signatureValue).replace(/\s+/g, ''), 'base64');
  if (!cryptoVerify(hash, Buffer.from(canonicalize(algorithmOf(method), signedInfo, method)), publicKey, value)) {
    return 'the signature value does not verify with the configured certificate';
  }
  const reference = childElement(signedInfo, NS.dsig, 'Reference');
  if (reference === undefined || attribute(reference, 'URI') !== `#${attribute(parent, 'ID') ?? ''}`) {
    return 'its reference does not name the signed element';
  }
  const transformsElement = childElement(reference, NS.dsig, 'Transforms');
  const transforms = transformsElement ? childElements(transformsElement, NS.dsig, 'Transform') : [];
  if (!transforms.some((transform) => algorithmOf(transform) === ENVELOPED)) {
    return 'its reference lacks the enveloped-signature transform';
  }
  const c14n = transforms.filter((transform) => algorithmOf(transform) !== ENVELOPED);
  if (c14n.length > 1 || c14n.some((transform) => CANONICALIZERS[algorithmOf(transform)] === undefined)) {
    return `its reference uses transforms Atlassian does not accept (${c14n.map(algorithmOf).join(', ')})`;
  }
  const digestName = DIGESTS[algorithmOf(childElement(reference, NS.dsig, 'DigestMethod'))];
  const digestValue = childElement(reference, NS.dsig, 'DigestValue');
  if (digestName === undefined || digestValue === undefined) return 'its reference has no supported digest';
  const transform = c14n[0];
  const canonical = canonicalize(transform ? algorithmOf(transform) : DEFAULT_C14N, parent, transform, signature);
  const digest = createHash(digestName).update(canonical).digest('base64');
  if (digest !== textOf(digestValue).replace(/\s+/g, '')) {
    return 'its digest does not match the signed content (the content was changed after signing)';
  }
  return undefined;
}

/** Verifies every signature on the Response and its Assertion with the configured certificate. */
export function verifySignatures(
  response: Element,
  assertion: Element,
  certificate: ReadCertificate,
): SignatureVerification {
  const failures: string[] = [];
  const verified: string[] = [];
  const present = { response: false, assertion: false };
  for (const [name, element] of [
    ['Response', response],
    ['Assertion', assertion],
  ] as const) {
    const signature = childElement(element, NS.dsig, 'Signature');
    if (signature === undefined) continue;
    present[name === 'Response' ? 'response' : 'assertion'] = true;
    const problem = verifyOne(element, signature, certificate.publicKey);
    if (problem === undefined) {
      verified.push(`the ${name} (${signatureAlgorithm(signature)})`);
      continue;
    }
    const embedded = keyInfoThumbprint(signature);
    const other =
      embedded !== undefined && embedded !== certificate.thumbprint
        ? `; KeyInfo carries a certificate with thumbprint ${embedded}, Atlassian holds ${certificate.thumbprint} (${certificate.subject})`
        : '';
    failures.push(`The ${name} signature fails: ${problem}${other}.`);
  }
  const summary =
    verified.length > 0
      ? `Signed and verified with the configured certificate (thumbprint ${certificate.thumbprint}): ${verified.join(' and ')}.`
      : 'Nothing verified.';
  return { present, failures, summary };
}
