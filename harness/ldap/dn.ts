/**
 * Distinguished names as RFC 4514 writes them: enough to name a test directory's entries and to check a
 * base DN a caller hands us. One attribute per RDN (no `+`), values as strings (no `#04…` BER values).
 */

export interface Rdn {
  /** The attribute type, lower-cased: `dc`, `ou`, `uid`. */
  type: string;
  value: string;
}

const mustEscape = new Set(['"', '+', ',', ';', '<', '>', '\\', '=']);

/** A value as it is written inside a DN (RFC 4514 §2.4): `Smith, Jr.` → `Smith\, Jr.`. */
export function escapeDnValue(value: string): string {
  if (value === '') throw new TypeError('a DN value cannot be empty');
  const chars = [...value];
  return chars
    .map((char, index) => {
      if (char === '\0') return '\\00';
      if (mustEscape.has(char)) return `\\${char}`;
      if (index === 0 && (char === ' ' || char === '#')) return `\\${char}`;
      if (index === chars.length - 1 && char === ' ') return '\\ ';
      return char;
    })
    .join('');
}

export function formatDn(rdns: readonly Rdn[]): string {
  return rdns.map((rdn) => `${rdn.type}=${escapeDnValue(rdn.value)}`).join(',');
}

/** `'DC=Example, dc=org'` → `[{type: 'dc', value: 'Example'}, {type: 'dc', value: 'org'}]`; a TypeError when it is not a DN. */
export function parseDn(dn: string): Rdn[] {
  const rdns: Rdn[] = [];
  let rest = dn.trim();
  if (rest === '') throw new TypeError('a DN cannot be empty');
  while (rest !== '') {
    const type = /^\s*([A-Za-z][A-Za-z0-9-]*)\s*=\s*/.exec(rest);
    if (!type?.[1]) throw new TypeError(`not a DN: ${JSON.stringify(dn)} (expected attribute=value at ${JSON.stringify(rest)})`);
    rest = rest.slice(type[0].length);
    const { value, length } = readValue(rest, dn);
    rdns.push({ type: type[1].toLowerCase(), value });
    rest = rest.slice(length).trimStart();
    if (rest.startsWith('+')) throw new TypeError(`multi-valued RDNs are not supported: ${JSON.stringify(dn)}`);
    if (rest.startsWith(',') || rest.startsWith(';')) {
      rest = rest.slice(1);
      if (rest.trim() === '') throw new TypeError(`not a DN: ${JSON.stringify(dn)} (ends with a separator)`);
    } else if (rest !== '') {
      throw new TypeError(`not a DN: ${JSON.stringify(dn)}`);
    }
  }
  return rdns;
}

/** Reads one value up to an unescaped separator; returns it unescaped and how many characters it took. */
function readValue(text: string, dn: string): { value: string; length: number } {
  if (text.startsWith('#')) throw new TypeError(`BER-encoded DN values are not supported: ${JSON.stringify(dn)}`);
  const bytes: number[] = [];
  const encoder = new TextEncoder();
  let index = 0;
  let trailingSpaces = 0;
  while (index < text.length) {
    const char = text[index] as string;
    if (char === ',' || char === ';' || char === '+') break;
    if (char === '\\') {
      const hex = /^[0-9A-Fa-f]{2}/.exec(text.slice(index + 1));
      if (hex) {
        bytes.push(Number.parseInt(hex[0], 16));
        index += 3;
      } else {
        const next = text[index + 1];
        if (next === undefined) throw new TypeError(`not a DN: ${JSON.stringify(dn)} (ends with a lone backslash)`);
        bytes.push(...encoder.encode(next));
        index += 2;
      }
      trailingSpaces = 0;
      continue;
    }
    if (char === '"') throw new TypeError(`not a DN: ${JSON.stringify(dn)} (an unescaped quote)`);
    const codePoint = String.fromCodePoint(text.codePointAt(index) as number);
    bytes.push(...encoder.encode(codePoint));
    trailingSpaces = char === ' ' ? trailingSpaces + 1 : 0;
    index += codePoint.length;
  }
  // Unescaped spaces before a separator are not part of the value (RFC 4514 §3, RFC 4514 §2.4).
  const value = new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(bytes.slice(0, bytes.length - trailingSpaces)));
  if (value === '') throw new TypeError(`not a DN: ${JSON.stringify(dn)} (an empty value)`);
  return { value, length: index };
}
