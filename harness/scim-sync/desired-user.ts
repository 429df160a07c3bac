/**
 * A Keycloak user as Atlassian's SCIM API takes it: userName and the primary work email from the
 * attribute the SAML NameID carries, the names, displayName, active = enabled, externalId = Keycloak's
 * user id. Or why the user is not sent.
 */
import type UserRepresentation from '@keycloak/keycloak-admin-client/lib/defs/userRepresentation.js';

export interface DesiredUser {
  /** Keycloak's username and id, to name the user in the plan. */
  username: string;
  externalId: string;
  userName: string;
  email: string;
  givenName?: string;
  familyName?: string;
  displayName: string;
  active: boolean;
}

export type Desired = { user: DesiredUser } | { skipped: { username: string; reason: string } };

export function desiredUser(user: UserRepresentation, nameIdAttribute: string, verifiedDomains: readonly string[] | undefined): Desired {
  const username = user.username ?? user.id ?? '?';
  const value = nameIdAttribute === 'email' ? user.email : nameIdAttribute === 'username' ? user.username : firstValue(user.attributes?.[nameIdAttribute]);
  if (!value) return { skipped: { username, reason: `no ${nameIdAttribute === 'email' ? 'email' : `${nameIdAttribute} (the attribute the NameID carries)`}` } };
  if (!/^[^@\s]+@[^@\s]+$/.test(value)) return { skipped: { username, reason: `the NameID value ${value} is not an email: Atlassian matches accounts by email` } };
  const domain = value.slice(value.lastIndexOf('@') + 1).toLowerCase();
  if (verifiedDomains && !verifiedDomains.some((verified) => verified.toLowerCase() === domain)) {
    return { skipped: { username, reason: `${domain} is not a verified domain of the organization` } };
  }
  const displayName = [user.firstName, user.lastName].filter(Boolean).join(' ') || value;
  return {
    user: {
      username,
      externalId: user.id!,
      userName: value,
      email: value,
      ...(user.firstName ? { givenName: user.firstName } : {}),
      ...(user.lastName ? { familyName: user.lastName } : {}),
      displayName,
      active: user.enabled !== false,
    },
  };
}

function firstValue(value: unknown): string | undefined {
  return Array.isArray(value) ? (value[0] as string | undefined) : typeof value === 'string' ? value : undefined;
}

/** The SCIM resource Atlassian is sent for a user. */
export function scimUserResource(user: DesiredUser): Record<string, unknown> {
  return {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
    userName: user.userName,
    externalId: user.externalId,
    emails: [{ value: user.email, primary: true, type: 'work' }],
    name: { ...(user.givenName ? { givenName: user.givenName } : {}), ...(user.familyName ? { familyName: user.familyName } : {}) },
    displayName: user.displayName,
    active: user.active,
  };
}
