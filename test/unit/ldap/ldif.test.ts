/** LDIF lines follow RFC 2849: SAFE-STRING values as text, everything else in base64. */
import { describe, expect, it } from 'vitest';
import { ldifLine, toLdif } from '../../../harness/ldap/ldif.ts';

const base64 = (value: string) => Buffer.from(value, 'utf8').toString('base64');

describe('ldifLine', () => {
  it('a plain ASCII value is written as text', () => {
    expect(ldifLine('cn', 'Alice Liddell')).toBe('cn: Alice Liddell');
  });

  it('a value with inner colons, commas and angle brackets is still text', () => {
    expect(ldifLine('description', 'a: b, <c>')).toBe('description: a: b, <c>');
  });

  it.each([
    ['non-ASCII', 'Zoë Ünal'],
    ['a leading space', ' Alice'],
    ['a leading colon', ':Alice'],
    ['a leading <', '<file:///etc/passwd'],
    ['a trailing space', 'Alice '],
    ['a line feed', 'Alice\ndn: cn=admin'],
    ['a carriage return', 'Alice\r'],
    ['NUL', 'Ali\0ce'],
  ])('a value with %s is base64', (_title, value) => {
    expect(ldifLine('cn', value)).toBe(`cn:: ${base64(value)}`);
  });

  it('an empty value is written as text', () => {
    expect(ldifLine('description', '')).toBe('description: ');
  });
});

describe('toLdif', () => {
  it('writes entries in order, blank-line separated, with a base64 dn when the DN needs it', () => {
    const ldif = toLdif([
      { dn: 'dc=example,dc=org', attributes: [['objectClass', 'dcObject'], ['dc', 'example']] },
      { dn: 'uid=zoë,dc=example,dc=org', attributes: [['uid', 'zoë']] },
    ]);
    expect(ldif).toBe(
      'dn: dc=example,dc=org\nobjectClass: dcObject\ndc: example\n\n' +
        `dn:: ${base64('uid=zoë,dc=example,dc=org')}\nuid:: ${base64('zoë')}\n`,
    );
  });
});
