/**
 * A captured SAMLResponse judged offline by sp-mock's rules for one organization: every rule with its
 * status, the fix for each failure in the words of a Keycloak version's admin console, and the decoded
 * response with the failing parts marked. Pure: the clock comes in as an argument.
 */
import { DOMParser } from '@xmldom/xmldom';
import { annotatedLines, judgeResponse, marksFor, spRules, type JudgedOrganization, type ResponseSummary, type RuleStatus, type SpCheckCode, type Verdict } from '../../sp-mock/index.ts';
import type { CapturedResponse } from './captured-input.ts';
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

/** sp-mock's verdict (the first failing rule or SUCCESS, what Atlassian shows), and how it was reached. */
export interface CapturedVerdict extends Pick<Verdict, 'code' | 'message' | 'detail' | 'fix' | 'atlassianError' | 'nameId'> {
  readonly accepted: boolean;
  readonly judgedAt: string;
  readonly judgedAtSource: 'now' | 'issue-instant' | 'given';
  readonly form: CapturedResponse['form'];
  readonly keycloakVersion: string;
  readonly response: Omit<ResponseSummary, 'status'>;
  readonly rules: readonly JudgedRule[];
  /** The decoded response, one element per line, failing parts marked; empty when it is not readable XML. */
  readonly annotated: readonly string[];
  /** Why a verdict may not mean what it seems (how the response was captured, the clock). */
  readonly hints: readonly string[];
}

/** The XML the judge read, for showing; the judge keeps it only once it is known to be XML without a DOCTYPE. */
function readDocument(xml: string | undefined): Document | undefined {
  if (xml === undefined) return undefined;
  const document = new DOMParser({ errorHandler: { warning: () => undefined, error: () => undefined, fatalError: () => undefined } }).parseFromString(xml, 'text/xml');
  return document.documentElement === null ? undefined : document;
}

interface JudgementTime {
  readonly time: Date;
  readonly source: CapturedVerdict['judgedAtSource'];
  /** Set when the IssueInstant was asked for but could not be read. */
  readonly unreadable?: string;
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
  const now = options.at instanceof Date ? options.at : (options.now ?? new Date());
  const verdict = judgeResponse(org, captured.samlResponse, {
    now,
    ...(options.at === 'issue-instant' ? { atIssueInstant: true } : {}),
    ...(options.requestId === undefined ? {} : { expectedRequestId: options.requestId }),
  });
  // The fixes name the client, which a response names as its Audience.
  const fixes = spRuleFixesFor(options.keycloakVersion, verdict.response?.audience);
  const judgedAt = verdict.judgedAt;
  const when: JudgementTime = {
    time: new Date(judgedAt.time),
    source: options.at instanceof Date ? 'given' : judgedAt.source,
    ...(judgedAt.unreadable === undefined ? {} : { unreadable: judgedAt.unreadable }),
  };
  const { status: _status, ...response } = verdict.response ?? { status: {} };
  const rules: JudgedRule[] = verdict.rules.map((rule) =>
    rule.status === 'fail' ? { ...rule, message: spRules[rule.code].message, fix: fixes[rule.code] ?? spRules[rule.code].fix } : rule,
  );
  const { code, message, detail, atlassianError, nameId } = verdict;
  const fix = fixes[code] ?? verdict.fix;
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
    annotated: annotatedFor(verdict),
    hints: hintsFor(captured, rules, when),
  };
}

function annotatedFor(verdict: Verdict): string[] {
  const document = readDocument(verdict.xml);
  return document === undefined ? [] : annotatedLines(document, marksFor(verdict.rules));
}
