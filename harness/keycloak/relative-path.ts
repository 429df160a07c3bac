/** `undefined`, `''`, `'/'` → `''`; `'auth'`, `'/auth/'` → `'/auth'`. */
export function normaliseRelativePath(path: string | undefined): string {
  if (!path || path === '/') return '';
  const trimmed = `/${path.replace(/^\/+|\/+$/g, '')}`;
  if (!/^\/[A-Za-z0-9._~/-]+$/.test(trimmed)) throw new TypeError(`not a URL path: ${path}`);
  return trimmed;
}
