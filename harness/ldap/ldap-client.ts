/**
 * Writes to a directory over LDAP from this process (ldapts), for a runtime that has no OpenLDAP
 * clients at hand: the embedded directory. Failures carry the LDAP result code, as the clients' exit
 * codes do for the other runtimes.
 */
import { Client } from 'ldapts';
import type { LdapEntry } from './ldif.ts';
import { ldapOperationFailed } from './ldap-operation-error.ts';

export interface DirectoryLogin {
  url: string;
  bindDn: string;
  bindPassword: string;
}

/** Binds as `login` and runs `work`; an LDAP error becomes LDAP_OPERATION_FAILED with its result code (-1: no answer). */
export async function asAdministrator<T>(login: DirectoryLogin, operation: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ url: login.url, connectTimeout: 5000, timeout: 10_000 });
  try {
    await client.bind(login.bindDn, login.bindPassword);
    return await work(client);
  } catch (error) {
    const code = typeof (error as { code?: unknown }).code === 'number' ? (error as { code: number }).code : 255;
    throw ldapOperationFailed(operation, code, error instanceof Error ? error.message : String(error));
  } finally {
    await client.unbind().catch(() => {});
  }
}

/** Adds the entries in order (a parent before its children). */
export async function addEntries(client: Client, entries: readonly LdapEntry[]): Promise<void> {
  for (const entry of entries) {
    const attributes: Record<string, string[]> = {};
    for (const [name, value] of entry.attributes) (attributes[name] ??= []).push(value);
    await client.add(entry.dn, attributes);
  }
}
