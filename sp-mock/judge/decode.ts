/** Turns the posted SAMLResponse (base64, or XML as captured) into XML text. */

import { inflateRawSync } from 'node:zlib';
import { defaultLimits } from '../state/limits.ts';

export type DecodeResult =
  | { readonly ok: true; readonly xml: string }
  | { readonly ok: false; readonly code: 'SP_REQUEST_TOO_LARGE' | 'SP_BAD_ENCODING'; readonly detail: string };

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const utf8 = new TextDecoder('utf-8', { fatal: true });

export function decodeSamlResponse(input: string, maxChars = defaultLimits.maxResponseChars): DecodeResult {
  if (input.length > maxChars) {
    return {
      ok: false,
      code: 'SP_REQUEST_TOO_LARGE',
      detail: `The SAMLResponse has ${input.length} characters; the limit is ${maxChars}.`,
    };
  }
  const trimmed = input.trim();
  if (trimmed.startsWith('<')) return { ok: true, xml: trimmed };
  // Form posts may wrap base64 in lines; whitespace is not part of the data.
  const compact = trimmed.replace(/\s+/g, '');
  if (compact.length === 0) return { ok: false, code: 'SP_BAD_ENCODING', detail: 'The SAMLResponse is empty.' };
  if (!BASE64.test(compact) || compact.length % 4 === 1) {
    return { ok: false, code: 'SP_BAD_ENCODING', detail: 'The SAMLResponse is not valid base64.' };
  }
  const bytes = Buffer.from(compact, 'base64');
  // Before the text checks: deflated data is not UTF-8, and would be reported as that otherwise.
  if (bytes[0] !== 0x3c && looksDeflated(bytes, maxChars)) {
    return {
      ok: false,
      code: 'SP_BAD_ENCODING',
      detail: 'The SAMLResponse is deflated, as the HTTP-Redirect binding sends messages; the HTTP-POST binding sends it base64-encoded only.',
    };
  }
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return { ok: false, code: 'SP_BAD_ENCODING', detail: 'The SAMLResponse does not decode to UTF-8 text.' };
  }
  const xml = text.replace(/^\uFEFF/, '').trim();
  if (!xml.startsWith('<')) {
    const again = xml.replace(/\s+/g, '');
    const twice = BASE64.test(again) && again.length > 0 && Buffer.from(again, 'base64').toString('utf8').trimStart().startsWith('<');
    return {
      ok: false,
      code: 'SP_BAD_ENCODING',
      detail: twice
        ? 'The SAMLResponse is base64-encoded twice: decoded once, it is base64 again.'
        : 'The SAMLResponse decodes to text that is not XML.',
    };
  }
  return { ok: true, xml };
}

/** Whether `bytes` inflate (raw DEFLATE, no more than `maxChars` out) to something that starts as XML. */
function looksDeflated(bytes: Buffer, maxChars: number): boolean {
  try {
    return inflateRawSync(bytes, { maxOutputLength: maxChars }).toString('utf8').trimStart().startsWith('<');
  } catch {
    return false;
  }
}
