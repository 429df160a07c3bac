/**
 * A login is a list of small named steps. Each takes the page the browser is on and returns the next
 * page, or what it observed when the flow cannot go on. Steps only observe; the runner judges.
 */
import * as cheerio from 'cheerio';
import { ATTEMPT_SCRIPT_ID, type LoginAttempt } from '../../sp-mock/index.ts';
import { isRedirect, type HttpSession, type Page } from './http-session.ts';
import { readKeycloakPage, type KeycloakPage } from './keycloak-pages.ts';
import { authnRequestFromRedirect, responseFromPost, type SamlMessage } from './saml-messages.ts';

export interface LoginUser {
  username: string;
  password: string;
}

export interface StepContext {
  session: HttpSession;
  messages: SamlMessage[];
}

export type Observation =
  | { kind: 'sp-attempt'; attempt: LoginAttempt }
  | { kind: 'keycloak-page'; page: KeycloakPage; status: number; url: string }
  | { kind: 'unexpected'; reason: string; status: number; url: string };

export type StepResult = { page: Page } | { observed: Observation };

export interface LoginStep {
  readonly name: string;
  perform(page: Page | undefined, context: StepContext): Promise<StepResult>;
}

/** Types an email at the SP (as at id.atlassian.com); the SP answers with a redirect to the IdP. */
export function startAtSp(loginUrl: string, email: string, relayState?: string): LoginStep {
  return {
    name: `start at the SP as ${email}`,
    async perform(_page, { session, messages }) {
      const url = new URL(loginUrl);
      url.searchParams.set('email', email);
      if (relayState) url.searchParams.set('relayState', relayState);
      const page = await session.request('GET', url.toString());
      const location = page.headers.get('location');
      const request = isRedirect(page.status) && location ? authnRequestFromRedirect(new URL(location, page.url).toString()) : undefined;
      if (request) {
        messages.push(request);
        return { page };
      }
      return observeSpPage(await session.follow(page));
    },
  };
}

/** Opens Keycloak's IdP-initiated SSO URL (`/protocol/saml/clients/<name>`). */
export function openIdpInitiatedUrl(url: string): LoginStep {
  return {
    name: 'open the IdP-initiated SSO URL',
    async perform(_page, { session }) {
      return { page: await session.follow(await session.request('GET', url)) };
    },
  };
}

export function followToIdp(): LoginStep {
  return {
    name: 'follow the AuthnRequest to Keycloak',
    async perform(page, { session }) {
      return { page: await session.follow(requirePage(page)) };
    },
  };
}

/** Fills Keycloak's login form; an existing SSO session may skip it. */
export function logIn(user: LoginUser): LoginStep {
  return {
    name: `log in to Keycloak as ${user.username}`,
    async perform(page, { session }) {
      const current = requirePage(page);
      const read = readKeycloakPage(current.body, current.url);
      if (read.kind === 'post-binding') return { page: current };
      if (read.kind !== 'login-form' || read.error) return observeKeycloak(current, read);
      const answer = await session.request('POST', read.action, { username: user.username, password: user.password, credentialId: '' });
      return { page: await session.follow(answer) };
    },
  };
}

/** Takes the auto-submitting POST-binding form and posts SAMLResponse and RelayState to the ACS. */
export function postResponseToAcs(): LoginStep {
  return {
    name: 'post the SAML response to the ACS',
    async perform(page, context) {
      const current = requirePage(page);
      const read = readKeycloakPage(current.body, current.url);
      if (read.kind !== 'post-binding') return observeKeycloak(current, read);
      context.messages.push(responseFromPost(read.action, read.samlResponse, read.relayState));
      const form: Record<string, string> = { SAMLResponse: read.samlResponse };
      if (read.relayState) form.RelayState = read.relayState;
      return { page: await context.session.follow(await context.session.request('POST', read.action, form)) };
    },
  };
}

/** Reads the SP's verdict from the page the browser lands on. */
export function readVerdict(): LoginStep {
  return {
    name: "read the SP's verdict",
    async perform(page) {
      return observeSpPage(requirePage(page));
    },
  };
}

function observeSpPage(page: Page): StepResult {
  const json = cheerio.load(page.body)(`script#${ATTEMPT_SCRIPT_ID}`).text();
  if (!json) return { observed: { kind: 'unexpected', reason: 'the SP page carries no login attempt', status: page.status, url: page.url } };
  return { observed: { kind: 'sp-attempt', attempt: JSON.parse(json) as LoginAttempt } };
}

function observeKeycloak(page: Page, read: KeycloakPage): StepResult {
  return { observed: { kind: 'keycloak-page', page: read, status: page.status, url: page.url } };
}

function requirePage(page: Page | undefined): Page {
  if (!page) throw new TypeError('this step needs the page a previous step reached');
  return page;
}
