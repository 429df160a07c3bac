/**
 * The users a sync sends: the realm's users read through the admin API (all of them, or one group's
 * members), the LDAP-federated ones included, after the federation's own full sync when asked; and the
 * Keycloak attribute the SAML NameID carries, read from the client as Keycloak decides it (Atlassian
 * requires the SAML NameID and the SCIM email to come from the same attribute).
 */
import type KeycloakAdminClient from '@keycloak/keycloak-admin-client';
import type UserRepresentation from '@keycloak/keycloak-admin-client/lib/defs/userRepresentation.js';
import { nameIdSent } from '../audit/checks.ts';
import { mappersOf } from '../audit/read-keycloak.ts';
import { HarnessError } from '../errors.ts';

const pageSize = 100;

export async function realmUsers(admin: KeycloakAdminClient, realm: string, options: { group?: string } = {}): Promise<UserRepresentation[]> {
  const groupId = options.group === undefined ? undefined : await groupIdOf(admin, realm, options.group);
  const users: UserRepresentation[] = [];
  for (let first = 0; ; first += pageSize) {
    const page =
      groupId === undefined
        ? await admin.users.find({ realm, first, max: pageSize, briefRepresentation: false })
        : await admin.groups.listMembers({ realm, id: groupId, first, max: pageSize, briefRepresentation: false });
    users.push(...page);
    if (page.length < pageSize) return users;
  }
}

async function groupIdOf(admin: KeycloakAdminClient, realm: string, path: string): Promise<string> {
  const wanted = path.startsWith('/') ? path : `/${path}`;
  // A search answers the top-level groups with the matching subgroups inside them.
  const found = await admin.groups.find({ realm, search: wanted.split('/').at(-1)!, briefRepresentation: true });
  const flat = (groups: typeof found): typeof found => groups.flatMap((group) => [group, ...flat(group.subGroups ?? [])]);
  const match = flat(found).find((group) => group.path === wanted);
  if (!match?.id) {
    throw new HarnessError('USAGE', `Realm ${realm} has no group ${wanted}`, 'Pass --group with the group\'s path as Keycloak shows it (Groups), e.g. /atlassian-users.');
  }
  return match.id;
}

/** Runs each LDAP (or other user storage) provider's full sync, so that directory users exist in Keycloak. */
export async function syncUserStorage(admin: KeycloakAdminClient, realm: string): Promise<Array<{ provider: string; status: string }>> {
  const providers = await admin.components.find({ realm, type: 'org.keycloak.storage.UserStorageProvider' });
  const results: Array<{ provider: string; status: string }> = [];
  for (const provider of providers) {
    const result = await admin.userStorageProvider.sync({ realm, id: provider.id!, action: 'triggerFullSync' });
    results.push({ provider: provider.name ?? provider.id!, status: result.status ?? `${result.added ?? 0} added, ${result.updated ?? 0} updated` });
  }
  return results;
}

/** What the client's NameID carries: 'email', 'username', or the name of a user attribute. */
export async function nameIdAttribute(admin: KeycloakAdminClient, realm: string, clientId: string | undefined): Promise<string> {
  if (clientId === undefined) return 'email';
  const [client] = await admin.clients.find({ realm, clientId });
  if (!client) throw new HarnessError('USAGE', `Realm ${realm} has no client ${clientId}`, 'Pass --client-id with the SAML client\'s client ID (Atlassian\'s SP entity URL), or leave it out to send the email.');
  return nameIdSent((client.attributes ?? {}) as Record<string, string>, mappersOf(client.protocolMappers, 'client')).value;
}
