/**
 * A browser without a screen: one cookie jar (tough-cookie, which keeps Keycloak's `Secure` login cookies
 * on loopback as browsers do), Node's fetch with redirects handled by hand, and every hop recorded.
 */
import { CookieJar } from 'tough-cookie';
import type { Exchange } from './har.ts';

export interface Hop {
  method: 'GET' | 'POST';
  url: string;
  status: number;
  /** Where a redirect pointed. */
  location?: string;
  /** The step that made this request. */
  step: string;
  ms: number;
}

export interface Page {
  url: string;
  status: number;
  headers: Headers;
  body: string;
}

export class HttpSession {
  readonly jar = new CookieJar();
  readonly hops: Hop[] = [];
  /** What each hop sent and got, for the HAR. */
  readonly exchanges: Exchange[] = [];
  currentStep = '';

  /** One request, no redirect followed. */
  async request(method: 'GET' | 'POST', url: string, form?: Record<string, string>): Promise<Page> {
    const started = Date.now();
    const startedAt = new Date(started);
    const headers: Record<string, string> = { accept: 'text/html,application/xhtml+xml', 'user-agent': 'saml-harness' };
    const cookie = await this.jar.getCookieString(url);
    if (cookie) headers.cookie = cookie;
    if (form) headers['content-type'] = 'application/x-www-form-urlencoded';
    const response = await fetch(url, {
      method,
      headers,
      redirect: 'manual',
      ...(form ? { body: new URLSearchParams(form).toString() } : {}),
      signal: AbortSignal.timeout(30_000),
    });
    for (const setCookie of response.headers.getSetCookie()) {
      await this.jar.setCookie(setCookie, url, { ignoreError: true });
    }
    const body = await response.text();
    const location = response.headers.get('location');
    const hop: Hop = { method, url, status: response.status, step: this.currentStep, ms: Date.now() - started };
    if (location) hop.location = new URL(location, url).toString();
    this.hops.push(hop);
    this.exchanges.push({
      started: startedAt,
      ms: hop.ms,
      method,
      url,
      requestHeaders: headers,
      ...(form ? { form } : {}),
      status: response.status,
      responseHeaders: response.headers,
      body,
      step: this.currentStep,
    });
    return { url, status: response.status, headers: response.headers, body };
  }

  /** Follows redirects (at most `limit`) and returns the page where they end. */
  async follow(page: Page, limit = 10): Promise<Page> {
    let current = page;
    for (let i = 0; i < limit && isRedirect(current.status); i++) {
      current = await this.request('GET', new URL(current.headers.get('location')!, current.url).toString());
    }
    return current;
  }
}

export function isRedirect(status: number): boolean {
  return status >= 301 && status <= 308 && status !== 304;
}
