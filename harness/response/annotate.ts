/**
 * The decoded response, one element per line, with a marker line under each element a failing rule is
 * about: the Issuer or Audience that does not match, the NameID, the Conditions that expired, the
 * signature that does not verify. Elements are found the way the judge reads them (direct children of the
 * Response and its Assertion), so a mark never lands on a wrapped copy.
 */
import { ATLASSIAN_ATTRIBUTES, type JudgedOrganization, type RuleResult, type SpCheckCode } from '../../sp-mock/index.ts';

const NS = {
  protocol: 'urn:oasis:names:tc:SAML:2.0:protocol',
  assertion: 'urn:oasis:names:tc:SAML:2.0:assertion',
  dsig: 'http://www.w3.org/2000/09/xmldsig#',
} as const;

const BEARER = 'urn:oasis:names:tc:SAML:2.0:cm:bearer';

export interface Mark {
  readonly code: SpCheckCode;
  readonly note: string;
}

function children(parent: Element | undefined, namespace: string, localName: string): Element[] {
  if (parent === undefined) return [];
  return Array.from(parent.childNodes).filter(
    (node): node is Element => node.nodeType === 1 && (node as Element).namespaceURI === namespace && (node as Element).localName === localName,
  );
}

const text = (element: Element) => (element.textContent ?? '').trim();

interface Parts {
  readonly response: Element;
  readonly assertion?: Element;
  readonly org: JudgedOrganization;
}

function bearerData(assertion: Element | undefined): Element[] {
  const subject = children(assertion, NS.assertion, 'Subject');
  const bearer = subject
    .flatMap((s) => children(s, NS.assertion, 'SubjectConfirmation'))
    .filter((confirmation) => confirmation.getAttribute('Method') === BEARER);
  return bearer.flatMap((confirmation) => children(confirmation, NS.assertion, 'SubjectConfirmationData')).slice(0, 1);
}

function nameId(assertion: Element | undefined): Element[] {
  return children(assertion, NS.assertion, 'Subject').flatMap((subject) => children(subject, NS.assertion, 'NameID'));
}

const withAttribute = (elements: Element[], name: string) => elements.filter((e) => e.hasAttribute(name));

/** The bound the judge names first in its detail ("Conditions NotOnOrAfter is …"): the one that failed. */
function failedBound({ assertion }: Parts, detail: string): Element[] {
  const bounds: ReadonlyArray<[string, () => Element[]]> = [
    ['Conditions', () => children(assertion, NS.assertion, 'Conditions')],
    ['SubjectConfirmationData', () => bearerData(assertion)],
    ['AuthnStatement', () => children(assertion, NS.assertion, 'AuthnStatement')],
  ];
  return bounds.find(([label]) => detail.startsWith(`${label} `))?.[1]() ?? [];
}

/** Where each rule's failure shows in the document; a rule without an entry is not about one element. */
const places: Partial<Record<SpCheckCode, (parts: Parts, detail: string) => Element[]>> = {
  SP_STATUS_NOT_SUCCESS: ({ response }) => children(response, NS.protocol, 'Status'),
  SP_ASSERTION_MISSING: ({ response }) => children(response, NS.assertion, 'EncryptedAssertion'),
  SP_MULTIPLE_ASSERTIONS: ({ response }) => [
    ...children(response, NS.assertion, 'Assertion'),
    ...children(response, NS.assertion, 'EncryptedAssertion'),
  ],
  SP_SIGNATURE_WRAPPING: ({ response, assertion }) => [...children(response, NS.dsig, 'Signature'), ...children(assertion, NS.dsig, 'Signature')],
  SP_SIGNATURE_MISSING: ({ response, assertion }) => [response, ...(assertion ? [assertion] : [])],
  SP_SIGNATURE_INVALID: ({ response, assertion }) => [...children(response, NS.dsig, 'Signature'), ...children(assertion, NS.dsig, 'Signature')],
  SP_ISSUER_MISMATCH: ({ response, assertion, org }) =>
    [...children(response, NS.assertion, 'Issuer'), ...children(assertion, NS.assertion, 'Issuer')].filter((issuer) => text(issuer) !== org.idp.entityId.trim()),
  SP_AUDIENCE_INVALID: ({ assertion, org }) => {
    const conditions = children(assertion, NS.assertion, 'Conditions');
    const audiences = conditions
      .flatMap((c) => children(c, NS.assertion, 'AudienceRestriction'))
      .flatMap((restriction) => children(restriction, NS.assertion, 'Audience'));
    return audiences.length > 0 ? audiences.filter((audience) => text(audience) !== org.spEntityId) : conditions;
  },
  SP_DESTINATION_MISMATCH: ({ response }) => [response],
  SP_RECIPIENT_MISMATCH: ({ assertion }) => bearerData(assertion),
  SP_IN_RESPONSE_TO_UNKNOWN: ({ response, assertion }) => withAttribute([response, ...bearerData(assertion)], 'InResponseTo'),
  SP_ASSERTION_NOT_YET_VALID: failedBound,
  SP_ASSERTION_EXPIRED: failedBound,
  SP_ASSERTION_REPLAYED: ({ assertion }) => (assertion ? [assertion] : []),
  SP_NAMEID_NOT_EMAIL: ({ assertion }) => nameId(assertion),
  SP_DOMAIN_UNKNOWN: ({ assertion }) => nameId(assertion),
  SP_DOMAIN_NOT_VERIFIED: ({ assertion }) => nameId(assertion),
  SP_ACCOUNT_NOT_FOUND: ({ assertion }) => nameId(assertion),
  SP_ACCOUNT_DEACTIVATED: ({ assertion }) => nameId(assertion),
  SP_POLICY_NOT_ENFORCING: ({ assertion }) => nameId(assertion),
  SP_ACCOUNT_LINK_CONFLICT: ({ assertion }) => [
    ...nameId(assertion),
    ...children(assertion, NS.assertion, 'AttributeStatement')
      .flatMap((statement) => children(statement, NS.assertion, 'Attribute'))
      .filter((attribute) => attribute.getAttribute('Name') === ATLASSIAN_ATTRIBUTES.name),
  ],
  SP_JIT_NAMES_MISSING: ({ assertion }) => children(assertion, NS.assertion, 'AttributeStatement'),
};

