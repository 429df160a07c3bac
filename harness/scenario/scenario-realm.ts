/**
 * The realm a scenario logs in to: the harness's test realm with the scenario's `keycloak.realm` (a
 * partial RealmRepresentation) over it, made in one import as an export would be; components merged
 * per provider type by name, required actions by alias over Keycloak's own once the realm exists.
 */
import type KeycloakAdminClient from '@keycloak/keycloak-admin-client';
import type RealmRepresentation from '@keycloak/keycloak-admin-client/lib/defs/realmRepresentation.js';
import type UserRepresentation from '@keycloak/keycloak-admin-client/lib/defs/userRepresentation.js';
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
