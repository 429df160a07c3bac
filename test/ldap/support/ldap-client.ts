/**
 * A person's or an administrator's view of a directory, over LDAP from the test process (ldapts): no
 * OpenLDAP clients needed, so the same checks run against every directory runtime on any machine.
 */
import { Client } from 'ldapts';

export interface Credentials {
  dn: string;
  password: string;
}

/** An entry as the server returns it: attribute names as the server spells them, every value a string. */
export interface FoundEntry {
  dn: string;
  attributes: Record<string, string[]>;
}

async function withClient<T>(url: string, as: Credentials | undefined, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ url, connectTimeout: 5000, timeout: 10_000 });
  try {
    if (as) await client.bind(as.dn, as.password);
    return await work(client);
  } finally {
    await client.unbind().catch(() => {});
  }
}

/** Binds as `as` and asks "who am I" (RFC 4532): `{ resultCode: 0, identity: 'dn:…' }`, or the bind's result code. */
export async function whoAmI(url: string, as: Credentials): Promise<{ resultCode: number; identity?: string }> {
  try {
    return await withClient(url, as, async (client) => {
      const answer = await client.exop('1.3.6.1.4.1.4203.1.11.3');
      return { resultCode: 0, identity: typeof answer.value === 'string' ? answer.value : String(answer.value ?? '') };
    });
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'number') return { resultCode: code };
    throw error;
  }
}

/** Searches `base` (subtree) as `as`, or anonymously. */
export async function search(url: string, base: string, filter: string, attributes: string[], as?: Credentials): Promise<FoundEntry[]> {
  return withClient(url, as, async (client) => {
    const { searchEntries } = await client.search(base, { scope: 'sub', filter, attributes });
    return searchEntries.map(({ dn, ...rest }) => {
      const found: Record<string, string[]> = {};
      for (const [name, value] of Object.entries(rest)) {
        const values = (Array.isArray(value) ? value : [value]).map((item) => (Buffer.isBuffer(item) ? item.toString('utf8') : String(item)));
        // An attribute asked for but not returned (not there, or not readable) comes back without values.
        if (values.length) found[name] = values;
      }
      return { dn, attributes: found };
    });
  });
}
