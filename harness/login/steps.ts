/**
 * A login is a list of small named steps. Each takes the page the browser is on and returns the next
 * page, or what it observed when the flow cannot go on. Steps only observe; the runner judges. The
 * driver (driver.ts) decides how each is done: over HTTP or in a real browser.
 */
import type { LoginDriver, LoginUser, StepResult } from './driver.ts';
import type { Page } from './http-session.ts';
import { oneTimeCode, type Authenticator } from './one-time-code.ts';

export interface StepContext {
  driver: LoginDriver;
}

export interface LoginStep {
  readonly name: string;
  perform(page: Page | undefined, context: StepContext): Promise<StepResult>;
}

export function startAtSp(loginUrl: string, email: string, relayState?: string): LoginStep {
  return { name: `start at the SP as ${email}`, perform: (_page, { driver }) => driver.startAtSp(loginUrl, email, relayState) };
}

export function openIdpInitiatedUrl(url: string): LoginStep {
  return { name: 'open the IdP-initiated SSO URL', perform: (_page, { driver }) => driver.openIdpInitiatedUrl(url) };
}

export function followToIdp(): LoginStep {
  return { name: 'follow the AuthnRequest to Keycloak', perform: (page, { driver }) => driver.followToIdp(page) };
}

/** `afterWrongPasswords`: the form shows the previous attempt's error, and the user types again. */
export function logIn(user: LoginUser, options: { afterWrongPasswords?: boolean } = {}): LoginStep {
  return { name: `log in to Keycloak as ${user.username}`, perform: (page, { driver }) => driver.logIn(page, user, { overError: options.afterWrongPasswords ?? false }) };
}

export function mistypePassword(user: LoginUser, attempt: number, of: number): LoginStep {
  const wrong = { username: user.username, password: `${user.password}-mistyped` };
  return {
    name: `type a wrong password at Keycloak (${attempt} of ${of})`,
    perform: (page, { driver }) => driver.logIn(page, wrong, { overError: attempt > 1 }),
  };
}

/** The one-time code of the user's authenticator, made now from its secret. */
export function answerOneTimeCode(device: Authenticator): LoginStep {
  return { name: 'answer the one-time code', perform: (page, { driver }) => driver.answerOneTimeCode(page, oneTimeCode(device)) };
}

export function postResponseToAcs(): LoginStep {
  return { name: 'post the SAML response to the ACS', perform: (page, { driver }) => driver.postResponseToAcs(page) };
}

export function readVerdict(): LoginStep {
  return { name: "read the SP's verdict", perform: (page, { driver }) => driver.readVerdict(page) };
}
