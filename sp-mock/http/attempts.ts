/** Turns a verdict, or a failure before any verdict, into the LoginAttempt the SP records. */
import { randomUUID } from 'node:crypto';
import xmlFormatter from 'xml-formatter';
import { fixFor, spRules, type AtlassianAnswer, type FixOverrides, type SpCheckCode } from '../rules/catalogue.ts';
import type { RuleResult, Verdict } from '../judge/types.ts';
import type { LoginAttempt } from '../model/login-attempt.ts';

// xml-formatter is CommonJS (module.exports = format) but its types declare an ES default export, so
// TypeScript sees a namespace where Node hands over the function itself.
const formatXml = xmlFormatter as unknown as typeof xmlFormatter.default;

export function prettyXml(xml: string): string {
  return formatXml(xml, { indentation: '  ', collapseContent: true, lineSeparator: '\n', throwOnFailure: false });
}

export function attemptFromVerdict(args: {
  orgId: string;
  verdict: Verdict;
  relayState?: string;
  responseBase64?: string;
  authnRequestXml?: string;
}): LoginAttempt {
  const { verdict } = args;
  return {
    id: randomUUID(),
    orgId: args.orgId,
    at: new Date().toISOString(),
    flow: verdict.flow,
    outcome: verdict.outcome,
    code: verdict.code,
    message: verdict.message,
    ...(verdict.detail === undefined ? {} : { detail: verdict.detail }),
    fix: verdict.fix,
    ...(verdict.atlassianError === undefined ? {} : { atlassianError: verdict.atlassianError }),
    ...(verdict.nameId === undefined ? {} : { nameId: verdict.nameId }),
    ...(verdict.nameIdFormat === undefined ? {} : { nameIdFormat: verdict.nameIdFormat }),
    attributes: verdict.attributes,
    ...(args.relayState === undefined ? {} : { relayState: args.relayState }),
    rules: verdict.rules,
    saml: {
      ...(args.authnRequestXml === undefined ? {} : { authnRequestXml: prettyXml(args.authnRequestXml) }),
      ...(verdict.xml === undefined ? {} : { responseXml: prettyXml(verdict.xml) }),
      ...(args.responseBase64 === undefined ? {} : { responseBase64: args.responseBase64 }),
    },
    ...(verdict.account === undefined ? {} : { account: verdict.account }),
  };
}

/** An attempt that failed before a response could be judged: at login, or on an unknown connection. */
export function failedAttempt(args: {
  orgId: string;
  flow: LoginAttempt['flow'];
  code: SpCheckCode;
  detail: string;
  rules: readonly RuleResult[];
  answer?: AtlassianAnswer;
  relayState?: string;
  fixes?: FixOverrides;
}): LoginAttempt {
  const rule = spRules[args.code];
  const answer = args.answer ?? rule.atlassian;
  return {
    id: randomUUID(),
    orgId: args.orgId,
    at: new Date().toISOString(),
    flow: args.flow,
    outcome: 'failure',
    code: args.code,
    message: rule.message,
    detail: args.detail,
    fix: fixFor(args.code, args.fixes),
    atlassianError: {
      ...(answer.error === undefined ? {} : { error: answer.error }),
      ...(answer.errorDescription === undefined ? {} : { errorDescription: answer.errorDescription }),
      pageText: answer.pageText,
    },
    attributes: {},
    ...(args.relayState === undefined ? {} : { relayState: args.relayState }),
    rules: args.rules,
    saml: {},
  };
}
