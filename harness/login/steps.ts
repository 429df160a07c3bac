/**
 * A login is a list of small named steps. Each takes the page the browser is on and returns the next
 * page, or what it observed when the flow cannot go on. Steps only observe; the runner judges. The
 * driver (driver.ts) decides how each is done: over HTTP or in a real browser.
 */
import type { LoginDriver, LoginUser, StepResult } from './driver.ts';
import type { Page } from './http-session.ts';

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

export function logIn(user: LoginUser): LoginStep {
  return { name: `log in to Keycloak as ${user.username}`, perform: (page, { driver }) => driver.logIn(page, user) };
}

export function postResponseToAcs(): LoginStep {
  return { name: 'post the SAML response to the ACS', perform: (page, { driver }) => driver.postResponseToAcs(page) };
}

export function readVerdict(): LoginStep {
  return { name: "read the SP's verdict", perform: (page, { driver }) => driver.readVerdict(page) };
}
