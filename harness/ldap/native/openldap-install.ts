/** Finds an installed OpenLDAP: the server, its tools, its schemas and its modules. */
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { HarnessError } from '../../errors.ts';
import { commandExists } from '../../process/command-exists.ts';
import { schemas } from './slapd-config.ts';

export interface OpenLdapInstall {
  slapd: string;
  ldapadd: string;
  ldapdelete: string;
  schemaDirectory: string;
  /** `undefined` when back_mdb is built into slapd. */
  modulePath: string | undefined;
}

/** Debian puts slapd in /usr/sbin, which is not on a user's PATH. */
const serverDirectories = ['/usr/sbin', '/usr/local/sbin', '/usr/libexec', '/usr/local/libexec'];
const schemaDirectories = ['/etc/ldap/schema', '/etc/openldap/schema', '/usr/local/etc/openldap/schema'];
const moduleDirectories = ['/usr/lib/ldap', '/usr/lib64/openldap', '/usr/lib/openldap', '/usr/local/libexec/openldap'];

export const installFix =
  'Install OpenLDAP (`apt-get install slapd ldap-utils` on Debian/Ubuntu, `dnf install openldap-servers openldap-clients` ' +
  'on Fedora; the harness runs its own slapd, the system one may stay stopped), or start Docker for the container runtime.';

export function findOpenLdap(path = process.env.PATH ?? ''): OpenLdapInstall {
  const directories = [...path.split(delimiter).filter(Boolean), ...serverDirectories];
  const find = (command: string, packageName: string): string => {
    const directory = directories.find((dir) => commandExists(command, dir));
    if (directory === undefined) {
      throw new HarnessError(
        'LDAP_UNAVAILABLE',
        `OpenLDAP's ${command} (package ${packageName}) is not installed: looked on PATH and in ${serverDirectories.join(', ')}`,
        installFix,
      );
    }
    return join(directory, command);
  };
  const install = {
    slapd: find('slapd', 'slapd'),
    ldapadd: find('ldapadd', 'ldap-utils'),
    ldapdelete: find('ldapdelete', 'ldap-utils'),
  };
  const schemaDirectory = schemaDirectories.find((dir) => schemas.every((schema) => existsSync(join(dir, `${schema}.schema`))));
  if (schemaDirectory === undefined) {
    throw new HarnessError(
      'LDAP_UNAVAILABLE',
      `slapd is installed but its schemas (${schemas.join(', ')}) are not in ${schemaDirectories.join(', ')}`,
      installFix,
    );
  }
  const modulePath = moduleDirectories.find((dir) => ['back_mdb.so', 'back_mdb.la'].some((file) => existsSync(join(dir, file))));
  return { ...install, schemaDirectory, modulePath };
}
