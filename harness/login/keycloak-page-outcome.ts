/**
 * What a Keycloak page a login stopped at means: the login form again (the password was refused), the
 * "Update Account Information" form, or an error page recognised by its message. One recognition for
 * logins the harness drives (run-login.ts) and logins a user captured (check-har).
 */
import { answerForErrorPage, invalidCredentials, updateProfile } from './keycloak-answers.ts';
import type { KeycloakPage } from './keycloak-pages.ts';
import type { LoginOutcome } from './outcome.ts';

export type PageOutcome = Pick<LoginOutcome, 'result' | 'where' | 'code' | 'message' | 'seen'>;

export function keycloakPageOutcome(page: KeycloakPage, status: number, url: string): PageOutcome {
  if (page.kind === 'login-form') {
    return { result: 'failure', where: 'keycloak', ...invalidCredentials, seen: page.error ?? '' };
  }
  if (page.kind === 'update-profile') {
    return {
      result: 'failure',
      where: 'keycloak',
      ...updateProfile,
      seen: `Update Account Information${page.missing.length ? ` (missing: ${page.missing.join(', ')})` : ''}`,
    };
  }
  const text = page.kind === 'error' ? page.message : page.kind === 'unknown' ? `${page.title} ${page.text}`.trim() : '';
  const answer = answerForErrorPage(text);
  if (answer) return { result: 'failure', where: 'keycloak', code: answer.code, message: answer.message, seen: text };
  return {
    result: 'failure',
    where: page.kind === 'error' ? 'keycloak' : 'browser',
    code: page.kind === 'error' ? 'KEYCLOAK_ERROR_PAGE' : 'DRIVER_UNEXPECTED_PAGE',
    message: `Keycloak showed a page the harness does not recognise (HTTP ${status} at ${url}).`,
    seen: text,
  };
}
