/** The assertion consumer service: judge the posted response, apply what a login changes, answer. */
import type { NextFunction, Request, Response } from 'express';
import { DEFAULT_MAX_RESPONSE_CHARS } from '../judge/decode.ts';
import { judgeResponse } from '../judge/judge.ts';
import type { Organization } from '../state/organization.ts';
import type { SpMockState } from '../state/sp-state.ts';
import { answerFailure, answerSuccess } from './answers.ts';
import { queryString } from './query-string.ts';
import { attemptFromVerdict, failedAttempt } from './attempts.ts';

/** Larger bodies are refused by the body parser itself (still recorded as SP_REQUEST_TOO_LARGE). */
export const ACS_BODY_LIMIT = '1mb';

function organizationOf(state: SpMockState, req: Request): Organization | undefined {
  const match = /^saml-(.+)$/.exec(queryString(req.query.connection) ?? '');
  return match?.[1] === undefined ? undefined : state.organization(match[1]);
}

export function consumeResponse(state: SpMockState, req: Request, res: Response): void {
  const body: unknown = req.body;
  const field = (name: string) =>
    typeof body === 'object' && body !== null && typeof (body as Record<string, unknown>)[name] === 'string'
      ? ((body as Record<string, unknown>)[name] as string)
      : undefined;
  const samlResponse = field('SAMLResponse') ?? '';
  const relayState = field('RelayState');
  const organization = organizationOf(state, req);
  if (organization === undefined) {
    const detail = `No organization answers to ${queryString(req.query.connection) ?? '(no connection parameter)'}.`;
    const attempt = failedAttempt({
      orgId: '',
      flow: 'idp-initiated',
      code: 'SP_CONNECTION_UNKNOWN',
      detail,
      rules: [{ code: 'SP_CONNECTION_UNKNOWN', status: 'fail', detail }],
      ...(relayState === undefined ? {} : { relayState }),
      ...(state.fixes === undefined ? {} : { fixes: state.fixes }),
    });
    state.recordAttempt(undefined, attempt);
    answerFailure(res, attempt);
    return;
  }
  const verdict = judgeResponse(organization.judged(state.publicUrl), samlResponse, {
    now: new Date(),
    outstandingRequestIds: organization.outstandingRequests,
    usedAssertionIds: organization.usedAssertionIds,
    ...(state.fixes === undefined ? {} : { fixes: state.fixes }),
    ...(state.maxResponseChars === undefined ? {} : { maxResponseChars: state.maxResponseChars }),
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
    ...(relayState === undefined ? {} : { relayState }),
    ...(samlResponse.length > 0 && samlResponse.length <= (state.maxResponseChars ?? DEFAULT_MAX_RESPONSE_CHARS) ? { responseBase64: samlResponse } : {}),
    ...(request === undefined ? {} : { authnRequestXml: request.xml }),
  });
  state.recordAttempt(organization, attempt);
  if (attempt.outcome === 'failure') answerFailure(res, attempt);
  else answerSuccess(res, attempt);
}

/** The body parser's own refusal of a body over ACS_BODY_LIMIT, recorded like any other oversized response. */
export function refuseOversizedBody(state: SpMockState) {
  return (error: unknown, req: Request, res: Response, next: NextFunction): void => {
    if (typeof error !== 'object' || error === null || (error as { type?: unknown }).type !== 'entity.too.large') {
      next(error);
      return;
    }
    const organization = organizationOf(state, req);
    const detail = `The request body is larger than ${ACS_BODY_LIMIT}.`;
    const attempt = failedAttempt({
      orgId: organization?.id ?? '',
      flow: 'idp-initiated',
      code: 'SP_REQUEST_TOO_LARGE',
      detail,
      rules: [{ code: 'SP_REQUEST_TOO_LARGE', status: 'fail', detail }],
      ...(state.fixes === undefined ? {} : { fixes: state.fixes }),
    });
    state.recordAttempt(organization, attempt);
    answerFailure(res, attempt);
  };
}
