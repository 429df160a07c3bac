/**
 * A captured login judged whole: where Keycloak stopped it (by the page recognition `run` uses), or the
 * response it posted judged by sp-mock's rules with InResponseTo checked against the captured
 * AuthnRequest and the time checks at the response's own IssueInstant, beside what Atlassian answered.
 * The Atlassian side is the organization file, or what the capture itself shows.
 */
import { DOMParser } from '@xmldom/xmldom';
import { rulesForAtlassianAnswer, spRules, type SpCheckCode } from '../../sp-mock/index.ts';
import { keycloakFix, spRuleFixesFor } from '../fixes/fixes.ts';
import { invalidNameIdPolicy } from '../login/keycloak-answers.ts';
import { keycloakPageOutcome } from '../login/keycloak-page-outcome.ts';
import type { OutcomeCode } from '../login/outcome.ts';
import { readCapturedResponse } from '../response/captured-input.ts';
import { judgeCapturedResponse, type CapturedVerdict } from '../response/judge-captured.ts';
import { capturedOrganizationSchema, type CapturedOrganization } from '../response/organization-file.ts';
import type { AtlassianAnswerCaptured, CapturedLogin } from './captured-logins.ts';
import type { CapturedExchange } from './har-file.ts';
import { redactedUrl } from './redact.ts';

export interface HarHop {
  readonly number: number;
  readonly method: string;
  /** Secrets in the query replaced (redact.ts). */
  readonly url: string;
  readonly status: number;
  readonly location?: string;
  /** The SAML message this hop carried. */
  readonly carries?: 'AuthnRequest' | 'Response';
}

export interface HarLoginVerdict {
  readonly login: number;
  /** before-saml: Atlassian answered the email typed at its login page, before any SAML was exchanged. */
  readonly flow: 'sp-initiated' | 'idp-initiated' | 'before-saml';
  readonly hops: readonly HarHop[];
  readonly accepted: boolean;
  /** Who stopped the login. */
  readonly where: 'keycloak' | 'sp' | 'none';
  /**
   * LOGIN_INCOMPLETE: the capture ends before Keycloak or Atlassian answered. ATLASSIAN_REFUSED: the rules
   * pass the response, and Atlassian refused it in words none of them gives.
   */
  readonly code: OutcomeCode | 'LOGIN_INCOMPLETE' | 'ATLASSIAN_REFUSED';
  readonly message: string;
  readonly fix?: string;
  /** What the user saw: Keycloak's page text, or Atlassian's words. */
  readonly seen?: string;
  readonly authnRequest?: { readonly id?: string; readonly issuer?: string; readonly acsUrl?: string; readonly ssoUrl: string };
  /** What Atlassian answered after the response was posted, and the rules that give that answer. */
  readonly atlassianAnswer?: { readonly error?: string; readonly errorDescription?: string; readonly pageText?: string; readonly rules: readonly SpCheckCode[] };
  /** sp-mock's judgement of the posted response. */
  readonly response?: CapturedVerdict;
  readonly hints: readonly string[];
}

export interface JudgeHarOptions {
  readonly org?: CapturedOrganization;
  readonly keycloakVersion: string;
}

