/** Entries written as LDIF (RFC 2849), the form `ldapadd` reads. */

export interface LdapEntry {
  dn: string;
  /** In order; an attribute with several values appears once per value. */
  attributes: ReadonlyArray<readonly [name: string, value: string]>;
}

/** One LDIF file: the entries, parents first, separated by blank lines. */
export function toLdif(entries: readonly LdapEntry[]): string {
  const blocks = entries.map((entry) =>
    [ldifLine('dn', entry.dn), ...entry.attributes.map(([name, value]) => ldifLine(name, value))].join('\n'),
  );
  return `${blocks.join('\n\n')}\n`;
}

/**
 * `name: value` when the value is an RFC 2849 SAFE-STRING, else `name:: <base64>`: non-ASCII, line
 * breaks and NUL anywhere; a leading space, colon or `<`; a trailing space (which readers may drop).
 */
export function ldifLine(name: string, value: string): string {
  return isSafeString(value) ? `${name}: ${value}` : `${name}:: ${Buffer.from(value, 'utf8').toString('base64')}`;
}

function isSafeString(value: string): boolean {
  if (value === '') return true;
  if (/^[ :<]/.test(value) || value.endsWith(' ')) return false;
  return /^[\x01-\x09\x0b\x0c\x0e-\x7f]*$/.test(value);
}
