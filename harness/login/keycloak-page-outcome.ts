/**
 * What a Keycloak page a login stopped at means, by the message keys it shows: its message first, then
 * its heading (a required action's form), then its body; the login form's own message (a wrong
 * password, a disabled or locked-out user); and Keycloak's event log line where the page does not tell.
 * One recognition for logins the harness drives (run-login.ts) and logins a user captured (check-har).
 */
import { loginMessageKeys } from '../keycloak/login-messages.ts';
import type { KeycloakEvent } from '../keycloak/event-log.ts';
import { answerForMessageKeys, answerInContext, answerForServerText, invalidCredentials, otpRequired, updateProfile, type KeycloakAnswer } from './keycloak-answers.ts';
import type { KeycloakPage } from './keycloak-pages.ts';
import type { LoginOutcome } from './outcome.ts';

export type PageOutcome = Pick<LoginOutcome, 'result' | 'where' | 'code' | 'message' | 'seen'>;

export interface PageContext {
  /** Keycloak's event log lines for this login, newest last. */
  events?: readonly KeycloakEvent[];
}

export function keycloakPageOutcome(page: KeycloakPage, status: number, url: string, context: PageContext = {}): PageOutcome {
  // Any version's words count: a key's text is its own in every version the harness knows.
  const keys = (shown: string | undefined, exact = true) => (shown ? loginMessageKeys(shown, { exact }) : []);
  const failure = (answer: KeycloakAnswer, seen: string): PageOutcome => {
    const chosen = answerInContext(answer, { url, events: context.events ?? [] });
    return { result: 'failure', where: 'keycloak', code: chosen.code, message: chosen.message, seen };
  };
  switch (page.kind) {
    case 'login-form':
      return failure(answerForMessageKeys(keys(page.error)) ?? invalidCredentials, page.error ?? '');
    case 'otp-form':
      return failure(page.error ? (answerForMessageKeys(keys(page.error)) ?? otpRequired) : otpRequired, page.error ?? 'One-time code');
    case 'update-profile':
      return failure(updateProfile, `Update Account Information${page.missing.length ? ` (missing: ${page.missing.join(', ')})` : ''}`);
    case 'post-binding':
      return { result: 'failure', where: 'browser', code: 'DRIVER_UNEXPECTED_PAGE', message: `The POST-binding form to ${page.action} was not sent.`, seen: '' };
    case 'error':
    case 'unknown': {
      const message = page.kind === 'error' ? page.message : undefined;
      const body = page.kind === 'unknown' ? `${page.title} ${page.text}`.trim() : '';
      // An error page's heading is Keycloak's "We are sorry...": its message says it all.
      const seen = message ?? page.heading ?? body;
      const answer =
        answerForMessageKeys(keys(message)) ??
        answerForMessageKeys(keys(page.heading)) ??
        answerForMessageKeys(keys(body, false)) ??
        answerForServerText(message ?? body);
      if (answer) return failure(answer, seen);
      return {
        result: 'failure',
        where: page.kind === 'error' ? 'keycloak' : 'browser',
        code: page.kind === 'error' ? 'KEYCLOAK_ERROR_PAGE' : 'DRIVER_UNEXPECTED_PAGE',
        message: `Keycloak showed a page the harness does not recognise (HTTP ${status} at ${url}).`,
        seen,
      };
    }
  }
}