export function judgeLogin(login: CapturedLogin, options: JudgeHarOptions): HarLoginVerdict {
  const flow = login.authnRequest ? 'sp-initiated' : 'idp-initiated';
  const base = {
    login: login.number,
    flow,
    hops: hopsOf(login),
    ...(login.authnRequest
      ? {
          authnRequest: {
            ssoUrl: login.authnRequest.ssoUrl,
            ...(login.authnRequest.id ? { id: login.authnRequest.id } : {}),
            ...(login.authnRequest.issuer ? { issuer: login.authnRequest.issuer } : {}),
            ...(login.authnRequest.acsUrl ? { acsUrl: login.authnRequest.acsUrl } : {}),
          },
        }
      : {}),
  } as const;
  const client = login.authnRequest?.issuer ?? options.org?.spEntityId;
  const fixFor = (code: OutcomeCode) => keycloakFix(code as Parameters<typeof keycloakFix>[0], options.keycloakVersion, client ? { client } : {});

  if (!login.response) {
    const stopped = login.keycloakPage;
    if (!stopped || (stopped.page.kind === 'login-form' && !stopped.page.error)) {
      return {
        ...base,
        accepted: false,
        where: 'none',
        code: 'LOGIN_INCOMPLETE',
        message: stopped
          ? "The capture ends at Keycloak's login form: the user did not sign in while it was recorded."
          : 'The capture holds the AuthnRequest but neither a response posted to Atlassian nor a Keycloak page with its body.',
        fix: "Record again: developer tools open on the Network tab with Preserve log on, log in through to Atlassian's answer, then export the HAR (with content).",
        hints: [],
      };
    }
    const outcome = keycloakPageOutcome(stopped.page, stopped.exchange.status, redactedUrl(stopped.exchange.url));
    const fix = fixFor(outcome.code);
    const hints = [
      ...(directoryCodes.has(outcome.code) ? [directoryHint] : []),
      ...(outcome.code === 'KEYCLOAK_INVALID_CREDENTIALS' ? [lockoutHint] : []),
    ];
    return { ...base, accepted: false, where: 'keycloak', code: outcome.code, message: outcome.message, ...(fix ? { fix } : {}), ...(outcome.seen ? { seen: outcome.seen } : {}), hints };
  }

  const hints: string[] = [];
  const derived = options.org ? undefined : derivedOrganization(login, hints);
  const org = options.org ?? derived!.org;
  const response = judgeCapturedResponse(readCapturedResponse(login.response.samlResponse), org, {
    at: 'issue-instant',
    keycloakVersion: options.keycloakVersion,
    ...(login.authnRequest?.id ? { requestId: login.authnRequest.id } : {}),
  });
  if (!login.response.exchange) hints.push("The capture holds Keycloak's POST-binding page but not the POST to Atlassian: the response was judged from the page.");
  const answer = login.atlassianAnswer;
  const answerRules = answer ? rulesForAtlassianAnswer(answer) : [];
  const atlassianAnswer = answer
    ? {
        ...(answer.error ? { error: answer.error } : {}),
        ...(answer.errorDescription ? { errorDescription: answer.errorDescription } : {}),
        ...(answer.pageText && !answer.errorDescription ? { pageText: answer.pageText.slice(0, 300) } : {}),
        rules: answerRules,
      }
    : undefined;
  const withResponse = { ...base, response, ...(atlassianAnswer ? { atlassianAnswer } : {}) };

  // Without the certificate Atlassian holds, whether it is a good one cannot be judged: the next failing rule speaks.
  const failing = response.rules.filter((rule) => rule.status === 'fail' && !(derived?.certificateUnknown && rule.code === 'SP_CERTIFICATE_INVALID'));
  if (failing.length > 0) {
    const first = failing[0]!;
    const invalidPolicy = first.code === 'SP_STATUS_NOT_SUCCESS' && first.detail?.includes('InvalidNameIDPolicy');
    if (invalidPolicy) {
      const fix = fixFor(invalidNameIdPolicy.code);
      return { ...withResponse, accepted: false, where: 'keycloak', code: invalidNameIdPolicy.code, message: invalidNameIdPolicy.message, ...(fix ? { fix } : {}), hints };
    }
    if (answerRules.length > 0 && !answerRules.includes(first.code)) {
      hints.push(`Atlassian's answer points to ${answerRules.join(' or ')}, sp-mock's rules first to ${first.code}.`);
    }
    return {
      ...withResponse,
      accepted: false,
      where: 'sp',
      code: first.code,
      message: first.message ?? spRules[first.code].message,
      ...(first.fix ? { fix: first.fix } : {}),
      ...(answer?.errorDescription ? { seen: answer.errorDescription } : {}),
      hints,
    };
  }
  // The response passes the rules the capture lets us judge; Atlassian's answer, when it refused, is the verdict.
  const refusedBy = answerRules[0];
  if (refusedBy) {
    const fix = spRuleFixesFor(options.keycloakVersion, response.response.audience)[refusedBy] ?? spRules[refusedBy].fix;
    hints.push(
      options.org
        ? `sp-mock's rules accept the response with the organization given; Atlassian refused it, which its words match to ${answerRules.join(' or ')}: check the organization file against Atlassian's settings.`
        : `Atlassian refused the response; its words match ${answerRules.join(' or ')}.`,
    );
    return { ...withResponse, accepted: false, where: 'sp', code: refusedBy, message: spRules[refusedBy].message, fix, seen: answer!.errorDescription ?? answer!.pageText ?? '', hints };
  }
  if (answer && (answer.error || answer.errorDescription)) {
    const words = [answer.error, answer.errorDescription].filter(Boolean).join(': ');
    return {
      ...withResponse,
      accepted: false,
      where: 'sp',
      code: 'ATLASSIAN_REFUSED',
      message: `Atlassian refused the response (${words}), in words none of sp-mock's rules gives, though the response passes them.`,
      fix: 'Send the HAR to Atlassian support with these words; the Keycloak side passes every rule the harness knows.',
      seen: words,
      hints,
    };
  }
  // The judge's own message is its first failure's when the certificate rule was set aside above.
  const message = response.accepted ? response.message : 'The response passes every rule the capture lets the harness judge.';
  return { ...withResponse, accepted: true, where: 'none', code: 'SUCCESS', message, hints };
}

/** Keycloak shows these words too when its directory fails: a capture cannot tell, Keycloak's admin console can. */
const directoryCodes = new Set<OutcomeCode>(['KEYCLOAK_INVALID_CREDENTIALS', 'KEYCLOAK_UNEXPECTED_ERROR']);
const directoryHint =
  'If the realm federates a directory (LDAP), Keycloak shows the same page when it cannot reach or bind to it: User federation → the provider → Test connection and Test authentication tell which.';

