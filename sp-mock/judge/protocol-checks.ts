/** Issuer, audience, destination, recipient and InResponseTo: what samlify leaves to its caller. */
import type { AssertionParts, ResponseParts } from './response-parts.ts';
import type { RuleBook } from './rule-book.ts';
import type { JudgeContext, JudgedOrganization } from './types.ts';

export function checkIssuer(book: RuleBook, org: JudgedOrganization, response: ResponseParts, assertion: AssertionParts): void {
  const expected = org.idp.entityId.trim();
  if (assertion.issuer !== expected) {
    book.fail(
      'SP_ISSUER_MISMATCH',
      assertion.issuer === undefined
        ? 'The assertion has no Issuer.'
        : `The assertion's Issuer is "${assertion.issuer}"; Atlassian holds "${expected}".`,
      { expected },
    );
  } else if (response.issuer !== undefined && response.issuer !== expected) {
    book.fail('SP_ISSUER_MISMATCH', `The Response's Issuer is "${response.issuer}"; Atlassian holds "${expected}".`, {
      expected,
    });
  } else {
    book.pass('SP_ISSUER_MISMATCH', `Issuer is "${expected}".`);
  }
}

export function checkAudience(book: RuleBook, org: JudgedOrganization, assertion: AssertionParts): void {
  const restrictions = assertion.conditions?.audienceRestrictions ?? [];
  if (restrictions.length === 0) {
    book.fail('SP_AUDIENCE_INVALID', 'The assertion has no AudienceRestriction.', { expected: org.spEntityId });
    return;
  }
  const missing = restrictions.find((audiences) => !audiences.includes(org.spEntityId));
  if (missing !== undefined) {
    book.fail(
      'SP_AUDIENCE_INVALID',
      `The assertion is for audience ${missing.map((audience) => `"${audience}"`).join(', ') || '(none)'}; Atlassian's SP entity ID is "${org.spEntityId}".`,
      { expected: org.spEntityId },
    );
    return;
  }
  book.pass('SP_AUDIENCE_INVALID', `Audience is "${org.spEntityId}".`);
}

export function checkDestination(book: RuleBook, org: JudgedOrganization, response: ResponseParts): void {
  if (response.destination === undefined) {
    book.pass('SP_DESTINATION_MISMATCH', 'No Destination; Atlassian checks it only when present.');
  } else if (response.destination !== org.acsUrl) {
    book.fail(
      'SP_DESTINATION_MISMATCH',
      `The Response's Destination is "${response.destination}"; the ACS URL is "${org.acsUrl}".`,
      { destination: response.destination, acsUrl: org.acsUrl },
    );
  } else {
    book.pass('SP_DESTINATION_MISMATCH', `Destination is the ACS URL.`);
  }
}

/** The Web SSO profile (saml-profiles-2.0-os §4.1.4.2): a bearer confirmation, with a Recipient and a NotOnOrAfter. */
export function checkBearerConfirmation(book: RuleBook, assertion: AssertionParts): void {
  const missing = [
    assertion.bearer === undefined ? 'a bearer SubjectConfirmation with SubjectConfirmationData' : undefined,
    assertion.bearer !== undefined && assertion.bearer.recipient === undefined ? 'a Recipient' : undefined,
    assertion.bearer !== undefined && assertion.bearer.notOnOrAfter === undefined ? 'a NotOnOrAfter' : undefined,
  ].filter((what): what is string => what !== undefined);
  if (missing.length) book.fail('SP_BEARER_CONFIRMATION_MISSING', `The assertion's Subject lacks ${missing.join(' and ')}.`);
  else book.pass('SP_BEARER_CONFIRMATION_MISSING', 'A bearer SubjectConfirmation with Recipient and NotOnOrAfter.');
}

export function checkRecipient(book: RuleBook, org: JudgedOrganization, assertion: AssertionParts): void {
  const recipient = assertion.bearer?.recipient;
  if (recipient === undefined) {
    book.skip('SP_RECIPIENT_MISMATCH', 'No Recipient to compare (SP_BEARER_CONFIRMATION_MISSING).');
  } else if (recipient !== org.acsUrl) {
    book.fail(
      'SP_RECIPIENT_MISMATCH',
      `The SubjectConfirmationData's Recipient is "${recipient}"; the ACS URL is "${org.acsUrl}".`,
      { recipient, acsUrl: org.acsUrl },
    );
  } else {
    book.pass('SP_RECIPIENT_MISMATCH', 'Recipient is the ACS URL.');
  }
}

/** Returns the request ID the response answers, if any. */
export function checkInResponseTo(
  book: RuleBook,
  context: JudgeContext,
  response: ResponseParts,
  assertion: AssertionParts,
): string | undefined {
  const named = [response.inResponseTo, assertion.bearer?.inResponseTo].filter(
    (id): id is string => id !== undefined,
  );
  const id = named[0];
  if (named.some((other) => other !== id)) {
    book.fail(
      'SP_IN_RESPONSE_TO_UNKNOWN',
      `The Response answers "${response.inResponseTo ?? ''}" but its assertion answers "${assertion.bearer?.inResponseTo ?? ''}".`,
    );
  } else if (context.expectedRequestId !== undefined) {
    if (id === context.expectedRequestId) book.pass('SP_IN_RESPONSE_TO_UNKNOWN', `Answers request ${id}.`);
    else
      book.fail(
        'SP_IN_RESPONSE_TO_UNKNOWN',
        id === undefined
          ? `The response is unsolicited, but the login started with request ${context.expectedRequestId}.`
          : `The response answers ${id}; the login started with request ${context.expectedRequestId}.`,
      );
  } else if (id === undefined) {
    book.pass('SP_IN_RESPONSE_TO_UNKNOWN', 'No InResponseTo: an IdP-initiated (unsolicited) response, which Atlassian accepts.');
  } else if (context.outstandingRequestIds === undefined) {
    book.skip('SP_IN_RESPONSE_TO_UNKNOWN', `Answers ${id}; no list of outstanding requests was given to compare with.`);
  } else if (context.outstandingRequestIds.has(id)) {
    book.pass('SP_IN_RESPONSE_TO_UNKNOWN', `Answers request ${id}, which this SP sent.`);
  } else {
    book.fail('SP_IN_RESPONSE_TO_UNKNOWN', `The response answers ${id}, which is not a request this SP sent or still remembers.`);
  }
  return id;
}
