/**
 * Puts an admin's export into a fresh realm of a real Keycloak: the realm's own settings (from a realm
 * export) with a test user, then the SAML client through the clients endpoint, as the console does.
 * What cannot come along is left out and said: signing keys (an export holds no private keys) and LDAP
 * providers (their directory is not reachable from here).
 */
import type KeycloakAdminClient from '@keycloak/keycloak-admin-client';
import type ClientRepresentation from '@keycloak/keycloak-admin-client/lib/defs/clientRepresentation.js';
import type RealmRepresentation from '@keycloak/keycloak-admin-client/lib/defs/realmRepresentation.js';
import { HarnessError } from '../errors.ts';
import { type ScenarioUser, userRepresentation } from '../recommended/users.ts';

const userStorage = 'org.keycloak.storage.UserStorageProvider';
const keyProviders = 'org.keycloak.keys.KeyProvider';

/**
 * The realm to create. With a realm export, the Atlassian client stays in it (as moved to sp-mock): its
 * roles and scope mappings refer to it, and its exported attributes are complete.
 */
export function realmForImport(
  exported: RealmRepresentation | undefined,
  name: string,
  user: ScenarioUser,
  atlassianClient: ClientRepresentation,
): { realm: RealmRepresentation; notes: string[] } {
  const notes: string[] = [];
  const testUser = userRepresentation(user);
  if (!exported) return { realm: { realm: name, enabled: true, users: [testUser] }, notes };
  const copy = withoutServerIds(structuredClone(exported), exported.id) as RealmRepresentation & { keycloakVersion?: string };
  delete copy.keycloakVersion;
  const components = { ...(copy.components ?? {}) } as Record<string, unknown[]>;
  if (components[keyProviders]?.length) notes.push('The realm gets new signing keys here: an export holds no private keys.');
  for (const provider of (components[userStorage] ?? []) as Array<{ name?: string; config?: Record<string, string[]> }>) {
    notes.push(
      `The user federation "${provider.name}" (${provider.config?.connectionUrl?.[0] ?? 'no connection URL'}) is left out: its directory cannot be reached from here. The test user is a local user; to reproduce LDAP behaviour, write a scenario with an ldap: section (scenarios/ldap-*.yaml).`,
    );
  }
  delete components[keyProviders];
  delete components[userStorage];
  copy.components = components as RealmRepresentation['components'];
  copy.clients = (copy.clients ?? []).map((client) =>
    client.clientId === atlassianClient.clientId ? (withoutServerIds(atlassianClient, exported.id) as ClientRepresentation) : client,
  );
  const exportedUsers = copy.users ?? [];
  copy.users = [testUser, ...exportedUsers.filter((u) => u.username !== user.username).map(({ id: _id, credentials: _c, ...u }) => u)];
  return { realm: { ...copy, realm: name, enabled: true }, notes };
}

/**
 * The export without the ids its server gave (realm, roles, groups, scopes, components…): the server it
 * is imported into gives its own, and may already hold these (the same Keycloak, or a copy of the realm).
 */
function withoutServerIds(value: unknown, realmId: string | undefined): unknown {
  if (Array.isArray(value)) return value.map((item) => withoutServerIds(item, realmId));
  if (!value || typeof value !== 'object') return value;
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    if (key === 'id' || key === 'containerId' || (key === 'parentId' && item === realmId)) continue;
    copy[key] = withoutServerIds(item, realmId);
  }
  return copy;
}

/** The client as the console's import would create it: no server ids, no generated secrets. */
export function clientForImport(client: ClientRepresentation): ClientRepresentation {
  const { id: _id, registrationAccessToken: _token, ...rest } = client;
  rest.protocolMappers = rest.protocolMappers?.map(({ id: _mapperId, ...mapper }) => mapper);
  return rest;
}

export async function importRealm(admin: KeycloakAdminClient, realm: RealmRepresentation): Promise<void> {
  try {
    await admin.realms.create(realm);
  } catch (error) {
    throw new HarnessError(
      'USAGE',
      `Keycloak refused the realm export: ${(error as Error).message}`,
      'Import the export into the Keycloak version it came from (--keycloak-version), or pass only the client export (--client-export).',
      { cause: error },
    );
  }
}

/** The Atlassian client's id in the imported realm. */
export async function findClient(admin: KeycloakAdminClient, realm: string, clientId: string): Promise<string> {
  const [client] = await admin.clients.find({ realm, clientId });
  if (!client?.id) throw new HarnessError('KC_ADMIN_FAILED', `The realm import holds no client ${clientId}`, 'Check that the export has the SAML client for Atlassian.');
  return client.id;
}

export async function importClient(admin: KeycloakAdminClient, realm: string, client: ClientRepresentation, unknownFields: readonly string[]): Promise<{ id: string; notes: string[] }> {
  try {
    return { id: (await admin.clients.create({ realm, ...client })).id, notes: [] };
  } catch (error) {
    if (!unknownFields.length) throw error;
    // An export from a newer Keycloak may carry fields this one refuses: try once without them.
    const known = Object.fromEntries(Object.entries(client).filter(([key]) => !unknownFields.some((f) => f.endsWith(`.${key}`))));
    const created = await admin.clients.create({ realm, ...known });
    return { id: created.id, notes: [`Keycloak refused the client with ${unknownFields.join(', ')}; it was imported without them.`] };
  }
}