const lockoutHint =
  'Keycloak shows a user locked out by brute-force detection the same message, even for the right password: its server log tells (an event line with error=user_temporarily_disabled), and Users → <user> shows the lock.';

/** A capture in which Atlassian refused the email at its login page: the answer matched to the rules that give it. */
export function judgeAnswerBeforeSaml(login: Pick<CapturedLogin, 'exchanges'>, answer: AtlassianAnswerCaptured, options: JudgeHarOptions): HarLoginVerdict | undefined {
  const rules = rulesForAtlassianAnswer(answer, { atLogin: true });
  const refusedBy = rules[0];
  if (!refusedBy) return undefined;
  const fix = spRuleFixesFor(options.keycloakVersion, options.org?.spEntityId)[refusedBy] ?? spRules[refusedBy].fix;
  return {
    login: 1,
    flow: 'before-saml',
    hops: hopsOf(login),
    accepted: false,
    where: 'sp',
    code: refusedBy,
    message: spRules[refusedBy].message,
    fix,
    seen: answer.errorDescription ?? answer.pageText?.slice(0, 300) ?? '',
    atlassianAnswer: { ...(answer.error ? { error: answer.error } : {}), ...(answer.errorDescription ? { errorDescription: answer.errorDescription } : {}), rules },
    hints: [`Atlassian answered the email typed at its login page before sending anyone to Keycloak: its words match ${rules.join(' or ')}.`],
  };
}

/** A page's theme and static files: a browser's HAR has them, the flow does not need them. */
const staticResourceTypes = new Set(['stylesheet', 'script', 'image', 'font', 'media', 'manifest']);
function isStatic(exchange: CapturedExchange): boolean {
  return (exchange.resourceType !== undefined && staticResourceTypes.has(exchange.resourceType)) || /\/resources\/|\/favicon\.ico(\?|$)/.test(exchange.url);
}

function hopsOf(login: Pick<CapturedLogin, 'exchanges'> & Partial<CapturedLogin>): HarHop[] {
  return login.exchanges.filter((exchange) => !isStatic(exchange)).map((exchange, index) => {
    const carries =
      exchange === login.authnRequest?.exchange ? 'AuthnRequest' : exchange === login.response?.exchange ? 'Response' : undefined;
    return {
      number: index + 1,
      method: exchange.method,
      url: redactedUrl(exchange.url),
      status: exchange.status,
      ...(exchange.location ? { location: redactedUrl(exchange.location) } : {}),
      ...(carries ? { carries } : {}),
    };
  });
}

/**
 * The Atlassian side as the capture shows it: the SP entity ID (the AuthnRequest's Issuer, else the
 * response's Audience), the ACS URL the response was posted to, the IdP's entity ID and SSO URL, and the
 * certificate of the response's own KeyInfo; the NameID's domain verified and its account present, since
 * the capture cannot tell. Each assumption is said in the hints.
 */
function derivedOrganization(login: CapturedLogin, hints: string[]): { org: CapturedOrganization; certificateUnknown: boolean } {
  const xml = Buffer.from(login.response!.samlResponse, 'base64').toString('utf8');
  const document = new DOMParser({ errorHandler: { warning: () => undefined, error: () => undefined, fatalError: () => undefined } }).parseFromString(xml, 'text/xml');
  const first = (name: string) => (document.documentElement ? Array.from(document.documentElement.getElementsByTagNameNS('*', name))[0]?.textContent?.trim() : undefined);
  const certificate = first('X509Certificate');
  const nameId = first('NameID');
  const email = nameId && /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(nameId) ? nameId.toLowerCase() : undefined;
  const domain = email?.split('@')[1];
  hints.push(
    certificate
      ? "No --org: the Atlassian side is derived from the capture, and the certificate Atlassian holds was not given: the signature is checked with the response's own KeyInfo certificate, which proves the response intact, not that Atlassian holds that certificate."
      : 'No --org, and the response carries no KeyInfo certificate: the signature cannot be checked without the certificate Atlassian holds (pass --org).',
  );
  if (email) hints.push(`Assumed from the capture: ${domain} is verified and ${email} has an Atlassian account; Atlassian's answer, if the capture has it, says otherwise.`);
  const org = capturedOrganizationSchema.parse({
    spEntityId: login.authnRequest?.issuer ?? first('Audience') ?? 'unknown',
    acsUrl: login.authnRequest?.acsUrl ?? login.response!.acsUrl,
    idp: {
      entityId: first('Issuer') ?? 'unknown',
      ssoUrl: login.authnRequest?.ssoUrl ?? (login.keycloakOrigin ? `${login.keycloakOrigin}/` : 'http://unknown.invalid/'),
      certificate: certificate ?? 'not given',
    },
    domains: domain ? [{ name: domain, verified: true, linked: true }] : [],
    accounts: email ? [{ email }] : [],
  });
  return { org, certificateUnknown: !certificate };
}
