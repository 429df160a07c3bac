/**
 * Reads the parts of a Response and its Assertion the checks need, by walking direct children only
 * (never `//` searches, which a wrapped copy could answer).
 */
import { ATLASSIAN_ATTRIBUTES, attribute, BEARER, childElement, childElements, NS, textOf } from './xml-names.ts';

export interface StatusParts {
  readonly code?: string;
  readonly subCode?: string;
  readonly message?: string;
}

export interface ResponseParts {
  readonly id?: string;
  readonly issueInstant?: string;
  readonly issuer?: string;
  readonly destination?: string;
  readonly inResponseTo?: string;
  readonly status: StatusParts;
  readonly assertions: readonly Element[];
  readonly encryptedAssertionCount: number;
}

export interface AssertionParts {
  readonly element: Element;
  readonly id?: string;
  readonly issuer?: string;
  readonly nameId?: { readonly value: string; readonly format?: string };
  /** The first bearer SubjectConfirmationData, which the Web SSO profile requires. */
  readonly bearer?: {
    readonly recipient?: string;
    readonly notBefore?: string;
    readonly notOnOrAfter?: string;
    readonly inResponseTo?: string;
  };
  readonly conditions?: {
    readonly notBefore?: string;
    readonly notOnOrAfter?: string;
    /** One list of audiences per AudienceRestriction; each restriction must name the SP. */
    readonly audienceRestrictions: readonly (readonly string[])[];
  };
  readonly sessionNotOnOrAfter?: string;
  readonly attributes: Readonly<Record<string, readonly string[]>>;
}

export function readResponse(response: Element): ResponseParts {
  const issuer = childElement(response, NS.assertion, 'Issuer');
  const status = childElement(response, NS.protocol, 'Status');
  const statusCode = status && childElement(status, NS.protocol, 'StatusCode');
  const subStatusCode = statusCode && childElement(statusCode, NS.protocol, 'StatusCode');
  const statusMessage = status && childElement(status, NS.protocol, 'StatusMessage');
  return {
    id: attribute(response, 'ID'),
    issueInstant: attribute(response, 'IssueInstant'),
    issuer: issuer && textOf(issuer),
    destination: attribute(response, 'Destination'),
    inResponseTo: attribute(response, 'InResponseTo'),
    status: {
      code: statusCode && attribute(statusCode, 'Value'),
      subCode: subStatusCode && attribute(subStatusCode, 'Value'),
      message: statusMessage && textOf(statusMessage),
    },
    assertions: childElements(response, NS.assertion, 'Assertion'),
    encryptedAssertionCount: childElements(response, NS.assertion, 'EncryptedAssertion').length,
  };
}

function readAttributes(assertion: Element): Record<string, string[]> {
  const attributes: Record<string, string[]> = {};
  for (const statement of childElements(assertion, NS.assertion, 'AttributeStatement')) {
    for (const element of childElements(statement, NS.assertion, 'Attribute')) {
      const name = attribute(element, 'Name');
      if (name === undefined) continue;
      const values = childElements(element, NS.assertion, 'AttributeValue').map(textOf);
      attributes[name] = [...(attributes[name] ?? []), ...values];
    }
  }
  return attributes;
}

export function readAssertion(assertion: Element): AssertionParts {
  const issuer = childElement(assertion, NS.assertion, 'Issuer');
  const subject = childElement(assertion, NS.assertion, 'Subject');
  const nameId = subject && childElement(subject, NS.assertion, 'NameID');
  const bearer =
    subject &&
    childElements(subject, NS.assertion, 'SubjectConfirmation').find(
      (confirmation) => attribute(confirmation, 'Method') === BEARER,
    );
  const bearerData = bearer && childElement(bearer, NS.assertion, 'SubjectConfirmationData');
  const conditions = childElement(assertion, NS.assertion, 'Conditions');
  const authnStatement = childElement(assertion, NS.assertion, 'AuthnStatement');
  return {
    element: assertion,
    id: attribute(assertion, 'ID'),
    issuer: issuer && textOf(issuer),
    nameId: nameId && { value: textOf(nameId), format: attribute(nameId, 'Format') },
    bearer: bearerData && {
      recipient: attribute(bearerData, 'Recipient'),
      notBefore: attribute(bearerData, 'NotBefore'),
      notOnOrAfter: attribute(bearerData, 'NotOnOrAfter'),
      inResponseTo: attribute(bearerData, 'InResponseTo'),
    },
    conditions: conditions && {
      notBefore: attribute(conditions, 'NotBefore'),
      notOnOrAfter: attribute(conditions, 'NotOnOrAfter'),
      audienceRestrictions: childElements(conditions, NS.assertion, 'AudienceRestriction').map((restriction) =>
        childElements(restriction, NS.assertion, 'Audience').map(textOf),
      ),
    },
    sessionNotOnOrAfter: authnStatement && attribute(authnStatement, 'SessionNotOnOrAfter'),
    attributes: readAttributes(assertion),
  };
}

/** The first value of an attribute Atlassian reads, if sent and not blank. */
export function atlassianAttribute(
  attributes: Readonly<Record<string, readonly string[]>>,
  key: keyof typeof ATLASSIAN_ATTRIBUTES,
): string | undefined {
  const value = attributes[ATLASSIAN_ATTRIBUTES[key]]?.find((candidate) => candidate.trim() !== '');
  return value?.trim();
}
