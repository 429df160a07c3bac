/**
 * A HAR file as browsers save it (Chromium, Firefox, Safari) and as the harness's reports write it,
 * read leniently: only what a login's diagnosis needs is required (each entry's request method and URL
 * and its response status); bodies may be missing, truncated or base64 (`content.encoding`), headers and
 * timings absent. Entries come back in the order they were started.
 */
import { z } from 'zod';
import { HarnessError } from '../errors.ts';
import { readUserFile } from '../yaml-file.ts';

const nameValue = z.object({ name: z.string(), value: z.string().optional().default('') });
const headers = z.array(nameValue).optional().default([]);

const entrySchema = z.object({
  startedDateTime: z.string().optional(),
  /** Chromium's DevTools: document, stylesheet, script, image, font, xhr… */
  _resourceType: z.string().optional(),
  request: z.object({
    method: z.string(),
    url: z.string(),
    headers,
    cookies: z.array(nameValue).optional().default([]),
    postData: z.object({ mimeType: z.string().optional(), text: z.string().optional(), params: z.array(nameValue).optional() }).optional(),
  }),
  response: z.object({
    status: z.number(),
    headers,
    cookies: z.array(nameValue).optional().default([]),
    redirectURL: z.string().optional(),
    content: z.object({ mimeType: z.string().optional(), text: z.string().optional(), encoding: z.string().optional() }).optional(),
  }),
});

const harSchema = z.object({ log: z.object({ entries: z.array(entrySchema) }) });

/** One request and its answer, as much of it as the file holds. */
export interface CapturedExchange {
  readonly index: number;
  readonly started?: string;
  readonly method: string;
  readonly url: string;
  /** The form fields of a url-encoded POST. */
  readonly form?: URLSearchParams;
  readonly status: number;
  /** Where a redirect sent the browser: `redirectURL`, else the Location header; absolute. */
  readonly location?: string;
  readonly mimeType?: string;
  /** What the browser fetched it as, where the file says (Chromium's `_resourceType`). */
  readonly resourceType?: string;
  /** The response body as text, when the file kept it. */
  readonly body?: string;
}

export interface CapturedSession {
  readonly exchanges: CapturedExchange[];
  /** Values the capture holds that no output may repeat: cookies, authorization headers, typed passwords. */
  readonly secrets: ReadonlySet<string>;
}

export function readHarText(text: string, file: string): CapturedSession {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw notAHar(file, `it is not JSON (${(error as Error).message})`);
  }
  const parsed = harSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw notAHar(file, `it has no HAR log here: ${issue.path.join('.') || 'the top level'}: ${issue.message}`);
  }
  const secrets = new Set<string>();
  const exchanges = parsed.data.log.entries.map((entry, index): CapturedExchange => {
    for (const value of secretsOf(entry)) secrets.add(value);
    const location = entry.response.redirectURL || entry.response.headers.find((header) => header.name.toLowerCase() === 'location')?.value;
    const form = formOf(entry.request.postData);
    const body = bodyOf(entry.response.content);
    return {
      index,
      ...(entry.startedDateTime ? { started: entry.startedDateTime } : {}),
      method: entry.request.method.toUpperCase(),
      url: entry.request.url,
      ...(form ? { form } : {}),
      status: entry.response.status,
      ...(location ? { location: absolute(location, entry.request.url) } : {}),
      ...(entry.response.content?.mimeType ? { mimeType: entry.response.content.mimeType } : {}),
      ...(entry._resourceType ? { resourceType: entry._resourceType } : {}),
      ...(body === undefined ? {} : { body }),
    };
  });
  // Browsers write entries in order of start; a merged or edited file may not be.
  exchanges.sort((a, b) => (a.started && b.started ? Date.parse(a.started) - Date.parse(b.started) : 0) || a.index - b.index);
  return { exchanges, secrets };
}

/** Short values are left: a cookie `0` or `true` is no secret, and scrubbing it would garble the output. */
const shortestSecret = 6;
const secretFields = /^(password|password-new|password-confirm|otp|totp|client_secret)$/i;

function secretsOf(entry: z.infer<typeof entrySchema>): string[] {
  const found: string[] = [];
  const cookiePairs = (header: string) => header.split(/;\s*/).map((pair) => pair.split('=').slice(1).join('='));
  for (const header of entry.request.headers) {
    const name = header.name.toLowerCase();
    if (name === 'cookie') found.push(...cookiePairs(header.value));
    if (name === 'authorization' || name === 'proxy-authorization') found.push(header.value, header.value.replace(/^\S+\s+/, ''));
  }
  for (const header of entry.response.headers) {
    if (header.name.toLowerCase() === 'set-cookie') for (const line of header.value.split('\n')) found.push(cookiePairs(line.split(';')[0]!)[0] ?? '');
  }
  for (const cookie of [...entry.request.cookies, ...entry.response.cookies]) found.push(cookie.value);
  for (const [name, value] of formOf(entry.request.postData) ?? []) if (secretFields.test(name)) found.push(value);
  return found.filter((value) => value.length >= shortestSecret && !/^\[redacted/.test(value));
}

export function readHarFile(file: string): CapturedSession {
  const text = readUserFile(file, (reason, cause) => new HarnessError('USAGE', `Cannot read the HAR file ${file}: ${reason}`, 'Check the path.', { cause }));
  return readHarText(text, file);
}

function notAHar(file: string, why: string): HarnessError {
  return new HarnessError(
    'HAR_UNREADABLE',
    `${file} is not a HAR file: ${why}`,
    "Save the login from the browser's developer tools: Network tab, tick Preserve log, log in, then Export HAR (Chromium: the download arrow; Firefox: Save All As HAR).",
  );
}

function formOf(postData: z.infer<typeof entrySchema>['request']['postData']): URLSearchParams | undefined {
  if (!postData) return undefined;
  const urlEncoded = !postData.mimeType || /x-www-form-urlencoded/i.test(postData.mimeType);
  if (postData.text && urlEncoded) return new URLSearchParams(postData.text);
  // Only the parsed fields: Firefox leaves them percent-encoded, Chromium decodes them.
  if (postData.params?.length) return new URLSearchParams(postData.params.map((param) => [param.name, decodeLoosely(param.value)]));
  return undefined;
}

/** Undoes a percent-encoding only where there is one; a `+` stays (base64 has no spaces). */
function decodeLoosely(value: string): string {
  if (!/%[0-9A-Fa-f]{2}/.test(value)) return value;
  try {
    return decodeURIComponent(value.replace(/\+/g, '%2B'));
  } catch {
    return value;
  }
}

function bodyOf(content: z.infer<typeof entrySchema>['response']['content']): string | undefined {
  if (content?.text === undefined) return undefined;
  if (content.encoding?.toLowerCase() === 'base64') return Buffer.from(content.text, 'base64').toString('utf8');
  return content.text;
}

function absolute(location: string, base: string): string {
  try {
    return new URL(location, base).toString();
  } catch {
    return location;
  }
}
