/** What a test directory holds, whichever server runs it: the tree under the base DN and its people. */
import { formatDn, parseDn, type Rdn } from './dn.ts';
import type { LdapEntry } from './ldif.ts';
import { sshaHash } from './password-hash.ts';
import type { ProgressListener } from '../progress.ts';
import type { LdapPerson } from './started-ldap.ts';

export const defaultBaseDn = 'dc=example,dc=org';
export const defaultAdminPassword = 'admin';

export interface DirectoryLayout {
  baseDn: string;
  usersDn: string;
  bindDn: string;
}

/** The DNs of a directory rooted at `baseDn` (written back in one spelling: `DC=Example, DC=org` → `dc=Example,dc=org`). */
export function directoryLayout(baseDn: string): DirectoryLayout {
  const base = parseDn(baseDn);
  baseEntry(base);
  const canonical = formatDn(base);
  return { baseDn: canonical, usersDn: `ou=people,${canonical}`, bindDn: `cn=admin,${canonical}` };
}

export function personDn(layout: DirectoryLayout, uid: string): string {
  return `${formatDn([{ type: 'uid', value: uid }])},${layout.usersDn}`;
}

/** The salt of a DN's password hash: random unless a file must come out the same each time it is written. */
export type SaltFor = (dn: string) => Buffer | undefined;

/** The base entry and `ou=people`, then the people: one LDIF that fills an empty directory. */
export function directoryEntries(layout: DirectoryLayout, people: readonly LdapPerson[], saltFor?: SaltFor): LdapEntry[] {
  return [
    baseEntry(parseDn(layout.baseDn)),
    { dn: layout.usersDn, attributes: [['objectClass', 'top'], ['objectClass', 'organizationalUnit'], ['ou', 'people']] },
    ...people.map((person) => personEntry(layout, person, saltFor)),
  ];
}

export function personEntry(layout: DirectoryLayout, person: LdapPerson, saltFor?: SaltFor): LdapEntry {
  const attributes: Array<[string, string]> = [
    ['objectClass', 'top'],
    ['objectClass', 'person'],
    ['objectClass', 'organizationalPerson'],
    ['objectClass', 'inetOrgPerson'],
    ['uid', person.uid],
    ['cn', person.cn],
    ['sn', person.sn],
  ];
  if (person.givenName !== undefined) attributes.push(['givenName', person.givenName]);
  if (person.mail !== undefined) attributes.push(['mail', person.mail]);
  const dn = personDn(layout, person.uid);
  attributes.push(['userPassword', sshaHash(person.password, saltFor?.(dn))]);
  return { dn, attributes };
}

/** The entry a base DN's first RDN calls for: `dc=` a domain component, `o=` an organization, `ou=` a unit. */
function baseEntry(base: Rdn[]): LdapEntry {
  const [top] = base;
  const dn = formatDn(base);
  switch (top?.type) {
    case 'dc':
      return {
        dn,
        attributes: [
          ['objectClass', 'top'],
          ['objectClass', 'dcObject'],
          ['objectClass', 'organization'],
          ['dc', top.value],
          ['o', top.value],
        ],
      };
    case 'o':
      return { dn, attributes: [['objectClass', 'top'], ['objectClass', 'organization'], ['o', top.value]] };
    case 'ou':
      return { dn, attributes: [['objectClass', 'top'], ['objectClass', 'organizationalUnit'], ['ou', top.value]] };
    default:
      throw new TypeError(`a base DN starts with dc=, o= or ou=, not ${JSON.stringify(dn)}`);
  }
}

/**
 * The uids in the directory, so that misuse (a uid added twice, removing someone absent) is a TypeError
 * at the call rather than an LDAP result code later.
 */
export class Roster {
  private readonly uids = new Set<string>();

  /** Checks `people` can be added (complete, new, each once); call add() once the server took them. */
  checkNew(people: readonly LdapPerson[]): void {
    const seen = new Set<string>();
    for (const person of people) {
      checkPerson(person);
      const key = person.uid.toLowerCase();
      if (this.uids.has(key) || seen.has(key)) throw new TypeError(`uid ${JSON.stringify(person.uid)} is already in the directory`);
      seen.add(key);
    }
  }

  add(people: readonly LdapPerson[]): void {
    for (const person of people) this.uids.add(person.uid.toLowerCase());
  }

  checkPresent(uid: string): void {
    if (!this.uids.has(uid.toLowerCase())) throw new TypeError(`uid ${JSON.stringify(uid)} is not in the directory`);
  }

  remove(uid: string): void {
    this.uids.delete(uid.toLowerCase());
  }
}

function checkPerson(person: LdapPerson): void {
  for (const name of ['uid', 'password', 'cn', 'sn'] as const) {
    if (typeof person[name] !== 'string' || person[name] === '') {
      throw new TypeError(`an LDAP person needs a non-empty ${name} (${JSON.stringify(person.uid)})`);
    }
  }
  for (const name of ['mail', 'givenName'] as const) {
    if (person[name] === '') throw new TypeError(`leave ${name} out rather than empty (${JSON.stringify(person.uid)})`);
  }
}

/** What a directory started on this machine (slapd, the embedded server) is given: the same for both. */
export interface LocalLdapOptions {
  layout: DirectoryLayout;
  adminPassword: string;
  port?: number;
  people: readonly LdapPerson[];
  readyTimeoutMs?: number;
  progress?: ProgressListener;
}