const notes: Partial<Record<SpCheckCode, string>> = {
  SP_SIGNATURE_MISSING: 'no <ds:Signature> in this element',
};

/** Which elements carry which marks; a failure whose element is absent marks the element that should hold it. */
export function marksFor(document: Document, org: JudgedOrganization, rules: readonly RuleResult[]): Map<Element, Mark[]> {
  const marks = new Map<Element, Mark[]>();
  const response = document.documentElement;
  if (response === null) return marks;
  const [assertion] = children(response, NS.assertion, 'Assertion');
  const parts: Parts = { response, ...(assertion ? { assertion } : {}), org };
  for (const rule of rules) {
    const place = places[rule.code];
    if (rule.status !== 'fail' || place === undefined) continue;
    const found = place(parts, rule.detail ?? '');
    const elements = found.length > 0 ? found : [assertion ?? response];
    for (const element of elements) {
      marks.set(element, [...(marks.get(element) ?? []), { code: rule.code, note: notes[rule.code] ?? rule.detail ?? '' }]);
    }
  }
  return marks;
}

const escapeText = (value: string) => value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escapeAttribute = (value: string) => escapeText(value).replace(/"/g, '&quot;');

function startTag(element: Element, close: string): string {
  const attributes = Array.from(element.attributes)
    .map((attribute) => ` ${attribute.name}="${escapeAttribute(attribute.value)}"`)
    .join('');
  return `<${element.tagName}${attributes}${close}`;
}

const MARKER_WIDTH = 40;

function markerLines(indent: string, line: string, marks: readonly Mark[] | undefined): string[] {
  const width = Math.min(Math.max(line.length - indent.length, 1), MARKER_WIDTH);
  return (marks ?? []).map((mark) => `${indent}${'^'.repeat(width)} ✗ ${mark.code}${mark.note ? `: ${mark.note}` : ''}`);
}

/**
 * One element per line, indented; an element holding only text stays on one line. Comments are shown
 * (the judge skips them in NameID, and they matter in attacks); whitespace-only text is layout and dropped.
 */
export function annotatedLines(document: Document, marks: ReadonlyMap<Element, readonly Mark[]>): string[] {
  const lines: string[] = [];
  const visit = (node: Node, depth: number) => {
    const indent = '  '.repeat(depth);
    if (node.nodeType === 8) {
      lines.push(`${indent}<!--${node.nodeValue ?? ''}-->`);
      return;
    }
    if (node.nodeType === 3 || node.nodeType === 4) {
      const value = (node.nodeValue ?? '').trim();
      if (value) lines.push(`${indent}${escapeText(value)}`);
      return;
    }
    if (node.nodeType !== 1) return;
    const element = node as Element;
    const content = Array.from(element.childNodes).filter((child) => child.nodeType !== 3 || (child.nodeValue ?? '').trim() !== '');
    const onlyText = content.every((child) => child.nodeType === 3 || child.nodeType === 4);
    let line: string;
    if (content.length === 0) line = `${indent}${startTag(element, '/>')}`;
    else if (onlyText) line = `${indent}${startTag(element, '>')}${escapeText(text(element))}</${element.tagName}>`;
    else line = `${indent}${startTag(element, '>')}`;
    lines.push(line, ...markerLines(indent, line, marks.get(element)));
    if (content.length === 0 || onlyText) return;
    for (const child of content) visit(child, depth + 1);
    lines.push(`${indent}</${element.tagName}>`);
  };
  if (document.documentElement !== null) visit(document.documentElement, 0);
  return lines;
}
