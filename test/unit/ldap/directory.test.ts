/** A directory's tree and people, as entries, whichever server loads them. */
import { describe, expect, it } from 'vitest';
import { directoryEntries, directoryLayout, personDn, personEntry, Roster } from '../../../harness/ldap/directory.ts';
import type { LdapPerson } from '../../../harness/ldap/started-ldap.ts';

const layout = directoryLayout('dc=example,dc=org');
const alice: LdapPerson = {
  uid: 'alice',
  password: 'pw',
  cn: 'Alice Liddell',
  sn: 'Liddell',
  givenName: 'Alice',
  mail: 'alice@example.org',
};
const bob: LdapPerson = { uid: 'bob', password: 'pw', cn: 'Bob Builder', sn: 'Builder' };
const values = (entry: { attributes: ReadonlyArray<readonly [string, string]> }, name: string) =>
  entry.attributes.filter(([attribute]) => attribute === name).map(([, value]) => value);

describe('directoryLayout', () => {
  it('people live under ou=people and the administrator is cn=admin', () => {
    expect(layout).toEqual({ baseDn: 'dc=example,dc=org', usersDn: 'ou=people,dc=example,dc=org', bindDn: 'cn=admin,dc=example,dc=org' });
  });

  it('a base DN is written back in one spelling', () => {
    expect(directoryLayout('DC=Example, DC=org').baseDn).toBe('dc=Example,dc=org');
  });

  it('a base DN with an escaped comma keeps it escaped', () => {
    expect(directoryLayout('o=Acme\\, Inc.').usersDn).toBe('ou=people,o=Acme\\, Inc.');
  });

  it('a base DN starting with another attribute is a TypeError', () => {
    expect(() => directoryLayout('cn=example,dc=org')).toThrow(TypeError);
  });
});

describe('directoryEntries', () => {
  it('a dc= base becomes a dcObject organization, then ou=people, then the people', () => {
    const entries = directoryEntries(layout, [alice]);
    expect(entries.map((entry) => entry.dn)).toEqual([
      'dc=example,dc=org',
      'ou=people,dc=example,dc=org',
      'uid=alice,ou=people,dc=example,dc=org',
    ]);
    expect(values(entries[0]!, 'objectClass')).toEqual(['top', 'dcObject', 'organization']);
    expect(values(entries[0]!, 'o')).toEqual(['example']);
  });

  it.each([
    ['o=Acme', ['top', 'organization']],
    ['ou=Tests,dc=example,dc=org', ['top', 'organizationalUnit']],
  ])('a %s base gets the object classes its RDN names', (baseDn, objectClasses) => {
    expect(values(directoryEntries(directoryLayout(baseDn), [])[0]!, 'objectClass')).toEqual(objectClasses);
  });
});

describe('personEntry', () => {
  it('a complete person is an inetOrgPerson with every attribute and a hashed password', () => {
    const entry = personEntry(layout, alice);
    expect(entry.dn).toBe('uid=alice,ou=people,dc=example,dc=org');
    expect(values(entry, 'objectClass')).toEqual(['top', 'person', 'organizationalPerson', 'inetOrgPerson']);
    expect(values(entry, 'mail')).toEqual(['alice@example.org']);
    expect(values(entry, 'givenName')).toEqual(['Alice']);
    expect(values(entry, 'userPassword')[0]).toMatch(/^\{SSHA\}[A-Za-z0-9+/]{38}==$/);
  });

  it('a person without mail or givenName has neither attribute', () => {
    const names = personEntry(layout, bob).attributes.map(([name]) => name);
    expect(names).not.toContain('mail');
    expect(names).not.toContain('givenName');
    expect(names).toEqual(expect.arrayContaining(['uid', 'cn', 'sn', 'userPassword']));
  });

  it('a uid with DN specials is escaped in the DN and kept as is in the attribute', () => {
    const entry = personEntry(layout, { ...bob, uid: "o'neil, jr+1" });
    expect(entry.dn).toBe("uid=o'neil\\, jr\\+1,ou=people,dc=example,dc=org");
    expect(values(entry, 'uid')).toEqual(["o'neil, jr+1"]);
    expect(personDn(layout, "o'neil, jr+1")).toBe(entry.dn);
  });
});

describe('Roster', () => {
  it('a uid already present, in any case, is a TypeError', () => {
    const roster = new Roster();
    roster.add([alice]);
    expect(() => roster.checkNew([{ ...bob, uid: 'ALICE' }])).toThrow(/already in the directory/);
  });

  it('the same uid twice in one batch is a TypeError', () => {
    expect(() => new Roster().checkNew([bob, bob])).toThrow(TypeError);
  });

  it.each(['uid', 'password', 'cn', 'sn'] as const)('a person with an empty %s is a TypeError', (name) => {
    expect(() => new Roster().checkNew([{ ...alice, [name]: '' }])).toThrow(new RegExp(`non-empty ${name}`));
  });

  it('an empty mail is a TypeError: leaving it out is how a person has none', () => {
    expect(() => new Roster().checkNew([{ ...alice, mail: '' }])).toThrow(/leave mail out/);
  });

  it('removing a uid that is not there is a TypeError; one that is, is accepted', () => {
    const roster = new Roster();
    roster.add([alice]);
    expect(() => roster.checkPresent('bob')).toThrow(TypeError);
    expect(() => roster.checkPresent('alice')).not.toThrow();
    roster.remove('alice');
    expect(() => roster.checkPresent('alice')).toThrow(TypeError);
  });
});
