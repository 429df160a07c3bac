/** `undefined`, `''`, `'/'` → `''`; `'auth'`, `'/auth/'` → `'/auth'`. */
export function normaliseRelativePath(path: string | undefined): string {
  if (!path || path === '/') return '';
  const trimmed = `/${path.replace(/^\/+|\/+$/g, '')}`;
  if (!/^\/[A-Za-z0-9._~/-]+$/.test(trimmed)) throw new TypeError(`not a URL path: ${path}`);
  return trimmed;
}

/** The same server under the name localhost: a second host name that reaches the same Keycloak (a frontend URL's stand-in). */
export function underLocalhost(baseUrl: string): string {
  const url = new URL(baseUrl);
  url.hostname = 'localhost';
  return url.toString().replace(/\/+$/, '');
}
