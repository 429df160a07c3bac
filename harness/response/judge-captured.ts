/**
 * A captured SAMLResponse judged offline by sp-mock's rules for one organization: every rule with its
 * status, the fix for each failure in the words of a Keycloak version's admin console, and the decoded
 * response with the failing parts marked. Pure: the clock comes in as an argument.
 */
import { DOMParser } from '@xmldom/xmldom';
import { judgeResponse, spRules, type JudgedOrganization, type RuleStatus, type SpCheckCode, type Verdict } from '../../sp-mock/index.ts';
import { annotatedLines, marksFor } from './annotate.ts';
import { capturedXml, type CapturedResponse } from './captured-input.ts';
import { spRuleFixesFor } from '../fixes/fixes.ts';

/** When the time checks are judged: now, at the response's own IssueInstant, or at a given time. */
export type JudgeTime = 'now' | 'issue-instant' | Date;

export interface JudgeCapturedOptions {
  readonly at: JudgeTime;
  /** The AuthnRequest ID the response must answer; without it InResponseTo is not judged. */
  readonly requestId?: string;
  /** Fixes are worded for this version's admin console. */
  readonly keycloakVersion: string;
  /** The real time, for `at: 'now'` (tests pin it). */
  readonly now?: Date;
}

export interface JudgedRule {
  readonly code: SpCheckCode;
  readonly status: RuleStatus;
  readonly detail?: string;
  /** For a failing rule: the plain sentence and the fix. */
  readonly message?: string;
  readonly fix?: string;
}

/** What the response says about itself, read without trusting it. */
export interface ResponseSummary {
  readonly id?: string;
  readonly issueInstant?: string;
  readonly issuer?: string;
  readonly destination?: string;
  readonly inResponseTo?: string;
  /** The first Audience: Keycloak puts the client ID there. */
  readonly audience?: string;
}

/** sp-mock's verdict (the first failing rule or SUCCESS, what Atlassian shows), and how it was reached. */
export interface CapturedVerdict extends Pick<Verdict, 'code' | 'message' | 'detail' | 'fix' | 'atlassianError' | 'nameId'> {
  readonly accepted: boolean;
  readonly judgedAt: string;
  readonly judgedAtSource: 'now' | 'issue-instant' | 'given';
  readonly form: CapturedResponse['form'];
  readonly keycloakVersion: string;
  readonly response: ResponseSummary;
  readonly rules: readonly JudgedRule[];
  /** The decoded response, one element per line, failing parts marked; empty when it is not readable XML. */
  readonly annotated: readonly string[];
  /** Why a verdict may not mean what it seems (how the response was captured, the clock). */
  readonly hints: readonly string[];
}

const DOCTYPE_OR_ENTITY = /<!DOCTYPE|<!ENTITY/i;

/** The DOM of the response for reading and showing; never for a DTD (the judge refuses those unread). */
function readDocument(xml: string | undefined): Document | undefined {
  if (xml === undefined || DOCTYPE_OR_ENTITY.test(xml)) return undefined;
  let failed = false;
  const document = new DOMParser({
    errorHandler: { warning: () => undefined, error: () => (failed = true), fatalError: () => (failed = true) },
  }).parseFromString(xml, 'text/xml');
  return failed || document.documentElement === null ? undefined : document;
}

function firstByLocalName(root: Element, localName: string): Element | undefined {
  return Array.from(root.getElementsByTagNameNS('*', localName))[0];
}

function summarize(document: Document | undefined): ResponseSummary {
  const response = document?.documentElement;
  if (response === null || response === undefined) return {};
  const attribute = (name: string) => (response.hasAttribute(name) ? response.getAttribute(name) ?? undefined : undefined);
  const textOf = (localName: string) => {
    const element = firstByLocalName(response, localName);
    return element === undefined ? undefined : (element.textContent ?? '').trim();
  };
  const summary: Record<string, string | undefined> = {
    id: attribute('ID'),
    issueInstant: attribute('IssueInstant'),
    issuer: textOf('Issuer'),
    destination: attribute('Destination'),
    inResponseTo: attribute('InResponseTo'),
    audience: textOf('Audience'),
  };
  return Object.fromEntries(Object.entries(summary).filter(([, value]) => value !== undefined));
}

