/**
 * HAR 1.2 (http://www.softwareishard.com/blog/har-12-spec/), as browsers' network panels save it and as
 * Atlassian's support asks for it: the HTTP driver's exchanges written as entries, and any HAR (Playwright's
 * own recording too) with the passwords typed into Keycloak's login form redacted.
 */
export interface HarHeader {
  name: string;
  value: string;
}

export interface HarEntry {
  startedDateTime: string;
  time: number;
  request: {
    method: string;
    url: string;
    httpVersion: string;
    cookies: unknown[];
    headers: HarHeader[];
    queryString: Array<{ name: string; value: string }>;
    postData?: { mimeType: string; text: string; params?: Array<{ name: string; value: string }> };
    headersSize: number;
    bodySize: number;
  };
  response: {
    status: number;
    statusText: string;
    httpVersion: string;
    cookies: unknown[];
    headers: HarHeader[];
    content: { size: number; mimeType: string; text?: string };
    redirectURL: string;
    headersSize: number;
    bodySize: number;
  };
  cache: Record<string, never>;
  timings: { send: number; wait: number; receive: number };
  /** Not in HAR 1.2 itself: custom fields start with an underscore. The step that made the request. */
  _step?: string;
}

export interface HarLog {
  log: {
    version: '1.2';
    creator: { name: string; version: string };
    entries: HarEntry[];
    [key: string]: unknown;
  };
}

/** One request and its response, as the HTTP driver saw them. */
export interface Exchange {
  started: Date;
  ms: number;
  method: string;
  url: string;
  requestHeaders: Record<string, string>;
  form?: Record<string, string>;
  status: number;
  responseHeaders: Headers;
  body: string;
  step: string;
}

export const harCreator = { name: 'saml-harness', version: '0.1.0' };

export function harFromExchanges(exchanges: readonly Exchange[]): HarLog {
  return redactPasswords({ log: { version: '1.2', creator: harCreator, entries: exchanges.map(entryOf) } });
}

function entryOf(exchange: Exchange): HarEntry {
  const url = new URL(exchange.url);
  const responseHeaders: HarHeader[] = [];
  exchange.responseHeaders.forEach((value, name) => responseHeaders.push({ name, value }));
  const form = exchange.form && new URLSearchParams(exchange.form).toString();
  const mimeType = exchange.responseHeaders.get('content-type') ?? 'text/html';
  return {
    startedDateTime: exchange.started.toISOString(),
    time: exchange.ms,
    request: {
      method: exchange.method,
      url: exchange.url,
      httpVersion: 'HTTP/1.1',
      cookies: [],
      headers: Object.entries(exchange.requestHeaders).map(([name, value]) => ({ name, value })),
      queryString: [...url.searchParams.entries()].map(([name, value]) => ({ name, value })),
      ...(form === undefined
        ? {}
        : {
            postData: {
              mimeType: 'application/x-www-form-urlencoded',
              text: form,
              params: Object.entries(exchange.form!).map(([name, value]) => ({ name, value })),
            },
          }),
      headersSize: -1,
      bodySize: form === undefined ? 0 : Buffer.byteLength(form),
    },
    response: {
      status: exchange.status,
      statusText: '',
      httpVersion: 'HTTP/1.1',
      cookies: [],
      headers: responseHeaders,
      content: { size: Buffer.byteLength(exchange.body), mimeType, text: exchange.body },
      redirectURL: exchange.responseHeaders.get('location') ?? '',
      headersSize: -1,
      bodySize: Buffer.byteLength(exchange.body),
    },
    cache: {},
    timings: { send: 0, wait: exchange.ms, receive: 0 },
    _step: exchange.step,
  };
}

const secretFields = new Set(['password', 'password-new', 'password-confirm', 'otp', 'totp']);
const redacted = '[redacted by saml-harness]';

/** The HAR with every password field of a form post (its text and its params) replaced. */
export function redactPasswords(har: HarLog): HarLog {
  for (const entry of har.log.entries) {
    const postData = entry.request.postData;
    if (!postData || !/x-www-form-urlencoded/i.test(postData.mimeType)) continue;
    const fields = new URLSearchParams(postData.text);
    let changed = false;
    for (const name of [...fields.keys()]) {
      if (secretFields.has(name.toLowerCase())) {
        fields.set(name, redacted);
        changed = true;
      }
    }
    if (changed) postData.text = fields.toString();
    if (postData.params) postData.params = postData.params.map((param) => (secretFields.has(param.name.toLowerCase()) ? { ...param, value: redacted } : param));
    else if (changed) postData.params = [...fields.entries()].map(([name, value]) => ({ name, value }));
    entry.request.bodySize = Buffer.byteLength(postData.text);
  }
  return har;
}
