import KeycloakAdminClient from '@keycloak/keycloak-admin-client';
import { HarnessError } from '../errors.ts';
import type { AdminCredentials } from './started-keycloak.ts';

/** An admin client logged in to `master` with the password grant of `admin-cli`. */
export async function connectAdminClient(baseUrl: string, admin: AdminCredentials): Promise<KeycloakAdminClient> {
  const client = new KeycloakAdminClient({ baseUrl, realmName: 'master' });
  try {
    await client.auth({ grantType: 'password', clientId: 'admin-cli', username: admin.username, password: admin.password });
  } catch (error) {
    throw new HarnessError(
      'KC_ADMIN_FAILED',
      `Could not log in to the admin API at ${baseUrl} as "${admin.username}": ${(error as Error).message}`,
      'Check the admin user name and password (--admin-user / --admin-password) and that the base URL includes /auth when the server uses it.',
      { cause: error },
    );
  }
  return client;
}
