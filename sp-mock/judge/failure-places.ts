/**
 * The elements each failing rule is about: the Issuer or Audience that does not match, the NameID, the
 * Conditions that expired, the signature that does not verify. Found the way the checks read them (direct
 * children of the Response and its first Assertion), so a place is never a wrapped copy. A failure whose
 * element is absent is placed at the element that should hold it.
 */
import type { SpCheckCode } from '../rules/catalogue.ts';
import { elementPath } from './element-path.ts';
import type { JudgedOrganization } from './types.ts';
import { ATLASSIAN_ATTRIBUTES, attribute, BEARER, childElements, NS, textOf } from './xml-names.ts';

interface Parts {
  readonly response: Element;
  readonly assertion?: Element;
  readonly org: JudgedOrganization;
}

/** Enough to point at; a hostile response with thousands of assertions is not listed in full. */
const MAX_PLACES = 20;

const children = (parent: Element | undefined, namespace: string, localName: string): Element[] =>
  parent === undefined ? [] : childElements(parent, namespace, localName);

function bearerData(assertion: Element | undefined): Element[] {
  return children(assertion, NS.assertion, 'Subject')
    .flatMap((subject) => children(subject, NS.assertion, 'SubjectConfirmation'))
    .filter((confirmation) => attribute(confirmation, 'Method') === BEARER)
    .flatMap((confirmation) => children(confirmation, NS.assertion, 'SubjectConfirmationData'))
    .slice(0, 1);
}

function nameId(assertion: Element | undefined): Element[] {
  return children(assertion, NS.assertion, 'Subject').flatMap((subject) => children(subject, NS.assertion, 'NameID'));
}

const withAttribute = (elements: Element[], name: string) => elements.filter((element) => element.hasAttribute(name));

/** The bound the time check names first in its detail ("Conditions NotOnOrAfter is …"): the one that failed. */
function failedBound({ assertion }: Parts, detail: string): Element[] {
  const bounds: ReadonlyArray<[string, () => Element[]]> = [
    ['Conditions', () => children(assertion, NS.assertion, 'Conditions')],
    ['SubjectConfirmationData', () => bearerData(assertion)],
    ['AuthnStatement', () => children(assertion, NS.assertion, 'AuthnStatement')],
  ];
  return bounds.find(([label]) => detail.startsWith(`${label} `))?.[1]() ?? [];
}

const signatures = ({ response, assertion }: Parts) => [...children(response, NS.dsig, 'Signature'), ...children(assertion, NS.dsig, 'Signature')];

const places: Partial<Record<SpCheckCode, (parts: Parts, detail: string) => Element[]>> = {
  SP_STATUS_NOT_SUCCESS: ({ response }) => children(response, NS.protocol, 'Status'),
  SP_ASSERTION_MISSING: ({ response }) => children(response, NS.assertion, 'EncryptedAssertion'),
  SP_MULTIPLE_ASSERTIONS: ({ response }) => [
    ...children(response, NS.assertion, 'Assertion'),
    ...children(response, NS.assertion, 'EncryptedAssertion'),
  ],
  SP_SIGNATURE_WRAPPING: signatures,
  SP_SIGNATURE_MISSING: ({ response, assertion }) => [response, ...(assertion ? [assertion] : [])],
  SP_SIGNATURE_INVALID: signatures,
  SP_ISSUER_MISMATCH: ({ response, assertion, org }) =>
    [...children(response, NS.assertion, 'Issuer'), ...children(assertion, NS.assertion, 'Issuer')].filter((issuer) => textOf(issuer) !== org.idp.entityId.trim()),
  SP_AUDIENCE_INVALID: ({ assertion, org }) => {
    const conditions = children(assertion, NS.assertion, 'Conditions');
    const audiences = conditions
      .flatMap((c) => children(c, NS.assertion, 'AudienceRestriction'))
      .flatMap((restriction) => children(restriction, NS.assertion, 'Audience'));
    return audiences.length > 0 ? audiences.filter((audience) => textOf(audience) !== org.spEntityId) : conditions;
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
      .filter((element) => attribute(element, 'Name') === ATLASSIAN_ATTRIBUTES.name),
  ],
  SP_JIT_NAMES_MISSING: ({ assertion }) => children(assertion, NS.assertion, 'AttributeStatement'),
};

/** The paths of the elements a failure is about; undefined for a rule that is not about one element. */
export function failurePlaces(code: SpCheckCode, detail: string, parts: Parts): string[] | undefined {
  const place = places[code];
  if (place === undefined) return undefined;
  const found = place(parts, detail);
  const elements = found.length > 0 ? found : [parts.assertion ?? parts.response];
  return elements.slice(0, MAX_PLACES).map(elementPath);
}
