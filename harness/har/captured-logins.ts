/**
 * The SAML logins in a captured browser session: each starts where an AuthnRequest crosses the browser
 * (Atlassian's HTTP-Redirect, or a POST binding) or, IdP-initiated, where a SAMLResponse is posted with no
 * request before it. For each: the request, Keycloak's hops and the page it stopped at, the response
 * posted to Atlassian's ACS, and what Atlassian answered.
 */
import { inflateRawSync } from 'node:zlib';
import { DOMParser } from '@xmldom/xmldom';
import * as cheerio from 'cheerio';
import { readKeycloakPage, type KeycloakPage } from '../login/keycloak-pages.ts';
import type { CapturedExchange } from './har-file.ts';

export interface CapturedAuthnRequest {
  readonly exchange: CapturedExchange;
  readonly binding: 'HTTP-Redirect' | 'HTTP-POST';
  /** Where it was sent: Keycloak's SSO URL, without the query. */
  readonly ssoUrl: string;
  readonly id?: string;
  readonly issuer?: string;
  readonly acsUrl?: string;
  readonly xml: string;
}

export interface CapturedSamlResponse {
  /** The POST that carried it; absent when only Keycloak's POST-binding page was captured. */
  readonly exchange?: CapturedExchange;
  readonly acsUrl: string;
  readonly samlResponse: string;
  readonly relayState?: string;
}

export interface AtlassianAnswerCaptured {
  readonly exchange: CapturedExchange;
  readonly error?: string;
  readonly errorDescription?: string;
  /** The text of the page shown after the POST, when the file kept it. */
  readonly pageText?: string;
}

export interface CapturedLogin {
  /** 1 for the file's first login. */
  readonly number: number;
  readonly exchanges: readonly CapturedExchange[];
  readonly authnRequest?: CapturedAuthnRequest;
  /** Keycloak's origin: the AuthnRequest's destination, or where the POST-binding page came from. */
  readonly keycloakOrigin?: string;
  /** The last Keycloak page, when the login stopped at Keycloak (no response was posted). */
  readonly keycloakPage?: { readonly exchange: CapturedExchange; readonly page: KeycloakPage };
  readonly response?: CapturedSamlResponse;
  readonly atlassianAnswer?: AtlassianAnswerCaptured;
}

export function findLogins(exchanges: readonly CapturedExchange[]): CapturedLogin[] {
  const segments: CapturedExchange[][] = [];
  let current: CapturedExchange[] = [];
  let hasRequest = false;
  let hasResponse = false;
  for (const exchange of exchanges) {
    // A login starts at an AuthnRequest or at Keycloak's IdP-initiated SSO URL; a second response posted starts one too.
    const startsRequest = authnRequestOf(exchange) !== undefined || idpInitiatedUrl.test(exchange.url);
    const postsResponse = samlResponseField(exchange) !== undefined;
    if ((startsRequest && (hasRequest || hasResponse)) || (postsResponse && hasResponse)) {
      // The SP's redirect that sent the browser to this request belongs to the new login.
      const sentHere = current.at(-1)?.location === exchange.url ? current.pop() : undefined;
      segments.push(current);
      current = sentHere ? [sentHere] : [];
      hasRequest = false;
      hasResponse = false;
    }
    current.push(exchange);
    hasRequest ||= startsRequest;
    hasResponse ||= postsResponse;
  }
  segments.push(current);
  return segments.filter((segment) => segment.some(isSaml) || segment.some(isKeycloakPage)).map((segment, index) => loginOf(segment, index + 1));
}

const idpInitiatedUrl = /\/realms\/[^/?]+\/protocol\/saml\/clients\/[^/?]+/;

function isSaml(exchange: CapturedExchange): boolean {
  return authnRequestOf(exchange) !== undefined || samlResponseField(exchange) !== undefined || postBindingPage(exchange) !== undefined;
}

function isKeycloakPage(exchange: CapturedExchange): boolean {
  return /\/realms\/[^/]+\/(protocol\/saml|login-actions)/.test(exchange.url);
}

function loginOf(exchanges: CapturedExchange[], number: number): CapturedLogin {
  const requestExchange = exchanges.find((exchange) => authnRequestOf(exchange) !== undefined);
  const authnRequest = requestExchange ? authnRequestOf(requestExchange) : undefined;
  const posted = exchanges.find((exchange) => samlResponseField(exchange) !== undefined);
  const page = exchanges.map((exchange) => ({ exchange, page: postBindingPage(exchange) })).find((found) => found.page !== undefined);
  const keycloakOrigin = authnRequest ? new URL(authnRequest.ssoUrl).origin : page ? new URL(page.exchange.url).origin : originOfRealmPages(exchanges);
  const response: CapturedSamlResponse | undefined = posted
    ? {
        exchange: posted,
        acsUrl: posted.url,
        samlResponse: samlResponseField(posted)!,
        ...(posted.form?.get('RelayState') ? { relayState: posted.form.get('RelayState')! } : {}),
      }
    : page?.page
      ? { acsUrl: page.page.action, samlResponse: page.page.samlResponse, ...(page.page.relayState ? { relayState: page.page.relayState } : {}) }
      : undefined;
  const stoppedAt = response || !keycloakOrigin ? undefined : lastKeycloakPage(exchanges, keycloakOrigin);
  const answer = posted ? atlassianAnswerAfter(exchanges, posted) : undefined;
  return {
    number,
    exchanges,
    ...(authnRequest ? { authnRequest } : {}),
    ...(keycloakOrigin ? { keycloakOrigin } : {}),
    ...(stoppedAt ? { keycloakPage: stoppedAt } : {}),
    ...(response ? { response } : {}),
    ...(answer ? { atlassianAnswer: answer } : {}),
  };
}

