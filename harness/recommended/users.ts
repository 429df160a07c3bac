/** The recommended configuration's people: who logs in, as Keycloak creates them and as Atlassian knows them. */
import type { AccountInput } from '../../sp-mock/index.ts';

export interface ScenarioUser {
  username: string;
  password: string;
  email?: string;
  firstName?: string;
  lastName?: string;
}

export const defaultDomain = 'acme.example';

/** A user as Keycloak's admin API creates it: enabled, email verified, a permanent password. */
export function userRepresentation(user: ScenarioUser) {
  return {
    username: user.username,
    enabled: true,
    ...(user.email ? { email: user.email, emailVerified: true } : {}),
    ...(user.firstName ? { firstName: user.firstName } : {}),
    ...(user.lastName ? { lastName: user.lastName } : {}),
    credentials: [{ type: 'password', value: user.password, temporary: false }],
  };
}

export const defaultUsers: readonly ScenarioUser[] = [
  { username: 'alice', password: 'alice-Passw0rd', email: `alice@${defaultDomain}`, firstName: 'Alice', lastName: 'Archer' },
];

/** The managed account Atlassian holds for a user with an email. */
export function accountFor(user: ScenarioUser & { email: string }): AccountInput {
  return {
    email: user.email,
    ...(user.firstName ? { givenName: user.firstName } : {}),
    ...(user.lastName ? { familyName: user.lastName } : {}),
  };
}

/** Managed accounts for everyone who has an email. */
export function accountsFor(users: readonly ScenarioUser[]): AccountInput[] {
  return users.filter((user): user is ScenarioUser & { email: string } => user.email !== undefined).map(accountFor);
}
