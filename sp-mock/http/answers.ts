/** How the SP answers the browser after a login attempt: Atlassian's redirects, plus the attempt id. */
import type { Response } from 'express';
import type { LoginAttempt } from '../model/login-attempt.ts';
import { ATTEMPT_HEADER } from './pages.ts';

export const SESSION_COOKIE = 'saml_harness_session';

/** 302 to the error page, with `error` and `error_description` where Atlassian gives them. */
export function answerFailure(res: Response, attempt: LoginAttempt): void {
  const error = attempt.atlassianError;
  const query = [`attempt=${encodeURIComponent(attempt.id)}`];
  if (error?.error !== undefined) query.push(`error=${encodeURIComponent(error.error)}`);
  if (error?.errorDescription !== undefined) query.push(`error_description=${encodeURIComponent(error.errorDescription)}`);
  res.set(ATTEMPT_HEADER, attempt.id).redirect(302, `/login/error?${query.join('&')}`);
}

/** 302 to the page showing who logged in, with a session cookie. */
export function answerSuccess(res: Response, attempt: LoginAttempt): void {
  res
    .set(ATTEMPT_HEADER, attempt.id)
    .cookie(SESSION_COOKIE, attempt.id, { httpOnly: true, sameSite: 'lax', path: '/' })
    .redirect(302, `/login/success?attempt=${encodeURIComponent(attempt.id)}`);
}