/** Each exchange is read once (inflated, parsed), however many times the splitting and the login ask. */
const readings = new WeakMap<CapturedExchange, { authnRequest?: CapturedAuthnRequest | undefined; postBinding?: ReturnType<typeof readPostBindingPage> }>();
function reading(exchange: CapturedExchange) {
  let read = readings.get(exchange);
  if (!read) readings.set(exchange, (read = {}));
  return read;
}

function authnRequestOf(exchange: CapturedExchange): CapturedAuthnRequest | undefined {
  const read = reading(exchange);
  if (!('authnRequest' in read)) read.authnRequest = readAuthnRequest(exchange);
  return read.authnRequest;
}

function postBindingPage(exchange: CapturedExchange): Extract<KeycloakPage, { kind: 'post-binding' }> | undefined {
  const read = reading(exchange);
  if (!('postBinding' in read)) read.postBinding = readPostBindingPage(exchange);
  return read.postBinding;
}

function readAuthnRequest(exchange: CapturedExchange): CapturedAuthnRequest | undefined {
  const url = safeUrl(exchange.url);
  if (!url) return undefined;
  const redirected = url.searchParams.get('SAMLRequest');
  const posted = exchange.method === 'POST' ? exchange.form?.get('SAMLRequest') : undefined;
  const encoded = redirected ?? posted;
  if (!encoded) return undefined;
  const xml = redirected ? inflated(encoded) : Buffer.from(encoded, 'base64').toString('utf8');
  if (xml === undefined) return undefined;
  const document = new DOMParser({ errorHandler: { warning: () => undefined, error: () => undefined, fatalError: () => undefined } }).parseFromString(xml, 'text/xml');
  const root = document.documentElement;
  const issuer = root ? elementsNamed(root, 'Issuer')[0]?.textContent?.trim() : undefined;
  return {
    exchange,
    binding: redirected ? 'HTTP-Redirect' : 'HTTP-POST',
    ssoUrl: `${url.origin}${url.pathname}`,
    ...(root?.getAttribute('ID') ? { id: root.getAttribute('ID')! } : {}),
    ...(issuer ? { issuer } : {}),
    ...(root?.getAttribute('AssertionConsumerServiceURL') ? { acsUrl: root.getAttribute('AssertionConsumerServiceURL')! } : {}),
    xml,
  };
}

function inflated(encoded: string): string | undefined {
  try {
    return inflateRawSync(Buffer.from(encoded, 'base64')).toString('utf8');
  } catch {
    return undefined;
  }
}

function elementsNamed(root: Element, localName: string): Element[] {
  return Array.from(root.getElementsByTagNameNS('*', localName));
}

function samlResponseField(exchange: CapturedExchange): string | undefined {
  return exchange.method === 'POST' ? (exchange.form?.get('SAMLResponse') ?? undefined) : undefined;
}

function readPostBindingPage(exchange: CapturedExchange): Extract<KeycloakPage, { kind: 'post-binding' }> | undefined {
  if (!exchange.body?.includes('SAMLResponse')) return undefined;
  const page = readKeycloakPage(exchange.body, exchange.url);
  return page.kind === 'post-binding' && page.samlResponse ? page : undefined;
}

function originOfRealmPages(exchanges: readonly CapturedExchange[]): string | undefined {
  const page = exchanges.find(isKeycloakPage);
  return page ? new URL(page.url).origin : undefined;
}

function lastKeycloakPage(exchanges: readonly CapturedExchange[], origin: string): CapturedLogin['keycloakPage'] {
  const pages = exchanges.filter((exchange) => safeUrl(exchange.url)?.origin === origin && exchange.body && /html/i.test(exchange.mimeType ?? 'text/html') && !exchange.url.includes('/resources/'));
  const last = pages.at(-1);
  return last ? { exchange: last, page: readKeycloakPage(last.body!, last.url) } : undefined;
}

/** Atlassian's words after the POST: `error`/`error_description` in a redirect, else the page it showed. */
function atlassianAnswerAfter(exchanges: readonly CapturedExchange[], posted: CapturedExchange): AtlassianAnswerCaptured | undefined {
  return answerIn(exchanges.slice(exchanges.indexOf(posted)), posted);
}

/** What Atlassian answered in a capture with no SAML at all: it refused the email typed at its login page. */
export function atlassianAnswerBeforeSaml(exchanges: readonly CapturedExchange[]): AtlassianAnswerCaptured | undefined {
  return answerIn(exchanges, undefined);
}

function answerIn(after: readonly CapturedExchange[], posted: CapturedExchange | undefined): AtlassianAnswerCaptured | undefined {
  for (const exchange of after) {
    for (const url of [exchange.location, exchange === posted ? undefined : exchange.url]) {
      const query = url ? safeUrl(url)?.searchParams : undefined;
      if (query?.has('error_description') || query?.has('error')) {
        return {
          exchange,
          ...(query.get('error') ? { error: query.get('error')! } : {}),
          ...(query.get('error_description') ? { errorDescription: query.get('error_description')! } : {}),
        };
      }
    }
  }
  const shown = after.filter((exchange) => exchange !== posted && exchange.body && /html/i.test(exchange.mimeType ?? '')).at(-1);
  return shown ? { exchange: shown, pageText: cheerio.load(shown.body!)('body').text().replace(/\s+/g, ' ').trim().slice(0, 2000) } : undefined;
}

function safeUrl(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}
