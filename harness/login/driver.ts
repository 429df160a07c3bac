/**
 * What drives a login: the HTTP driver (Node's fetch and a cookie jar, the fast default) or a real
 * Chromium (Keycloak's pages with their JavaScript and the browser's cookie rules). The steps are the
 * same for both (steps.ts); each driver does what a user's browser would at each of them, and reports
 * the page it reached or what it observed there. The runner judges (run-login.ts).
 */
import type { LoginAttempt } from '../../sp-mock/index.ts';
import type { Hop, Page } from './http-session.ts';
import type { KeycloakPage } from './keycloak-pages.ts';
import type { SamlMessage } from './saml-messages.ts';
import type { HarLog } from './har.ts';
import type { Authenticator } from './one-time-code.ts';

export interface LoginUser {
  username: string;
  password: string;
  /** The user's authenticator, which answers Keycloak's one-time codes. */
  authenticator?: Authenticator;
}

export type Observation =
  | { kind: 'sp-attempt'; attempt: LoginAttempt }
  | { kind: 'keycloak-page'; page: KeycloakPage; status: number; url: string }
  | { kind: 'unexpected'; reason: string; status: number; url: string };

export type StepResult = { page: Page } | { observed: Observation };

export type DriverName = 'http' | 'browser';

export interface LoginDriver {
  readonly name: DriverName;
  /** Every request of the login, in order. */
  readonly hops: Hop[];
  /** The SAML messages that crossed the browser. */
  readonly messages: SamlMessage[];
  /** The step now running, recorded with each hop. */
  currentStep: string;
  /** Types an email at the SP (as at id.atlassian.com); the SP sends the browser to the IdP. */
  startAtSp(loginUrl: string, email: string, relayState?: string): Promise<StepResult>;
  followToIdp(page: Page | undefined): Promise<StepResult>;
  /** Opens Keycloak's IdP-initiated SSO URL (`/protocol/saml/clients/<name>`). */
  openIdpInitiatedUrl(url: string): Promise<StepResult>;
  /**
   * Fills Keycloak's login form; an existing SSO session may skip it. A form that shows an error is a
   * verdict, unless `overError` (the user types again after a wrong password).
   */
  logIn(page: Page | undefined, user: LoginUser, options?: { overError?: boolean }): Promise<StepResult>;
  /** Fills Keycloak's one-time-code form, when the login reached it. */
  answerOneTimeCode(page: Page | undefined, code: () => string): Promise<StepResult>;
  /** The POST-binding form that carries the SAMLResponse to the ACS. */
  postResponseToAcs(page: Page | undefined): Promise<StepResult>;
  /** Reads the SP's verdict from the page the browser landed on. */
  readVerdict(page: Page | undefined): Promise<StepResult>;
  clearCookies(): Promise<void>;
  /** What the user sees now, as a JPEG; undefined where nothing is drawn (the HTTP driver). */
  screenshot(): Promise<Buffer | undefined>;
  /** The login as HAR 1.2, passwords typed into Keycloak's form redacted. */
  har(): Promise<HarLog>;
  close(): Promise<void>;
}

export function requirePage(page: Page | undefined): Page {
  if (!page) throw new TypeError('this step needs the page a previous step reached');
  return page;
}