/** SAML times are UTC; one written without a zone is read as UTC. */
function samlInstant(value: string): Date {
  return new Date(/(?:[zZ]|[+-]\d\d:\d\d)$/.test(value) ? value : `${value}Z`);
}

interface JudgementTime {
  readonly time: Date;
  readonly source: CapturedVerdict['judgedAtSource'];
  /** Set when the IssueInstant was asked for but could not be read. */
  readonly unreadable?: string;
}

/** At the IssueInstant when asked and readable; a response without one is judged now (its schema fails anyway). */
function judgementTime(at: JudgeTime, summary: ResponseSummary, now: Date): JudgementTime {
  if (at === 'now') return { time: now, source: 'now' };
  if (at instanceof Date) return { time: at, source: 'given' };
  const instant = summary.issueInstant === undefined ? undefined : samlInstant(summary.issueInstant);
  if (instant === undefined || Number.isNaN(instant.getTime())) {
    return {
      time: now,
      source: 'now',
      unreadable: summary.issueInstant === undefined ? 'The response has no readable IssueInstant' : `The IssueInstant "${summary.issueInstant}" is not a readable time`,
    };
  }
  return { time: instant, source: 'issue-instant' };
}

function hintsFor(captured: CapturedResponse, rules: readonly JudgedRule[], when: JudgementTime): string[] {
  const failed = (code: SpCheckCode) => rules.find((rule) => rule.code === code && rule.status === 'fail');
  const hints: string[] = [];
  if (when.unreadable !== undefined) hints.push(`${when.unreadable}: judged at the current time instead.`);
  if (captured.form === 'xml' && failed('SP_SIGNATURE_INVALID')?.detail?.includes('digest')) {
    hints.push(
      'The response was given as XML: a viewer that re-indents or re-encodes it changes what was signed. Capture the base64 SAMLResponse from the POST form (browser developer tools → Network → the POST to Atlassian → Payload) to check the signature.',
    );
  }
  if (when.source === 'now' && when.unreadable === undefined && (failed('SP_ASSERTION_EXPIRED') || failed('SP_ASSERTION_NOT_YET_VALID'))) {
    hints.push('Judged at the current time: a captured response expires within minutes. Use --at issue-instant to judge it as at the moment Keycloak issued it.');
  }
  return hints;
}

export function judgeCapturedResponse(captured: CapturedResponse, org: JudgedOrganization, options: JudgeCapturedOptions): CapturedVerdict {
  const document = readDocument(capturedXml(captured));
  const response = summarize(document);
  const when = judgementTime(options.at, response, options.now ?? new Date());
  const fixes = spRuleFixesFor(options.keycloakVersion, response.audience);
  const verdict = judgeResponse(org, captured.samlResponse, {
    now: when.time,
    fixes,
    ...(options.requestId === undefined ? {} : { expectedRequestId: options.requestId }),
  });
  const rules: JudgedRule[] = verdict.rules.map((rule) =>
    rule.status === 'fail' ? { ...rule, message: spRules[rule.code].message, fix: fixes[rule.code] ?? spRules[rule.code].fix } : rule,
  );
  const { code, message, detail, fix, atlassianError, nameId } = verdict;
  return {
    accepted: verdict.outcome === 'success',
    code,
    message,
    detail,
    fix,
    atlassianError,
    nameId,
    judgedAt: when.time.toISOString(),
    judgedAtSource: when.source,
    form: captured.form,
    keycloakVersion: options.keycloakVersion,
    response,
    rules,
    annotated: document === undefined ? [] : annotatedLines(document, marksFor(document, org, verdict.rules)),
    hints: hintsFor(captured, rules, when),
  };
}
