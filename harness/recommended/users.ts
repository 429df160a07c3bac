/** The recommended configuration's people: who logs in, as Keycloak creates them and as Atlassian knows them. */
import type UserRepresentation from '@keycloak/keycloak-admin-client/lib/defs/userRepresentation.js';
import type { AccountInput } from '../../sp-mock/index.ts';
import type { Authenticator } from '../login/one-time-code.ts';

export interface ScenarioUser {
  username: string;
  password: string;
  email?: string;
  firstName?: string;
  lastName?: string;
  /** The user's authenticator (TOTP), with the secret as Keycloak stores it. */
  authenticator?: Authenticator;
}

export const defaultDomain = 'acme.example';

/**
 * A user as an admin creates it: enabled, email verified, a permanent password (and the authenticator,
 * when the user has one); `differences` are the rest of a UserRepresentation, over these.
 */
export function userRepresentation(user: ScenarioUser, differences: UserRepresentation = {}): UserRepresentation {
  const { credentials = [], ...rest } = differences;
  return {
    username: user.username,
    enabled: true,
    ...(user.email ? { email: user.email, emailVerified: true } : {}),
    ...(user.firstName ? { firstName: user.firstName } : {}),
    ...(user.lastName ? { lastName: user.lastName } : {}),
    ...rest,
    credentials: [
      { type: 'password', value: user.password, temporary: false },
      ...(user.authenticator ? [totpCredential(user.authenticator)] : []),
      ...credentials,
    ],
  };
}

/** An authenticator as Keycloak exports it: the secret as stored, and the OTP policy it was set up under. */
function totpCredential(device: Authenticator) {
  return {
    type: 'otp',
    userLabel: 'authenticator',
    secretData: JSON.stringify({ value: device.secret }),
    credentialData: JSON.stringify({ subType: 'totp', digits: device.digits, counter: 0, period: device.period, algorithm: device.algorithm }),
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
