/**
 * User federation → Add LDAP provider, as an admin does for OpenLDAP (the recommended provider), then a
 * scenario's differences from it.
 */
import type KeycloakAdminClient from '@keycloak/keycloak-admin-client';
import { HarnessError } from '../errors.ts';
import type { StartedLdap } from '../ldap/started-ldap.ts';
import { recommendedLdapProviderConfig } from '../recommended/directory.ts';

/** The realm's LDAP provider, as a login's verdict asks Keycloak about it. */
export interface LdapProvider {
  componentId: string;
  connectionUrl: string;
  bindDn: string;
}

/** What a scenario changes in the recommended provider. */
export interface LdapProviderDifferences {
  /** A bind credential other than the directory's. */
  bindCredential?: string;
  /** The LDAP attribute the "first name" mapper reads instead of givenName. */
  firstNameAttribute?: string;
}

export async function federateDirectory(
  admin: KeycloakAdminClient,
  realm: string,
  ldap: Pick<StartedLdap, 'usersDn' | 'bindDn' | 'bindPassword'>,
  differences: LdapProviderDifferences,
  connectionUrl: string,
): Promise<LdapProvider> {
  const config = recommendedLdapProviderConfig({
    connectionUrl,
    usersDn: ldap.usersDn,
    bindDn: ldap.bindDn,
    bindCredential: differences.bindCredential ?? ldap.bindPassword,
  });
  const { id } = await admin.components.create({
    realm,
    name: 'ldap',
    providerId: 'ldap',
    // No parentId: Keycloak makes the realm the parent (ComponentResource.create), saving a read of the realm.
    providerType: 'org.keycloak.storage.UserStorageProvider',
    config,
  });
  const firstNameAttribute = differences.firstNameAttribute;
  if (firstNameAttribute) {
    const mappers = await admin.components.find({ realm, parent: id });
    const firstName = mappers.find((mapper) => mapper.name === 'first name');
    if (!firstName?.id) throw new HarnessError('KC_ADMIN_FAILED', `Realm ${realm}: the LDAP provider has no "first name" mapper`, 'Check the LDAP provider\'s mappers.');
    await admin.components.update({ realm, id: firstName.id }, { ...firstName, config: { ...firstName.config, 'ldap.attribute': [firstNameAttribute] } });
  }
  return { componentId: id, connectionUrl, bindDn: ldap.bindDn };
}
