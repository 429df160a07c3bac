/**
 * Realms made once, in the data template, so that each scenario gets a fresh realm of its own without
 * paying for its creation: creating a realm (roles, client scopes, clients, flows, keys) is most of what a
 * scenario costs Keycloak. A server started from the template holds them all; each is handed out once.
 */
import { mapWithConcurrency } from '../../concurrency.ts';
import { connectAdminClient } from '../admin-client.ts';
import type { AdminCredentials } from '../started-keycloak.ts';
import { testRealm } from '../test-realm.ts';
import { versionRules } from '../versions.ts';

export const realmPoolSize = 48;

export function realmPoolNames(): string[] {
  return Array.from({ length: realmPoolSize }, (_, index) => `scenario-${String(index + 1).padStart(2, '0')}`);
}

export async function createRealmPool(baseUrl: string, admin: AdminCredentials, version: string): Promise<string[]> {
  const client = await connectAdminClient(baseUrl, admin);
  const names = realmPoolNames();
  await mapWithConcurrency(names, versionRules(version).parallelRealmWrites, async (name) => client.realms.create(await testRealm(name)));
  return names;
}
