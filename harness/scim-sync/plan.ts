/**
 * What a sync would do, before it does anything: each Keycloak user matched to Atlassian's SCIM user
 * (by externalId, then userName, then primary email: an account made another way is linked, not
 * duplicated) and created, updated (naming each field), or left unchanged; SCIM users the sync made
 * whose Keycloak user is gone (or out of the group) deactivated when asked; users not sent, with why.
 */
import type { Desired, DesiredUser } from './desired-user.ts';
import { primaryEmailOf, type ScimUser } from './scim-client.ts';

interface FieldChange {
  field: string;
  from: string;
  to: string;
}

export type PlannedChange =
  | { action: 'create'; user: DesiredUser }
  | { action: 'update'; user: DesiredUser; scimId: string; changes: FieldChange[] }
  | { action: 'unchanged'; user: DesiredUser; scimId: string }
  | { action: 'deactivate'; scimId: string; userName: string; externalId: string }
  | { action: 'skip'; username: string; reason: string };

export interface SyncPlan {
  changes: PlannedChange[];
  counts: Record<PlannedChange['action'], number>;
}

export function planSync(desired: readonly Desired[], existing: readonly ScimUser[], options: { deactivateMissing?: boolean } = {}): SyncPlan {
  const changes: PlannedChange[] = [];
  const matched = new Set<string>();
  const lower = (text: string | undefined) => text?.toLowerCase();
  for (const entry of desired) {
    if ('skipped' in entry) {
      changes.push({ action: 'skip', ...entry.skipped });
      continue;
    }
    const { user } = entry;
    const candidates = existing.filter((scim) => !matched.has(scim.id));
    const current =
      candidates.find((scim) => scim.externalId === user.externalId) ??
      candidates.find((scim) => lower(scim.userName) === lower(user.userName)) ??
      candidates.find((scim) => lower(primaryEmailOf(scim)) === lower(user.email));
    if (!current) {
      changes.push({ action: 'create', user });
      continue;
    }
    matched.add(current.id);
    const fieldChanges = differences(current, user);
    changes.push(fieldChanges.length ? { action: 'update', user, scimId: current.id, changes: fieldChanges } : { action: 'unchanged', user, scimId: current.id });
  }
  if (options.deactivateMissing) {
    // Only users a sync made (they carry a Keycloak id as externalId) and that are still active.
    const keycloakIds = new Set(desired.flatMap((entry) => ('user' in entry ? [entry.user.externalId] : [])));
    for (const scim of existing) {
      if (matched.has(scim.id) || !scim.externalId || keycloakIds.has(scim.externalId) || scim.active === false) continue;
      changes.push({ action: 'deactivate', scimId: scim.id, userName: scim.userName, externalId: scim.externalId });
    }
  }
  const counts = { create: 0, update: 0, unchanged: 0, deactivate: 0, skip: 0 };
  for (const change of changes) counts[change.action]++;
  return { changes, counts };
}

function differences(current: ScimUser, user: DesiredUser): FieldChange[] {
  const fields: Array<[string, string | undefined, string | undefined]> = [
    ['userName', current.userName, user.userName],
    ['externalId', current.externalId, user.externalId],
    ['email', primaryEmailOf(current), user.email],
    ['name.givenName', current.name?.givenName, user.givenName],
    ['name.familyName', current.name?.familyName, user.familyName],
    ['displayName', current.displayName, user.displayName],
    ['active', String(current.active !== false), String(user.active)],
  ];
  return fields.filter(([, from, to]) => (from ?? '') !== (to ?? '')).map(([field, from, to]) => ({ field, from: from ?? '', to: to ?? '' }));
}
