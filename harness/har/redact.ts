/**
 * What a captured login must never carry into the harness's output: passwords, tokens, codes and
 * session identifiers in URLs. (Headers and cookies are never printed at all; form bodies neither.)
 */
const secretParameters = /^(password|passwd|pwd|pass|otp|totp|token|access_token|id_token|refresh_token|code|client_secret|session_state|session_code|ticket|api_key|apikey|key)$/i;
export const redactedValue = '[redacted]';

export function redactedUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return url;
  }
  let changed = false;
  for (const name of [...parsed.searchParams.keys()]) {
    if (secretParameters.test(name)) {
      parsed.searchParams.set(name, redactedValue);
      changed = true;
    }
  }
  if (parsed.username || parsed.password) {
    parsed.username = '';
    parsed.password = '';
    changed = true;
  }
  return changed ? parsed.toString() : url;
}

/** Every secret of the capture replaced wherever it shows (a session cookie may also be a URL's value). */
export function scrubbed(text: string, secrets: ReadonlySet<string>): string {
  let result = text;
  for (const secret of [...secrets].sort((a, b) => b.length - a.length)) {
    result = result.split(secret).join(redactedValue);
    const encoded = encodeURIComponent(secret);
    if (encoded !== secret) result = result.split(encoded).join(redactedValue);
  }
  return result;
}
