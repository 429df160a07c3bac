/** One Atlassian organization held by the mock: settings, accounts, SCIM directory, login memory. */
import type { JudgedOrganization } from '../judge/types.ts';
import { atlassianAcsUrl, atlassianSpEntityId } from '../model/atlassian-urls.ts';
import type { DomainView, OrganizationView } from '../model/organization.ts';
import { ScimDirectory, type DirectoryOwner } from '../scim/directory.ts';
import { AccountBook } from './account-book.ts';
import { ExpiringMap } from './expiring-map.ts';
import type { SpMockLimits } from './limits.ts';

export interface OrganizationSettings {
  idp: { entityId: string; ssoUrl: string; certificate: string };
  /** Set when the admin chose one; otherwise https://auth.atlassian.com/saml/<id>. */
  spEntityId?: string;
  domains: DomainView[];
  jit: { enabled: boolean };
  defaultPolicyEnforcesSso: boolean;
  requestedNameIdFormat: string;
  clockOffsetMs: number;
  scimToken: string;
}

export interface OutstandingRequest {
  readonly id: string;
  readonly xml: string;
  readonly relayState?: string;
  readonly email: string;
}

export type OrganizationLimits = Pick<SpMockLimits, 'maxOutstandingRequests' | 'maxUsedAssertionIds'>;

export class Organization implements DirectoryOwner {
  readonly accounts = new AccountBook();
  readonly directory: ScimDirectory;
  readonly outstandingRequests: ExpiringMap<OutstandingRequest>;
  readonly usedAssertionIds: ExpiringMap<true>;

  constructor(
    readonly id: string,
    directoryId: string,
    public settings: OrganizationSettings,
    readonly limits: OrganizationLimits,
  ) {
    this.directory = new ScimDirectory(directoryId, this);
    this.outstandingRequests = new ExpiringMap(limits.maxOutstandingRequests);
    this.usedAssertionIds = new ExpiringMap(limits.maxUsedAssertionIds);
  }

  get defaultPolicyEnforcesSso(): boolean {
    return this.settings.defaultPolicyEnforcesSso;
  }

  verifiedDomains(): string[] {
    return this.settings.domains.filter((domain) => domain.verified).map((domain) => domain.name);
  }

  get spEntityId(): string {
    return this.settings.spEntityId ?? atlassianSpEntityId(this.id);
  }

  acsUrl(publicUrl: string): string {
    return atlassianAcsUrl(this.id, publicUrl);
  }

  view(publicUrl: string): OrganizationView {
    const { settings } = this;
    return {
      id: this.id,
      spEntityId: this.spEntityId,
      acsUrl: this.acsUrl(publicUrl),
      loginUrl: `${publicUrl}/login?org=${this.id}`,
      scim: {
        baseUrl: `${publicUrl}/scim/directory/${this.directory.id}`,
        token: settings.scimToken,
        directoryId: this.directory.id,
      },
      idp: { ...settings.idp },
      domains: settings.domains.map((domain) => ({ ...domain })),
      accounts: this.accounts.list(),
      jit: { ...settings.jit },
      defaultPolicyEnforcesSso: settings.defaultPolicyEnforcesSso,
      requestedNameIdFormat: settings.requestedNameIdFormat,
      clockOffsetMs: settings.clockOffsetMs,
    };
  }

  judged(publicUrl: string): JudgedOrganization {
    return this.view(publicUrl);
  }
}
