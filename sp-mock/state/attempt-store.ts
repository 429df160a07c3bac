/**
 * Every login attempt the SP keeps, within fixed bounds: a number per organization (and for attempts tied
 * to none), and a total size over all of them. The oldest go first. One store, so that what an
 * organization lists and what `GET /admin/attempts/<id>` finds are always the same attempts.
 */
import type { LoginAttempt } from '../model/login-attempt.ts';

export interface AttemptLimits {
  /** Attempts kept per organization, and for attempts tied to no organization. */
  readonly perOrganization: number;
  /** Characters of stored text (SAML, RelayState, details) over all attempts. */
  readonly totalChars: number;
}

interface Stored {
  readonly attempt: LoginAttempt;
  readonly orgId: string;
  readonly chars: number;
}

/** The characters an attempt holds in its strings: what its memory grows with. */
export function storedChars(attempt: LoginAttempt): number {
  let chars = 0;
  const visit = (value: unknown): void => {
    if (typeof value === 'string') chars += value.length;
    else if (Array.isArray(value)) value.forEach(visit);
    else if (typeof value === 'object' && value !== null) Object.values(value).forEach(visit);
  };
  visit(attempt);
  return chars;
}

export class AttemptStore {
  /** In insertion order: the first is the oldest. */
  private readonly byId = new Map<string, Stored>();
  private readonly byOrganization = new Map<string, Set<string>>();
  private chars = 0;

  constructor(readonly limits: AttemptLimits) {}

  /** Keeps `attempt` (orgId '' for none), then drops the oldest beyond the limits. */
  record(attempt: LoginAttempt): void {
    const stored: Stored = { attempt, orgId: attempt.orgId, chars: storedChars(attempt) };
    this.byId.set(attempt.id, stored);
    this.chars += stored.chars;
    const ids = this.byOrganization.get(stored.orgId) ?? new Set<string>();
    ids.add(attempt.id);
    this.byOrganization.set(stored.orgId, ids);
    while (ids.size > this.limits.perOrganization) this.remove(ids.values().next().value!);
    while (this.chars > this.limits.totalChars && this.byId.size > 1) this.remove(this.byId.keys().next().value!);
  }

  get(id: string): LoginAttempt | undefined {
    return this.byId.get(id)?.attempt;
  }

  /** An organization's attempts, oldest first. */
  list(orgId: string): LoginAttempt[] {
    return [...(this.byOrganization.get(orgId) ?? [])].map((id) => this.byId.get(id)!.attempt);
  }

  deleteOrganization(orgId: string): void {
    for (const id of [...(this.byOrganization.get(orgId) ?? [])]) this.remove(id);
    this.byOrganization.delete(orgId);
  }

  get size(): number {
    return this.byId.size;
  }

  get totalChars(): number {
    return this.chars;
  }

  private remove(id: string): void {
    const stored = this.byId.get(id);
    if (stored === undefined) return;
    this.byId.delete(id);
    this.chars -= stored.chars;
    this.byOrganization.get(stored.orgId)?.delete(id);
  }
}
