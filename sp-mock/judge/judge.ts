/**
 * The verdict on one SAML response for one organization, as Atlassian would give it. Pure: the time,
 * the outstanding requests and the used assertion IDs come in through the context; nothing is changed.
 */
import { fillTemplate, spRuleFix, spRules, type SpRuleCode } from '../rules/catalogue.ts';
import { checkAccount, type AccountResult } from './account-checks.ts';
import { readPastedCertificate } from './certificate.ts';
import { decodeSamlResponse } from './decode.ts';
import { parseSamlResponseXml } from './parse-response.ts';
import { checkAudience, checkBearerConfirmation, checkDestination, checkInResponseTo, checkIssuer, checkRecipient } from './protocol-checks.ts';
import { readAssertion, readResponse, type AssertionParts, type ResponseParts } from './response-parts.ts';
import { RuleBook, type Failure } from './rule-book.ts';
import { verifySignatures } from './signature.ts';
import { failurePlaces } from './failure-places.ts';
import { checkTimes, DEFAULT_CLOCK_SKEW_MS, instant, validUntil } from './time-checks.ts';
import type { AtlassianError, JudgeContext, JudgedAt, JudgedOrganization, ResponseSummary, RuleResult, Verdict } from './types.ts';
import { findWrapping } from './wrapping.ts';
import { STATUS_SUCCESS } from './xml-names.ts';
import { defaultLimits } from '../state/limits.ts';

// Auth0's passport-wsfed-saml2 words for the top-level status codes.
const STATUS_MESSAGES: Readonly<Record<string, string>> = {
  'urn:oasis:names:tc:SAML:2.0:status:VersionMismatch':
    'The SAML responder could not process the request because the version of the request message was incorrect.',
  'urn:oasis:names:tc:SAML:2.0:status:Requester':
    'The request could not be performed due to an error on the part of the requester',
  'urn:oasis:names:tc:SAML:2.0:status:Responder':
    'The request could not be performed due to an error on the part of the SAML responder or SAML authority',
  'urn:oasis:names:tc:SAML:2.0:status:AuthnFailed':
    'The responding provider was unable to successfully authenticate the principal',
};

const shortStatus = (uri: string | undefined) => uri?.replace('urn:oasis:names:tc:SAML:2.0:status:', '') ?? '(none)';

function checkStatus(book: RuleBook, response: ResponseParts): boolean {
  const { code, subCode, message } = response.status;
  if (code === STATUS_SUCCESS) {
    book.pass('SP_STATUS_NOT_SUCCESS', 'Status Success.');
    return true;
  }
  const statusMessage =
    message || (subCode && STATUS_MESSAGES[subCode]) || (code && STATUS_MESSAGES[code]) || `Status ${shortStatus(code)}`;
  book.fail(
    'SP_STATUS_NOT_SUCCESS',
    `Status ${shortStatus(code)}${subCode ? ` / ${shortStatus(subCode)}` : ''}${message ? `: ${message}` : ''}.`,
    { statusMessage },
  );
  return false;
}

function checkSignatureRules(
  book: RuleBook,
  org: JudgedOrganization,
  xml: string,
  document: Document,
  response: Element,
  assertion: Element,
): void {
  const certificate = readPastedCertificate(org.idp.certificate);
  if (!certificate.ok) book.fail('SP_CERTIFICATE_INVALID', certificate.detail);
  else book.pass('SP_CERTIFICATE_INVALID', `Configured certificate ${certificate.subject}, thumbprint ${certificate.thumbprint}.`);
  const wrapping = findWrapping(document, response, assertion);
  if (wrapping !== undefined) {
    book.fail('SP_SIGNATURE_WRAPPING', wrapping);
    return;
  }
  const verification = certificate.ok ? verifySignatures(xml, response, assertion, certificate) : undefined;
  if (verification?.wrapping !== undefined) {
    book.fail('SP_SIGNATURE_WRAPPING', verification.wrapping);
    return;
  }
  book.pass('SP_SIGNATURE_WRAPPING', 'Signatures cover exactly the Response and Assertion that are read.');
  if (verification === undefined) return;
  if (!verification.present.response && !verification.present.assertion) {
    book.fail('SP_SIGNATURE_MISSING', 'Neither the Response nor the Assertion carries a signature.');
    return;
  }
  book.pass(
    'SP_SIGNATURE_MISSING',
    `Signed: ${[verification.present.response ? 'Response' : '', verification.present.assertion ? 'Assertion' : ''].filter(Boolean).join(' and ')}.`,
  );
  const [firstFailure] = verification.failures;
  if (firstFailure !== undefined) book.fail('SP_SIGNATURE_INVALID', verification.failures.join(' '));
  else book.pass('SP_SIGNATURE_INVALID', verification.summary);
}

