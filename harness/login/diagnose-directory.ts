/**
 * Keycloak shows "Invalid username or password." both for a wrong password and for a directory it cannot
 * search. When a realm brokers LDAP, ask Keycloak itself — the admin console's "Test connection" and
 * "Test authentication" — which one it was.
 */
import type KeycloakAdminClient from '@keycloak/keycloak-admin-client';
import type { LoginOutcome } from './outcome.ts';
import type { LdapProvider } from '../keycloak/ldap-federation.ts';

/** The bind credential as the admin console sends it back: masked, so that Keycloak uses the stored one. */
const storedSecret = '**********';

/** The realm's directory, for the verdict to ask Keycloak about. */
export interface DirectoryInQuestion {
  admin: KeycloakAdminClient;
  realm: string;
  provider: LdapProvider;
}

export async function diagnoseDirectory({ admin, realm, provider }: DirectoryInQuestion, outcome: LoginOutcome): Promise<LoginOutcome> {
  if (outcome.code !== 'KEYCLOAK_INVALID_CREDENTIALS' && outcome.code !== 'KEYCLOAK_UNEXPECTED_ERROR') return outcome;
  const common = { connectionUrl: provider.connectionUrl, componentId: provider.componentId, authType: 'simple', useTruststoreSpi: 'never' };
  const failed = async (payload: Record<string, string>) =>
    admin.realms.testLDAPConnection({ realm }, payload).then(
      () => false,
      () => true,
    );
  if (await failed({ ...common, action: 'testConnection' })) {
    return {
      ...outcome,
      code: 'KEYCLOAK_LDAP_UNREACHABLE',
      message: `Keycloak cannot reach the LDAP directory at ${provider.connectionUrl} ("Test connection" fails), so it cannot look the user up; it shows this as a wrong user name or password.`,
    };
  }
  if (await failed({ ...common, action: 'testAuthentication', bindDn: provider.bindDn, bindCredential: storedSecret })) {
    return {
      ...outcome,
      code: 'KEYCLOAK_LDAP_BIND_FAILED',
      message: `Keycloak reaches the LDAP directory but cannot bind as ${provider.bindDn} ("Test authentication" fails), so it cannot search for the user; it shows this as a wrong user name or password.`,
    };
  }
  return outcome;
}
