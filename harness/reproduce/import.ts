/**
 * Puts an admin's export into a fresh realm of a real Keycloak: the realm's own settings (from a realm
 * export) with a test user, then the SAML client through the clients endpoint, as the console does.
 * The user logged in as keeps what the export says of them (enabled, required actions, email verified,
 * groups, an authenticator); the realm's RSA key providers come back with new keys under their names
 * and priorities (an export holds no usable private keys), so the one Keycloak signs with is the same;
 * a frontend URL is served here under another name of this server. What cannot come along is left out
 * and said: LDAP providers (their directory is not reachable from here).
 */
import type KeycloakAdminClient from '@keycloak/keycloak-admin-client';
import type ClientRepresentation from '@keycloak/keycloak-admin-client/lib/defs/clientRepresentation.js';
import type RealmRepresentation from '@keycloak/keycloak-admin-client/lib/defs/realmRepresentation.js';
import type UserRepresentation from '@keycloak/keycloak-admin-client/lib/defs/userRepresentation.js';
import { HarnessError } from '../errors.ts';
import { underLocalhost } from '../keycloak/relative-path.ts';
import { type ScenarioUser, userRepresentation } from '../recommended/users.ts';

const userStorage = 'org.keycloak.storage.UserStorageProvider';
const keyProviders = 'org.keycloak.keys.KeyProvider';

/**
 * The realm to create. With a realm export, the Atlassian client stays in it (as moved to sp-mock): its
 * roles and scope mappings refer to it, and its exported attributes are complete.
 */
export interface PreparedRealm {
  realm: RealmRepresentation;
  notes: string[];
  /** The export's frontend URL and the one it is served under here, when it has one. */
  frontendUrl?: { exported: string; here: string };
}

export function realmForImport(
  exported: RealmRepresentation | undefined,
  name: string,
  user: ScenarioUser,
  atlassianClient: ClientRepresentation,
  here: { baseUrl: string } = { baseUrl: 'http://127.0.0.1' },
): PreparedRealm {
  const notes: string[] = [];
  if (!exported) return { realm: { realm: name, enabled: true, users: [userRepresentation(user)] }, notes };
  const copy = withoutServerIds(structuredClone(exported), exported.id) as RealmRepresentation & { keycloakVersion?: string };
  delete copy.keycloakVersion;
  const components = { ...(copy.components ?? {}) } as Record<string, unknown[]>;
  const rsaKeys = rsaKeyProvidersOf(components[keyProviders]);
  if (rsaKeys.length) {
    const signing = rsaKeys.filter((key) => key.active).sort((a, b) => b.priority - a.priority)[0];
    notes.push(
      `The realm's RSA key providers (${rsaKeys.map((key) => `${key.name}, priority ${key.priority}${key.active ? '' : ', passive'}`).join('; ')}) get new keys here: an export holds no usable private keys.${signing && rsaKeys.length > 1 ? ` Keycloak signs with the active one of highest priority, ${signing.name}: Atlassian must hold its certificate.` : ''}`,
    );
  }
  let frontendUrl: PreparedRealm['frontendUrl'];
  const exportedFrontend = (copy.attributes as Record<string, string> | undefined)?.frontendUrl;
  if (exportedFrontend) {
    frontendUrl = { exported: exportedFrontend.replace(/\/+$/, ''), here: underLocalhost(here.baseUrl) };
    copy.attributes = { ...copy.attributes, frontendUrl: frontendUrl.here };
    notes.push(`The realm's frontend URL ${exportedFrontend} is served here as ${frontendUrl.here} (this server under another name): Keycloak publishes, and signs as, the entity ID under it, as it does there.`);
  }
  for (const provider of (components[userStorage] ?? []) as Array<{ name?: string; config?: Record<string, string[]> }>) {
    notes.push(
      `The user federation "${provider.name}" (${provider.config?.connectionUrl?.[0] ?? 'no connection URL'}) is left out: its directory cannot be reached from here. The test user is a local user; to reproduce LDAP behaviour, write a scenario with an ldap: section (scenarios/ldap-*.yaml).`,
    );
  }
  delete components[userStorage];
  if (rsaKeys.length) components[keyProviders] = rsaKeys.map((key) => key.regenerated);
  else delete components[keyProviders];
  copy.components = components as RealmRepresentation['components'];
  copy.clients = (copy.clients ?? []).map((client) =>
    client.clientId === atlassianClient.clientId ? (withoutServerIds(atlassianClient, exported.id) as ClientRepresentation) : client,
  );
  const exportedUsers = (copy.users ?? []) as UserRepresentation[];
  const asExported = exportedUsers.find((u) => u.username === user.username);
  // The user keeps all the export says of them but the password, which is the test's.
  // Its federation link goes with the federation, which is left out.
  const { credentials: exportedCredentials = [], federationLink: _link, ...exportedFields } = asExported ?? {};
  const otherCredentials = exportedCredentials.filter((credential) => credential.type !== 'password');
  const testUser = userRepresentation(user, { ...exportedFields, credentials: otherCredentials });
  if (otherCredentials.some((credential) => credential.type === 'otp')) {
    notes.push(`${user.username} has an authenticator (OTP) in the export: Keycloak asks for its one-time code, as it does there.`);
  }
  copy.users = [testUser, ...exportedUsers.filter((u) => u.username !== user.username).map(({ credentials: _c, federationLink: _l, ...u }) => u)];
  return { realm: { ...copy, realm: name, enabled: true }, notes, ...(frontendUrl ? { frontendUrl } : {}) };
}

interface RsaKeyProvider {
  name: string;
  priority: number;
  active: boolean;
  /** The same provider with a key Keycloak generates here. */
  regenerated: unknown;
}

/** The export's RS256 signing key providers (imported, generated or from a keystore). */
function rsaKeyProvidersOf(providers: unknown[] | undefined): RsaKeyProvider[] {
  const signing = new Set(['rsa', 'rsa-generated', 'java-keystore']);
  return ((providers ?? []) as Array<{ name?: string; providerId?: string; config?: Record<string, string[]> }>)
    .filter((provider) => signing.has(provider.providerId ?? '') && (provider.config?.algorithm?.[0] ?? 'RS256') === 'RS256')
    .map((provider) => {
      const first = (key: string, fallback: string) => provider.config?.[key]?.[0] ?? fallback;
      const config = { priority: [first('priority', '0')], active: [first('active', 'true')], enabled: [first('enabled', 'true')], algorithm: ['RS256'], keySize: ['2048'] };
      return {
        name: provider.name ?? provider.providerId!,
        priority: Number(config.priority[0]),
        active: config.active[0] === 'true' && config.enabled[0] === 'true',
        regenerated: { name: provider.name ?? provider.providerId, providerId: 'rsa-generated', subComponents: {}, config },
      };
    });
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
