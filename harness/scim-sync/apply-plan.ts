/** Carries a sync plan out against the SCIM API, one user at a time, and says how each went. */
import { scimUserResource } from './desired-user.ts';
import type { PlannedChange, SyncPlan } from './plan.ts';
import { ScimRefusal, type ScimClient } from './scim-client.ts';

export interface AppliedChange {
  change: PlannedChange;
  /** Atlassian's answer when it refused the change. */
  refused?: { status: number; detail: string };
}

export async function applyPlan(client: ScimClient, plan: SyncPlan, progress: (done: number, of: number) => void = () => {}): Promise<AppliedChange[]> {
  const work = plan.changes.filter((change) => change.action === 'create' || change.action === 'update' || change.action === 'deactivate');
  const applied: AppliedChange[] = [];
  for (const [index, change] of work.entries()) {
    try {
      if (change.action === 'create') await client.createUser(scimUserResource(change.user));
      else if (change.action === 'update') await client.replaceUser(change.scimId, scimUserResource(change.user));
      else if (change.action === 'deactivate') await client.deactivateUser(change.scimId);
      applied.push({ change });
    } catch (error) {
      if (!(error instanceof ScimRefusal)) throw error;
      applied.push({ change, refused: { status: error.status, detail: error.detail } });
    }
    progress(index + 1, work.length);
  }
  return applied;
}
