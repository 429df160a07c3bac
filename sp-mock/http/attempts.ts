/**
 * Turns a verdict, or a failure before any verdict, into the LoginAttempt the SP records, within a fixed
 * budget: each SAML message kept once, as sent, cut (with a marker) beyond `maxStoredSamlChars`; a
 * pretty-printed copy only where that cannot blow up (shallow, well-formed XML within the budget).
 */
import { randomUUID } from 'node:crypto';
import xmlFormatter from 'xml-formatter';
import { spRuleFix, spRules, type AtlassianAnswer, type FixOverrides, type SpCheckCode } from '../rules/catalogue.ts';
import type { RuleResult, Verdict } from '../judge/types.ts';
import type { LoginAttempt } from '../model/login-attempt.ts';

// xml-formatter is CommonJS (module.exports = format) but its types declare an ES default export, so
// TypeScript sees a namespace where Node hands over the function itself.
const formatXml = xmlFormatter as unknown as typeof xmlFormatter.default;

/** Deeper XML is kept as sent: its indented form grows with the square of its depth. */
const MAX_PRETTY_DEPTH = 32;

export function prettyXml(xml: string): string {
  return formatXml(xml, { indentation: '  ', collapseContent: true, lineSeparator: '\n', throwOnFailure: false });
}

/** `text`, or its first `max` characters and a marker saying how much was not kept. */
export function cut(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max)}…[sp-mock kept ${max} of ${text.length} characters]`;
}

/** The deepest element nesting of well-formed XML, counted from its tags. */
function nestingDepth(xml: string): number {
  let depth = 0;
  let deepest = 0;
  for (const [, closing, selfClosing] of xml.matchAll(/<(\/?)[A-Za-z_][^>]*?(\/?)>/g)) {
    if (closing) depth--;
    else if (!selfClosing) deepest = Math.max(deepest, ++depth);
  }
  return deepest;
}

/** For reading: pretty-printed where that stays small, else as sent; within `max` either way. */
function readableXml(xml: string, max: number): string {
  return xml.length <= max && nestingDepth(xml) <= MAX_PRETTY_DEPTH ? cut(prettyXml(xml), max) : cut(xml, max);
}

export interface StoredSizes {
  readonly maxStoredSamlChars: number;
  readonly maxStoredTextChars: number;
}

const boundedRules = (rules: readonly RuleResult[], max: number): RuleResult[] =>
  rules.map((rule) => (rule.detail === undefined ? rule : { ...rule, detail: cut(rule.detail, max) }));

function boundedStatus(status: NonNullable<Verdict['response']>['status'], max: number): NonNullable<LoginAttempt['status']> {
  return {
    ...(status.code === undefined ? {} : { code: cut(status.code, max) }),
    ...(status.subCode === undefined ? {} : { subCode: cut(status.subCode, max) }),
  };
}

/** The attributes' values, each cut to `max`, and no more attributes than fit twice that. */
function boundedAttributes(attributes: Verdict['attributes'], max: number): Verdict['attributes'] {
  const kept: Record<string, string[]> = {};
  let chars = 0;
  for (const [name, values] of Object.entries(attributes)) {
    const bounded = values.map((value) => cut(value, max));
    chars += name.length + bounded.reduce((sum, value) => sum + value.length, 0);
    if (chars > 2 * max) break;
    kept[cut(name, max)] = bounded;
  }
  return kept;
}

export function attemptFromVerdict(args: {
  orgId: string;
  verdict: Verdict;
  relayState?: string;
  responseBase64?: string;
  authnRequestXml?: string;
  sizes: StoredSizes;
}): LoginAttempt {
  const { verdict } = args;
  const max = args.sizes.maxStoredSamlChars;
  const text = args.sizes.maxStoredTextChars;
  return {
    id: randomUUID(),
    orgId: args.orgId,
    at: new Date().toISOString(),
    flow: verdict.flow,
    outcome: verdict.outcome,
    code: verdict.code,
    message: verdict.message,
    ...(verdict.detail === undefined ? {} : { detail: cut(verdict.detail, text) }),
    fix: verdict.fix,
    ...(verdict.atlassianError === undefined ? {} : { atlassianError: verdict.atlassianError }),
    ...(verdict.nameId === undefined ? {} : { nameId: cut(verdict.nameId, text) }),
    ...(verdict.nameIdFormat === undefined ? {} : { nameIdFormat: cut(verdict.nameIdFormat, text) }),
    attributes: boundedAttributes(verdict.attributes, text),
    ...(args.relayState === undefined ? {} : { relayState: cut(args.relayState, text) }),
    rules: boundedRules(verdict.rules, text),
    ...(verdict.response === undefined ? {} : { status: boundedStatus(verdict.response.status, text) }),
    saml: {
      ...(args.authnRequestXml === undefined ? {} : { authnRequestXml: readableXml(args.authnRequestXml, max) }),
      ...(verdict.xml === undefined ? {} : { responseXml: readableXml(verdict.xml, max) }),
      ...(args.responseBase64 === undefined || args.responseBase64 === '' ? {} : { responseBase64: cut(args.responseBase64, max) }),
    },
    ...(verdict.account === undefined ? {} : { account: verdict.account }),
  };
}

/** An attempt that failed before a response could be judged: at login, on an unknown connection, a refused post. */
export function failedAttempt(args: {
  orgId: string;
  flow: LoginAttempt['flow'];
  code: SpCheckCode;
  detail: string;
  rules?: readonly RuleResult[];
  answer?: AtlassianAnswer;
  relayState?: string;
  fixes?: FixOverrides;
  sizes: StoredSizes;
}): LoginAttempt {
  const rule = spRules[args.code];
  const text = args.sizes.maxStoredTextChars;
  const answer = args.answer ?? rule.atlassian;
  return {
    id: randomUUID(),
    orgId: args.orgId,
    at: new Date().toISOString(),
    flow: args.flow,
    outcome: 'failure',
    code: args.code,
    message: rule.message,
    detail: cut(args.detail, text),
    fix: spRuleFix(args.code, args.fixes),
    atlassianError: {
      ...(answer.error === undefined ? {} : { error: answer.error }),
      ...(answer.errorDescription === undefined ? {} : { errorDescription: answer.errorDescription }),
      pageText: answer.pageText,
    },
    attributes: {},
    ...(args.relayState === undefined ? {} : { relayState: cut(args.relayState, text) }),
    rules: boundedRules(args.rules ?? [{ code: args.code, status: 'fail', detail: args.detail }], text),
    saml: {},
  };
}
