/**
 * A SAMLResponse as people capture it in a browser: the base64 value of the POST form (possibly wrapped
 * in lines), that value URL-encoded, the whole form body or the developer tools' "SAMLResponse: …" line,
 * or the XML a SAML tracer shows.
 */

export type CapturedForm = 'base64' | 'url-encoded' | 'form' | 'xml';

export interface CapturedResponse {
  /** Base64 or XML, as sp-mock's judge takes it. */
  readonly samlResponse: string;
  readonly form: CapturedForm;
  readonly relayState?: string;
}

const PERCENT_ESCAPE = /%[0-9A-Fa-f]{2}/;

function formField(text: string, name: string): string | undefined {
  return new RegExp(`(?:^|[&\\s])${name}\\s*[=:]\\s*([^&\\s]+)`).exec(text)?.[1];
}

/**
 * Percent-escapes are undone; a `+` is kept as it is, never read as a space: base64 has no spaces, and
 * tools that copy form values often leave its `+` unescaped.
 */
function percentDecoded(value: string): string {
  if (!PERCENT_ESCAPE.test(value)) return value;
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

export function readCapturedResponse(text: string): CapturedResponse {
  const trimmed = text.replace(/^\uFEFF/, '').trim();
  if (trimmed.startsWith('<')) return { samlResponse: trimmed, form: 'xml' };
  const field = formField(trimmed, 'SAMLResponse');
  if (field !== undefined) {
    const relayState = formField(trimmed, 'RelayState');
    return {
      samlResponse: percentDecoded(field),
      form: 'form',
      ...(relayState === undefined ? {} : { relayState: percentDecoded(relayState) }),
    };
  }
  if (PERCENT_ESCAPE.test(trimmed)) return { samlResponse: percentDecoded(trimmed), form: 'url-encoded' };
  return { samlResponse: trimmed, form: 'base64' };
}

/** The XML inside, for reading and showing; undefined when it does not decode to XML (the judge says why). */
export function capturedXml(captured: CapturedResponse): string | undefined {
  if (captured.form === 'xml') return captured.samlResponse;
  const xml = Buffer.from(captured.samlResponse.replace(/\s+/g, ''), 'base64').toString('utf8').replace(/^\uFEFF/, '').trim();
  return xml.startsWith('<') ? xml : undefined;
}
