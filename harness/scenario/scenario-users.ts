/**
 * Who a scenario's realm holds: its `keycloak.users` (or the default user), each as someone who logs in
 * and as the UserRepresentation Keycloak gets. An entry named like a default user changes that user.
 */
import type UserRepresentation from '@keycloak/keycloak-admin-client/lib/defs/userRepresentation.js';
import { HarnessError } from '../errors.ts';
import { authenticator } from '../login/one-time-code.ts';
import { defaultUsers, userRepresentation, type ScenarioUser } from '../recommended/users.ts';
import type { Scenario } from './schema.ts';

export interface RealmUser {
  user: ScenarioUser;
  representation: UserRepresentation;
}

export function scenarioUsers(scenario: Scenario): RealmUser[] {
  const entries = scenario.keycloak.users;
  if (!entries) return scenario.ldap ? [] : defaultUsers.map((user) => ({ user, representation: userRepresentation(user) }));
  return entries.map((entry) => {
    const { username, password, totpSecret, email, firstName, lastName, ...differences } = entry;
    const base = defaultUsers.find((user) => user.username === username);
    const chosen = password ?? base?.password;
    if (chosen === undefined) {
      throw new HarnessError(
        'SCENARIO_INVALID',
        `Scenario ${scenario.id}: keycloak.users has "${username}" without a password`,
        `Give "${username}" a password (only a user named like a default user, ${defaultUsers.map((u) => u.username).join(', ')}, may leave it out).`,
      );
    }
    const user: ScenarioUser = {
      ...base,
      username,
      password: chosen,
      ...(email !== undefined ? { email } : {}),
      ...(firstName !== undefined ? { firstName } : {}),
      ...(lastName !== undefined ? { lastName } : {}),
      ...(totpSecret !== undefined ? { authenticator: authenticator(totpSecret, scenario.keycloak.realm) } : {}),
    };
    return { user, representation: userRepresentation(user, differences) };
  });
}
