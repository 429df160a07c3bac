/**
 * The recommended configuration, Atlassian side: an organization holding the three IdP values copied from
 * the realm, the users' domain verified and linked, and a managed account for everyone who logs in.
 * Atlassian's URL shapes are sp-mock's (sp-mock/model/atlassian-urls.ts): they are what Atlassian does.
 */
import type { OrganizationInput } from '../../sp-mock/index.ts';
import { accountsFor, defaultDomain, type ScenarioUser } from './users.ts';

export interface IdpValues {
  /** "Identity provider Entity ID" */
  entityId: string;
  /** "Identity provider SSO URL" */
  ssoUrl: string;
  /** "Public x509 certificate", PEM */
  certificate: string;
}

/** Atlassian requires the three IdP values at creation; the realm's real ones are set once it exists. */
export const pendingIdp: IdpValues = { entityId: 'pending', ssoUrl: 'https://pending.invalid/', certificate: 'pending' };

/** A domain as "Link domain" leaves it: verified, and linked to the identity provider's directory. */
export function linkedDomain(name: string = defaultDomain): { name: string; verified: boolean; linked: boolean } {
  return { name, verified: true, linked: true };
}

export function recommendedOrganization(users: readonly ScenarioUser[], idp: IdpValues = pendingIdp, domain: string = defaultDomain): OrganizationInput {
  return { idp, domains: [linkedDomain(domain)], accounts: accountsFor(users) };
}