function checkReplay(book: RuleBook, context: JudgeContext, assertion: AssertionParts): void {
  if (assertion.id === undefined) {
    book.fail('SP_ASSERTION_REPLAYED', 'The assertion has no ID, so its one-time use cannot be enforced.');
  } else if (context.usedAssertionIds === undefined) {
    book.skip('SP_ASSERTION_REPLAYED', 'No record of used assertions was given.');
  } else if (context.usedAssertionIds.has(assertion.id)) {
    book.fail('SP_ASSERTION_REPLAYED', `Assertion ${assertion.id} was already used.`);
  } else {
    book.pass('SP_ASSERTION_REPLAYED', `Assertion ${assertion.id} is used for the first time.`);
  }
}

/** The bindings cap RelayState at 80 bytes (saml-bindings-2.0-os §3.4.3, §3.5.3). */
function checkRelayState(book: RuleBook, context: JudgeContext): boolean {
  const max = context.maxRelayStateBytes ?? defaultLimits.maxRelayStateBytes;
  const bytes = context.relayState === undefined ? 0 : Buffer.byteLength(context.relayState, 'utf8');
  if (bytes > max) {
    book.fail('SP_RELAY_STATE_TOO_LONG', `The RelayState has ${bytes} bytes; the limit is ${max}.`);
    return false;
  }
  book.pass('SP_RELAY_STATE_TOO_LONG', context.relayState === undefined ? 'No RelayState.' : `RelayState of ${bytes} bytes.`);
  return true;
}

function atlassianErrorFor(failure: Failure): AtlassianError {
  const answer = spRules[failure.code].atlassian;
  const errorDescription =
    answer.errorDescription === undefined ? undefined : fillTemplate(answer.errorDescription, failure.params);
  return {
    ...(answer.error === undefined ? {} : { error: answer.error }),
    ...(errorDescription === undefined ? {} : { errorDescription }),
    pageText: answer.errorDescription === undefined ? answer.pageText : fillTemplate(answer.pageText, failure.params),
  };
}

interface Reading {
  xml?: string;
  /** The Response element and its first Assertion, where failures are placed. */
  response?: Element;
  assertionElement?: Element;
  summary?: ResponseSummary;
  judgedAt?: JudgedAt;
  inResponseTo?: string;
  assertion?: AssertionParts;
  rememberUntil?: number;
  accountResult?: AccountResult;
}

/** Runs every rule it can; `reading` collects what was read along the way. */
function runRules(book: RuleBook, org: JudgedOrganization, input: string, context: JudgeContext, reading: Reading): void {
  book.pass('SP_CONNECTION_UNKNOWN', `Judged for ${org.spEntityId}.`);
  const decoded = decodeSamlResponse(input, context.maxResponseChars);
  if (!decoded.ok && decoded.code === 'SP_REQUEST_TOO_LARGE') return book.fail(decoded.code, decoded.detail);
  book.pass('SP_REQUEST_TOO_LARGE');
  if (!checkRelayState(book, context)) return;
  if (!decoded.ok) return book.fail(decoded.code, decoded.detail);
  book.pass('SP_BAD_ENCODING');
  const parsed = parseSamlResponseXml(decoded.xml);
  // Kept only once it is known to be XML (well-formed, no DOCTYPE, libxml2's depth limit): what is shown
  // with an attempt is never text of unknown shape.
  if (parsed.ok || parsed.code === 'SP_SCHEMA_INVALID') reading.xml = decoded.xml;
  if (!parsed.ok) {
    for (const code of ['SP_XML_DOCTYPE', 'SP_XML_MALFORMED'] as const) {
      if (code === parsed.code) break;
      book.pass(code);
    }
    return book.fail(parsed.code, parsed.detail);
  }
  book.pass('SP_XML_DOCTYPE');
  book.pass('SP_XML_MALFORMED');
  book.pass('SP_SCHEMA_INVALID', 'Valid against the SAML 2.0 protocol schema.');
  const response = readResponse(parsed.response);
  const [assertionElement] = response.assertions;
  reading.response = parsed.response;
  if (assertionElement !== undefined) reading.assertionElement = assertionElement;
  const assertionParts = assertionElement === undefined ? undefined : readAssertion(assertionElement);
  reading.summary = summarize(response, assertionParts);
  if (!checkStatus(book, response)) return;
  if (assertionElement === undefined || assertionParts === undefined) {
    return book.fail(
      'SP_ASSERTION_MISSING',
      response.encryptedAssertionCount > 0
        ? 'The assertion is encrypted; Atlassian gives the IdP no encryption certificate, so it cannot be read.'
        : 'The Response carries no Assertion.',
    );
  }
  book.pass('SP_ASSERTION_MISSING');
  if (response.assertions.length + response.encryptedAssertionCount > 1) {
    return book.fail('SP_MULTIPLE_ASSERTIONS', `The Response carries ${response.assertions.length + response.encryptedAssertionCount} assertions.`);
  }
  book.pass('SP_MULTIPLE_ASSERTIONS');
  checkSignatureRules(book, org, decoded.xml, parsed.document, parsed.response, assertionElement);
  // Past a signature failure the content is untrusted; the rules below still run so that one verdict
  // shows every problem, but the verdict's code is the signature's.
  const assertion = assertionParts;
  reading.assertion = assertion;
  checkIssuer(book, org, response, assertion);
  checkAudience(book, org, assertion);
  checkDestination(book, org, response);
  checkBearerConfirmation(book, assertion);
  checkRecipient(book, org, assertion);
  reading.inResponseTo = checkInResponseTo(book, context, response, assertion);
  reading.judgedAt = judgementTime(context, response.issueInstant);
  const clock = {
    now: Date.parse(reading.judgedAt.time) + (org.clockOffsetMs ?? 0),
    skewMs: context.clockSkewMs ?? DEFAULT_CLOCK_SKEW_MS,
  };
  checkTimes(book, assertion, clock);
  checkReplay(book, context, assertion);
  reading.rememberUntil = validUntil(assertion, clock) - (org.clockOffsetMs ?? 0);
  reading.accountResult = checkAccount(book, org, assertion.nameId?.value, assertion.attributes);
}

