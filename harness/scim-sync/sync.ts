/** One sync, as the command and a scenario run it: read Keycloak, read Atlassian, plan, and apply unless it is a dry run. */
import type KeycloakAdminClient from '@keycloak/keycloak-admin-client';
import { applyPlan, type AppliedChange } from './apply-plan.ts';
import { desiredUser } from './desired-user.ts';
import { nameIdAttribute, realmUsers, syncUserStorage } from './keycloak-users.ts';
import { planSync, type SyncPlan } from './plan.ts';
import { ScimClient } from './scim-client.ts';

export interface SyncOptions {
  admin: KeycloakAdminClient;
  realm: string;
  group?: string;
  /** The SAML client, whose NameID decides the attribute sent as userName and email (default: the email). */
  clientId?: string;
  scim: { baseUrl: string; token: string };
  /** The organization's verified domains, when known: users on others are skipped before anything is sent. */
  verifiedDomains?: readonly string[];
  syncLdap?: boolean;
  deactivateMissing?: boolean;
  dryRun?: boolean;
  progress?: (line: string) => void;
}

export interface SyncResult {
  nameIdAttribute: string;
  plan: SyncPlan;
  /** Absent on a dry run. */
  applied?: AppliedChange[];
  directorySyncs: Array<{ provider: string; status: string }>;
}

export async function syncToScim(options: SyncOptions): Promise<SyncResult> {
  const progress = options.progress ?? (() => {});
  const directorySyncs = options.syncLdap ? await syncUserStorage(options.admin, options.realm) : [];
  for (const sync of directorySyncs) progress(`User federation ${sync.provider}: ${sync.status}`);
  const attribute = await nameIdAttribute(options.admin, options.realm, options.clientId);
  const users = await realmUsers(options.admin, options.realm, options.group === undefined ? {} : { group: options.group });
  progress(`Read ${users.length} user(s) of realm ${options.realm}${options.group ? ` in group ${options.group}` : ''}; the NameID carries ${attribute}`);
  const client = new ScimClient({
    ...options.scim,
    onRateLimit: (waitMs) => progress(`Atlassian's SCIM API asks to slow down: waiting ${Math.round(waitMs / 100) / 10} s`),
  });
  const existing = await client.listUsers((seen, total) => {
    if (total > 100) progress(`Read ${seen} of ${total} SCIM users`);
  });
  const plan = planSync(
    users.map((user) => desiredUser(user, attribute, options.verifiedDomains)),
    existing,
    { deactivateMissing: options.deactivateMissing ?? false },
  );
  if (options.dryRun) return { nameIdAttribute: attribute, plan, directorySyncs };
  const applied = await applyPlan(client, plan, (done, of) => {
    if (done === of || done % 25 === 0) progress(`Applied ${done} of ${of} change(s)`);
  });
  return { nameIdAttribute: attribute, plan, applied, directorySyncs };
}
