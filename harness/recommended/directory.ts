/** The recommended configuration's directory: the LDAP federation an admin sets up, and its people as users. */
import type { LdapPerson } from '../ldap/started-ldap.ts';
import type { ScenarioUser } from './users.ts';

export interface DirectoryValues {
  /** As Keycloak reaches it. */
  connectionUrl: string;
  usersDn: string;
  bindDn: string;
  bindCredential: string;
}

/**
 * The LDAP user federation an admin sets up for OpenLDAP (vendor "Other"), read-only: Keycloak
 * authenticates against the directory and imports the user; it writes nothing back.
 */
export function recommendedLdapProviderConfig(directory: DirectoryValues): Record<string, string[]> {
  return {
    enabled: ['true'],
    vendor: ['other'],
    connectionUrl: [directory.connectionUrl],
    usersDn: [directory.usersDn],
    bindDn: [directory.bindDn],
    bindCredential: [directory.bindCredential],
    authType: ['simple'],
    editMode: ['READ_ONLY'],
    usernameLDAPAttribute: ['uid'],
    rdnLDAPAttribute: ['uid'],
    uuidLDAPAttribute: ['entryUUID'],
    userObjectClasses: ['inetOrgPerson, organizationalPerson'],
    searchScope: ['1'],
    importEnabled: ['true'],
    syncRegistrations: ['false'],
    trustEmail: ['true'],
    pagination: ['false'],
    connectionPooling: ['false'],
  };
}

/** A directory person as someone who logs in (and as Atlassian would know them). */
export function directoryUser(person: LdapPerson): ScenarioUser {
  return {
    username: person.uid,
    password: person.password,
    ...(person.mail ? { email: person.mail } : {}),
    ...(person.givenName ? { firstName: person.givenName } : {}),
    lastName: person.sn,
  };
}
