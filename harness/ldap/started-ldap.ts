import type { ServerLog } from '../process/server-log.ts';

export type LdapRuntimeName = 'container' | 'native' | 'embedded';

/**
 * A person as the directory stores them: an `inetOrgPerson` named `uid=<uid>` under `ou=people`, in the
 * directory's own attribute names. `cn` and `sn` are required by the object class; `mail` and
 * `givenName` are left out to reproduce the support cases (no email, no first name).
 */
export interface LdapPerson {
  uid: string;
  /** Stored as `userPassword`, hashed ({SSHA}). */
  password: string;
  cn: string;
  sn: string;
  mail?: string;
  givenName?: string;
}

/** A running directory, whichever runtime started it. Dispose it (or call stop()) to end it. */
export interface StartedLdap extends AsyncDisposable {
  readonly runtime: LdapRuntimeName;
  /** For clients on this machine, a Keycloak distribution among them: `ldap://127.0.0.1:38211`. */
  readonly url: string;
  /**
   * For a Keycloak container on the Docker network the directory was started on: `ldap://ldap:1389`
   * (its network alias and the port inside the container). `undefined` for the native runtime or when no
   * network was given.
   */
  readonly containerUrl: string | undefined;
  /** `dc=example,dc=org` */
  readonly baseDn: string;
  /** Where people live (Keycloak's "Users DN"): `ou=people,dc=example,dc=org`. */
  readonly usersDn: string;
  /** The directory's administrator (Keycloak's "Bind DN"): `cn=admin,dc=example,dc=org`. */
  readonly bindDn: string;
  readonly bindPassword: string;
  /** Milliseconds from startLdap() until the directory answered with its entries loaded. */
  readonly readyAfterMs: number;
  readonly log: ServerLog;
  /** `uid=alice,ou=people,dc=example,dc=org`, escaped as a DN needs. */
  personDn(uid: string): string;
  /** Adds people who are not in the directory yet (a TypeError for one who is). */
  addPeople(people: readonly LdapPerson[]): Promise<void>;
  /** Deletes a person added before (a TypeError for one who is not there). */
  removePerson(uid: string): Promise<void>;
  stop(): Promise<void>;
}
