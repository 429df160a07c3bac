/** Turns the posted SAMLResponse (base64, or XML as captured) into XML text. */

/** The largest SAMLResponse accepted, in characters (about 300 KB of XML once decoded). */
export const DEFAULT_MAX_RESPONSE_CHARS = 400_000;

export type DecodeResult =
  | { readonly ok: true; readonly xml: string }
  | { readonly ok: false; readonly code: 'SP_REQUEST_TOO_LARGE' | 'SP_BAD_ENCODING'; readonly detail: string };

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const utf8 = new TextDecoder('utf-8', { fatal: true });

export function decodeSamlResponse(input: string, maxChars = DEFAULT_MAX_RESPONSE_CHARS): DecodeResult {
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
  let text: string;
  try {
    text = utf8.decode(Buffer.from(compact, 'base64'));
  } catch {
    return { ok: false, code: 'SP_BAD_ENCODING', detail: 'The SAMLResponse does not decode to UTF-8 text.' };
  }
  const xml = text.replace(/^\uFEFF/, '').trim();
  if (!xml.startsWith('<')) {
    return {
      ok: false,
      code: 'SP_BAD_ENCODING',
      detail: 'The SAMLResponse decodes to text that is not XML (it may be deflated, as in the Redirect binding, or encoded twice).',
    };
  }
  return { ok: true, xml };
}
