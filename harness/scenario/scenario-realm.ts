/**
 * The realm a scenario logs in to: the harness's test realm with the scenario's `keycloak.realm` (a
 * partial RealmRepresentation) over it; components merged per provider type by name, required actions by
 * alias over Keycloak's own once the realm exists. Most differences are made on a pooled realm as an admin
 * makes them in the console; a whole set of flows only a realm import makes, as an export would be.
 */
import type KeycloakAdminClient from '@keycloak/keycloak-admin-client';
import type RealmRepresentation from '@keycloak/keycloak-admin-client/lib/defs/realmRepresentation.js';
import type GroupRepresentation from '@keycloak/keycloak-admin-client/lib/defs/groupRepresentation.js';
import type UserRepresentation from '@keycloak/keycloak-admin-client/lib/defs/userRepresentation.js';
import type { PartialImportRealmRepresentation } from '@keycloak/keycloak-admin-client/lib/defs/realmRepresentation.js';
import { testRealm } from '../keycloak/test-realm.ts';
import type { RealmDifferences } from './keycloak-representations.ts';
import { fill, type Placeholders } from './placeholders.ts';

interface NamedComponent {
  name?: string;
}

export async function scenarioRealm(name: string, differences: RealmDifferences | undefined, users: UserRepresentation[], placeholders: Placeholders): Promise<RealmRepresentation> {
  const realm = await testRealm(name);
  if (!differences) return { ...realm, users };
  const { components, attributes, requiredActions: _afterwards, ...settings } = differences;
  // Keycloak takes a list of components per provider type; the admin client's type says one.
  const merged = { ...(realm.components as unknown as Record<string, NamedComponent[]>) };
  for (const [type, added] of Object.entries(components ?? {})) {
    const kept = (merged[type] ?? []).filter((existing) => !added.some((component) => component.name === existing.name));
    merged[type] = [...kept, ...added];
  }
  return {
    ...realm,
    ...settings,
    ...(attributes ? { attributes: Object.fromEntries(Object.entries(attributes).map(([key, value]) => [key, fill(value, placeholders)])) } : {}),
    components: merged as unknown as RealmRepresentation['components'],
    users,
  };
}

/**
 * Whether the differences need a realm of their own, made in one import: a set of flows from an export
 * replaces Keycloak's default flows, which only an import does (on an existing realm they would be added
 * beside the defaults, and the browser flow then points to one of those).
 */
export function differencesNeedImport(differences: RealmDifferences | undefined): boolean {
  return Boolean(differences?.authenticationFlows || differences?.authenticatorConfig || differences?.browserFlow);
}

/**
 * Makes the differences on an existing realm (a pooled one, made as `testRealm`), as the admin console
 * does: Realm settings saved with the changed values only, each component added (one named like an
 * existing one of its type replaces it). Groups and roles go in the users' partial import
 * (`partialImportOf`); required actions afterwards (`applyRequiredActions`).
 */
export async function applyRealmDifferences(admin: KeycloakAdminClient, realm: string, differences: RealmDifferences, placeholders: Placeholders): Promise<void> {
  const { components, attributes, requiredActions: _afterwards, groups: _imported, roles: _importedToo, ...settings } = differences;
  if (Object.keys(settings).length || attributes) {
    await admin.realms.update(
      { realm },
      { ...settings, ...(attributes ? { attributes: Object.fromEntries(Object.entries(attributes).map(([key, value]) => [key, fill(value, placeholders)])) } : {}) },
    );
  }
  if (!components) return;
  for (const [providerType, added] of Object.entries(components)) {
    const existing = await admin.components.find({ realm, type: providerType });
    for (const component of added) {
      for (const replaced of existing.filter((candidate) => candidate.name === component.name)) {
        await admin.components.del({ realm, id: replaced.id! });
      }
      // Keycloak takes a list per config key, where the admin client's type says one string; and makes the
      // realm the parent of a component that names none (ComponentResource.create).
      await admin.components.create({ realm, ...component, providerType, config: component.config as unknown as Record<string, string> });
    }
  }
}

/** The users, with the groups and roles the scenario adds, as one partial import into an existing realm. */
export function partialImportOf(differences: RealmDifferences | undefined, users: UserRepresentation[]): PartialImportRealmRepresentation | undefined {
  const rep = {
    ...(differences?.groups ? { groups: differences.groups.map((group) => withPaths(group, '')) } : {}),
    ...(differences?.roles ? { roles: differences.roles } : {}),
    ...(users.length ? { users } : {}),
  };
  return Object.keys(rep).length ? { ...rep, ifResourceExists: 'FAIL' } : undefined;
}

/**
 * A partial import finds each group it made by its path, which an export has and a scenario leaves out
 * (Keycloak 26.7 fails with a NullPointerException without it; a realm import does not need it).
 */
function withPaths(group: GroupRepresentation, parentPath: string): GroupRepresentation {
  const path = `${parentPath}/${group.name}`;
  return { ...group, path, ...(group.subGroups ? { subGroups: group.subGroups.map((sub) => withPaths(sub, path)) } : {}) };
}

/** Required actions switched on or off by alias, as in Authentication → Required actions. */
export async function applyRequiredActions(admin: KeycloakAdminClient, realm: string, differences: RealmDifferences | undefined): Promise<void> {
  for (const action of differences?.requiredActions ?? []) {
    const current = await admin.authenticationManagement.getRequiredActionForAlias({ realm, alias: action.alias });
    await admin.authenticationManagement.updateRequiredAction({ realm, alias: action.alias }, { ...current, ...action });
  }
}

/** The base URL the realm publishes: its frontend URL when the scenario sets one, else the server's. */
export function publishedBaseUrl(baseUrl: string, differences: RealmDifferences | undefined, placeholders: Placeholders): string {
  const frontendUrl = differences?.attributes?.frontendUrl;
  return frontendUrl ? fill(frontendUrl, placeholders).replace(/\/+$/, '') : baseUrl;
}
