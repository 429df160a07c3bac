/** Everything the mock SP holds: organizations by id and directory, and every login attempt by id. */
import { randomBytes, randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { FixOverrides } from '../rules/catalogue.ts';
import type { LoginAttempt } from '../model/login-attempt.ts';
import {
  DEFAULT_REQUESTED_NAMEID_FORMAT,
  type AccountView,
  type organizationInputSchema,
  type organizationPatchSchema,
} from '../model/organization.ts';
import { AttemptStore } from './attempt-store.ts';
import { newId } from './ids.ts';
import { defaultLimits, type SpMockLimits } from './limits.ts';
import { Organization } from './organization.ts';

export type ValidOrganizationInput = z.output<typeof organizationInputSchema>;
export type ValidOrganizationPatch = z.output<typeof organizationPatchSchema>;

export interface SpMockOptions {
  /** The URL the SP is reached at (ACS and SCIM URLs are built from it); set by startSpMock once listening. */
  readonly publicUrl?: string;
  /** Replaces catalogue fix texts (for example for one Keycloak version's menu names). */
  readonly fixes?: FixOverrides;
  /** Limits other than the defaults (limits.ts). */
  readonly limits?: Partial<SpMockLimits>;
  /** The SP listens beyond this machine (its console then says that it has no login). */
  readonly listensBeyondLoopback?: boolean;
}

function accountsFrom(input: ValidOrganizationInput['accounts']): AccountView[] {
  return input.map((account) => ({ ...account, source: 'admin' as const }));
}

export class SpMockState {
  publicUrl: string;
  readonly fixes: FixOverrides | undefined;
  readonly limits: SpMockLimits;
  private readonly organizations = new Map<string, Organization>();
  private readonly directories = new Map<string, Organization>();
  private readonly attempts: AttemptStore;

  constructor(options: SpMockOptions = {}) {
    this.publicUrl = (options.publicUrl ?? 'http://127.0.0.1').replace(/\/+$/, '');
    this.fixes = options.fixes;
    this.limits = { ...defaultLimits, ...options.limits };
    this.attempts = new AttemptStore({ perOrganization: this.limits.maxAttemptsPerOrganization, totalChars: this.limits.maxStoredChars });
  }

  createOrganization(input: ValidOrganizationInput): Organization {
    const id = input.id ?? this.unusedId();
    if (this.organizations.has(id)) throw new TypeError(`an organization with the id ${id} exists already`);
    const organization = new Organization(
      id,
      randomUUID(),
      {
        idp: input.idp,
        ...(input.spEntityId === undefined ? {} : { spEntityId: input.spEntityId }),
        domains: input.domains,
        jit: input.jit ?? { enabled: false },
        defaultPolicyEnforcesSso: input.defaultPolicyEnforcesSso ?? true,
        requestedNameIdFormat: input.requestedNameIdFormat ?? DEFAULT_REQUESTED_NAMEID_FORMAT,
        clockOffsetMs: input.clockOffsetMs ?? 0,
        scimToken: input.scim?.token ?? randomBytes(24).toString('base64url'),
      },
      this.limits,
    );
    organization.accounts.replaceAll(accountsFrom(input.accounts));
    this.organizations.set(id, organization);
    this.directories.set(organization.directory.id, organization);
    return organization;
  }

  private unusedId(): string {
    let id = newId(10);
    while (this.organizations.has(id)) id = newId(10);
    return id;
  }

  updateOrganization(organization: Organization, patch: ValidOrganizationPatch): void {
    const { settings } = organization;
    organization.settings = {
      ...settings,
      idp: { ...settings.idp, ...patch.idp },
      ...(patch.spEntityId === undefined ? {} : { spEntityId: patch.spEntityId }),
      ...(patch.domains === undefined ? {} : { domains: patch.domains }),
      ...(patch.jit === undefined ? {} : { jit: patch.jit }),
      ...(patch.defaultPolicyEnforcesSso === undefined ? {} : { defaultPolicyEnforcesSso: patch.defaultPolicyEnforcesSso }),
      ...(patch.requestedNameIdFormat === undefined ? {} : { requestedNameIdFormat: patch.requestedNameIdFormat }),
      ...(patch.clockOffsetMs === undefined ? {} : { clockOffsetMs: patch.clockOffsetMs }),
      ...(patch.scim?.token === undefined ? {} : { scimToken: patch.scim.token }),
    };
    if (patch.accounts !== undefined) organization.accounts.replaceAll(accountsFrom(patch.accounts));
  }

  deleteOrganization(organization: Organization): void {
    this.organizations.delete(organization.id);
    this.directories.delete(organization.directory.id);
    this.attempts.deleteOrganization(organization.id);
  }

  organization(id: string): Organization | undefined {
    return this.organizations.get(id);
  }

  organizationByDirectory(directoryId: string): Organization | undefined {
    return this.directories.get(directoryId);
  }

  list(): Organization[] {
    return [...this.organizations.values()];
  }

  /** Organizations that list this email domain, in whatever state. */
  organizationsWithDomain(domain: string): Organization[] {
    return this.list().filter((organization) => organization.settings.domains.some((candidate) => candidate.name === domain));
  }

  /** Keeps an attempt (its orgId names its organization, '' none), within the limits. */
  recordAttempt(attempt: LoginAttempt): void {
    this.attempts.record(attempt);
  }

  attempt(attemptId: string): LoginAttempt | undefined {
    return this.attempts.get(attemptId);
  }

  /** An organization's attempts, oldest first. */
  attemptsOf(organization: Organization): LoginAttempt[] {
    return this.attempts.list(organization.id);
  }

  /** How many attempts are kept, and how many characters they hold. */
  attemptStorage(): { attempts: number; chars: number } {
    return { attempts: this.attempts.size, chars: this.attempts.totalChars };
  }
}