function summarize(response: ResponseParts, assertion: AssertionParts | undefined): ResponseSummary {
  const audience = assertion?.conditions?.audienceRestrictions.flat()[0];
  const fields = {
    id: response.id,
    issueInstant: response.issueInstant,
    issuer: response.issuer,
    destination: response.destination,
    inResponseTo: response.inResponseTo,
    audience,
  };
  const status = { code: response.status.code, subCode: response.status.subCode };
  return {
    ...Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)),
    status: Object.fromEntries(Object.entries(status).filter(([, value]) => value !== undefined)),
  };
}

/** Now, or the response's IssueInstant when asked and readable (SAML times are UTC, see time-checks.ts). */
function judgementTime(context: JudgeContext, issueInstant: string | undefined): JudgedAt {
  const now = { time: context.now.toISOString(), source: 'now' } as const;
  if (!context.atIssueInstant) return now;
  if (issueInstant === undefined) return { ...now, unreadable: 'The response has no readable IssueInstant' };
  const time = instant(issueInstant);
  if (Number.isNaN(time)) return { ...now, unreadable: `The IssueInstant "${issueInstant}" is not a readable time` };
  return { time: new Date(time).toISOString(), source: 'issue-instant' };
}

/** Each failure about elements of the response, with their paths. */
function placed(rules: readonly RuleResult[], reading: Reading, org: JudgedOrganization): RuleResult[] {
  const response = reading.response;
  return rules.map((rule) => {
    if (rule.status !== 'fail' || response === undefined) return rule;
    const at = failurePlaces(rule.code, rule.detail ?? '', { response, ...(reading.assertionElement ? { assertion: reading.assertionElement } : {}), org });
    return at === undefined ? rule : { ...rule, at };
  });
}

export function judgeResponse(org: JudgedOrganization, samlResponse: string, context: JudgeContext): Verdict {
  const book = new RuleBook();
  const reading: Reading = {};
  runRules(book, org, samlResponse, context, reading);
  const failure = book.firstFailure();
  const code: SpRuleCode = failure?.code ?? 'SUCCESS';
  const assertion = reading.assertion;
  const consumesAssertion = failure === undefined || spRules[failure.code].stage === 'account';
  return {
    outcome: failure === undefined ? 'success' : 'failure',
    code,
    message: spRules[code].message,
    ...(failure === undefined ? {} : { detail: failure.detail, atlassianError: atlassianErrorFor(failure) }),
    fix: spRuleFix(code, context.fixes),
    flow: reading.inResponseTo === undefined ? 'idp-initiated' : 'sp-initiated',
    ...(reading.inResponseTo === undefined ? {} : { inResponseTo: reading.inResponseTo }),
    ...(assertion?.nameId === undefined ? {} : { nameId: assertion.nameId.value }),
    ...(assertion?.nameId?.format === undefined ? {} : { nameIdFormat: assertion.nameId.format }),
    attributes: assertion?.attributes ?? {},
    rules: placed(book.all(), reading, org),
    ...(reading.xml === undefined ? {} : { xml: reading.xml }),
    ...(reading.summary === undefined ? {} : { response: reading.summary }),
    judgedAt: reading.judgedAt ?? judgementTime(context, reading.summary?.issueInstant),
    ...(assertion?.id === undefined || reading.rememberUntil === undefined
      ? {}
      : { assertion: { id: assertion.id, rememberUntil: new Date(reading.rememberUntil).toISOString() } }),
    consumesAssertion: consumesAssertion && assertion?.id !== undefined,
    ...(failure === undefined && reading.accountResult?.account !== undefined ? { account: reading.accountResult.account } : {}),
    ...(failure === undefined && reading.accountResult?.change !== undefined
      ? { accountChange: reading.accountResult.change }
      : {}),
  };
}
