/**
 * The assertion consumer service: judge the posted response, apply what a login changes, answer. Every
 * answer is a recorded attempt with its id in the answer's header, also when the post is refused before
 * any SAML is read (too large, too many fields, another content type or charset, a field given twice).
 */
import type { NextFunction, Request, Response } from 'express';
import { judgeResponse } from '../judge/judge.ts';
import type { SpCheckCode } from '../rules/catalogue.ts';
import type { Organization } from '../state/organization.ts';
import type { SpMockState } from '../state/sp-state.ts';
import { answerFailure, answerSuccess } from './answers.ts';
import { attemptFromVerdict, failedAttempt } from './attempts.ts';
import { queryString } from './query-string.ts';

const FORM = 'application/x-www-form-urlencoded';

function organizationOf(state: SpMockState, req: Request): Organization | undefined {
  const match = /^saml-(.+)$/.exec(queryString(req.query.connection) ?? '');
  return match?.[1] === undefined ? undefined : state.organization(match[1]);
}

/** Records and answers a post refused before its response could be judged. */
function refuse(state: SpMockState, req: Request, res: Response, code: SpCheckCode, detail: string, relayState?: string): void {
  const organization = organizationOf(state, req);
  const attempt = failedAttempt({
    orgId: organization?.id ?? '',
    flow: 'idp-initiated',
    code,
    detail,
    ...(relayState === undefined ? {} : { relayState }),
    ...(state.fixes === undefined ? {} : { fixes: state.fixes }),
    sizes: state.limits,
  });
  state.recordAttempt(attempt);
  answerFailure(res, attempt);
}

/** A form field given once, `undefined` when absent; `{ repeated }` when the form carries it several times. */
function formField(body: unknown, name: string): string | undefined | { repeated: number } {
  const value = typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[name] : undefined;
  if (Array.isArray(value)) return { repeated: value.length };
  return typeof value === 'string' ? value : undefined;
}

export function consumeResponse(state: SpMockState, req: Request, res: Response): void {
  if (!req.is(FORM)) {
    const type = req.get('content-type');
    refuse(state, req, res, 'SP_BAD_ENCODING', `The ACS takes an HTML form post (${FORM}); this request is ${type ? `"${type}"` : 'without a content type'}.`);
    return;
  }
  const posted = formField(req.body, 'SAMLResponse');
  const relay = formField(req.body, 'RelayState');
  const relayState = typeof relay === 'string' ? relay : undefined;
  for (const [name, field] of [['SAMLResponse', posted], ['RelayState', relay]] as const) {
    if (typeof field === 'object') {
      refuse(state, req, res, 'SP_BAD_ENCODING', `The form carries ${name} ${field.repeated} times; a response is posted with it once.`);
      return;
    }
  }
  const samlResponse = typeof posted === 'string' ? posted : '';
  const organization = organizationOf(state, req);
  if (organization === undefined) {
    refuse(state, req, res, 'SP_CONNECTION_UNKNOWN', `No organization answers to ${queryString(req.query.connection) ?? '(no connection parameter)'}.`, relayState);
    return;
  }
  const verdict = judgeResponse(organization.judged(state.publicUrl), samlResponse, {
    now: new Date(),
    outstandingRequestIds: organization.outstandingRequests,
    usedAssertionIds: organization.usedAssertionIds,
    maxResponseChars: state.limits.maxResponseChars,
    maxRelayStateBytes: state.limits.maxRelayStateBytes,
    ...(relayState === undefined ? {} : { relayState }),
    ...(state.fixes === undefined ? {} : { fixes: state.fixes }),
  });
  if (verdict.consumesAssertion && verdict.assertion !== undefined) {
    organization.usedAssertionIds.set(verdict.assertion.id, true, Date.parse(verdict.assertion.rememberUntil));
  }
  if (verdict.accountChange !== undefined) {
    organization.accounts.apply(verdict.accountChange, organization.defaultPolicyEnforcesSso);
  }
  const request = verdict.inResponseTo === undefined ? undefined : organization.outstandingRequests.get(verdict.inResponseTo);
  const attempt = attemptFromVerdict({
    orgId: organization.id,
    verdict,
    responseBase64: samlResponse,
    sizes: state.limits,
    ...(relayState === undefined ? {} : { relayState }),
    ...(request === undefined ? {} : { authnRequestXml: request.xml }),
  });
  state.recordAttempt(attempt);
  if (attempt.outcome === 'failure') answerFailure(res, attempt);
  else answerSuccess(res, attempt);
}

/** body-parser's refusals, by the `type` it gives them: each becomes a recorded attempt, not a bare 4xx. */
const refusals: Readonly<Record<string, { code: SpCheckCode; detail: (state: SpMockState, error: { charset?: string; encoding?: string }) => string }>> = {
  'entity.too.large': { code: 'SP_REQUEST_TOO_LARGE', detail: (state) => `The request body is larger than ${state.limits.maxBodyBytes} bytes.` },
  'parameters.too.many': { code: 'SP_REQUEST_TOO_LARGE', detail: (state) => `The form has more than ${state.limits.maxFormFields} fields.` },
  'charset.unsupported': { code: 'SP_BAD_ENCODING', detail: (_state, error) => `The form's charset (${error.charset ?? 'unnamed'}) is not one the ACS reads (UTF-8, ISO-8859-1).` },
  'encoding.unsupported': { code: 'SP_BAD_ENCODING', detail: (_state, error) => `The body's Content-Encoding (${error.encoding ?? 'unnamed'}) is not one the ACS reads.` },
  'entity.verify.failed': { code: 'SP_BAD_ENCODING', detail: () => 'The request body could not be read.' },
  'request.size.invalid': { code: 'SP_BAD_ENCODING', detail: () => 'The request body is shorter or longer than its Content-Length.' },
};

export function refuseUnreadableBody(state: SpMockState) {
  return (error: unknown, req: Request, res: Response, next: NextFunction): void => {
    const type = typeof error === 'object' && error !== null ? (error as { type?: unknown }).type : undefined;
    const refusal = typeof type === 'string' ? refusals[type] : undefined;
    if (refusal === undefined) {
      next(error);
      return;
    }
    refuse(state, req, res, refusal.code, refusal.detail(state, error as { charset?: string; encoding?: string }));
  };
}
