/** DN values are escaped and read back as RFC 4514 says; vectors cite its §4 examples. */
import { describe, expect, it } from 'vitest';
import { escapeDnValue, formatDn, parseDn } from '../../../harness/ldap/dn.ts';

describe('escapeDnValue', () => {
  it.each([
    ['plain text is left alone', 'Alice Liddell', 'Alice Liddell'],
    ['RFC 4514 §4: a comma and quotes are escaped', 'James "Jim" Smith, III', 'James \\"Jim\\" Smith\\, III'],
    ['plus, semicolon, angle brackets, equals and backslash are escaped', 'a+b;c<d>e=f\\g', 'a\\+b\\;c\\<d\\>e\\=f\\\\g'],
    ['a leading space and a leading # are escaped', ' #x', '\\ #x'],
    ['a leading # is escaped', '#x', '\\#x'],
    ['a trailing space is escaped', 'x ', 'x\\ '],
    ['a single space is escaped once', ' ', '\\ '],
    ['a trailing space after a backslash is still escaped', 'a\\ ', 'a\\\\\\ '],
    ['NUL becomes \\00', 'a\0b', 'a\\00b'],
    ['non-ASCII stays as UTF-8 text', 'Zoë Ünal', 'Zoë Ünal'],
  ])('%s', (_title, value, escaped) => {
    expect(escapeDnValue(value)).toBe(escaped);
  });

  it('an empty value is a TypeError', () => {
    expect(() => escapeDnValue('')).toThrow(TypeError);
  });
});

describe('parseDn', () => {
  it('RFC 4514 §4: CN=Steve Kille,O=Isode Limited,C=GB', () => {
    expect(parseDn('CN=Steve Kille,O=Isode Limited,C=GB')).toEqual([
      { type: 'cn', value: 'Steve Kille' },
      { type: 'o', value: 'Isode Limited' },
      { type: 'c', value: 'GB' },
    ]);
  });

  it('RFC 4514 §4: escaped quotes and comma, and hex pairs as UTF-8 (Lučić)', () => {
    expect(parseDn('CN=James \\"Jim\\" Smith\\, III,DC=example,DC=net')[0]?.value).toBe('James "Jim" Smith, III');
    expect(parseDn('CN=Before\\0DAfter,DC=example,DC=net')[0]?.value).toBe('Before\rAfter');
    expect(parseDn('CN=Lu\\C4\\8Di\\C4\\87')[0]?.value).toBe('Lučić');
  });

  it('spaces around separators are not part of values; escaped ones are', () => {
    expect(parseDn(' DC=Example , dc=org ')).toEqual([
      { type: 'dc', value: 'Example' },
      { type: 'dc', value: 'org' },
    ]);
    expect(parseDn('ou=x\\ ,dc=org')[0]?.value).toBe('x ');
  });

  it.each([
    ['an empty string', ''],
    ['a value without a type', 'example,dc=org'],
    ['an empty value', 'dc=,dc=org'],
    ['a trailing separator', 'dc=example,'],
    ['a multi-valued RDN (RFC 4514 §4: OU=Sales+CN=J. Smith)', 'OU=Sales+CN=J. Smith,DC=example,DC=net'],
    ['a BER value (RFC 4514 §4: 1.3.6.1.4.1.1466.0=#04024869)', 'cn=#04024869,DC=example,DC=com'],
    ['a lone backslash at the end', 'cn=x\\'],
    ['an unescaped quote', 'cn=a"b'],
  ])('%s is a TypeError', (_title, dn) => {
    expect(() => parseDn(dn)).toThrow(TypeError);
  });

  it.each(['Smith, Jr.', ' lead', 'trail ', '#hash', 'a+b=c;d<e>f"g\\h', 'Zoë', 'a\0b'])('%j survives formatDn then parseDn', (value) => {
    const dn = formatDn([{ type: 'uid', value }, { type: 'dc', value: 'org' }]);
    expect(parseDn(dn)).toEqual([{ type: 'uid', value }, { type: 'dc', value: 'org' }]);
  });
});
