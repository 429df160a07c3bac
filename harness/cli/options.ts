/** Option parsers and options shared by several commands. */
import { InvalidArgumentError, Option } from 'commander';

// No defaults here: without the flag, the environment variable decides, then `auto` (start-keycloak.ts, start-ldap.ts).
export const runtimeOption = () =>
  new Option(
    '--runtime <runtime>',
    'where Keycloak runs: a container, or the server distribution on a local JDK (default: $SAML_HARNESS_RUNTIME, else auto)',
  ).choices(['auto', 'container', 'distribution']);

export const keycloakImageOption = () =>
  new Option(
    '--keycloak-image <image>',
    'the container runtime\'s Keycloak image; {version} stands for the version (default: $SAML_HARNESS_KEYCLOAK_IMAGE, else quay.io/keycloak/keycloak)',
  );

export const ldapRuntimeOption = () =>
  new Option(
    '--ldap-runtime <runtime>',
    'where the LDAP scenarios\' directories run: a container, slapd on this machine, or the embedded directory on a JDK (default: $SAML_HARNESS_LDAP_RUNTIME, else auto)',
  ).choices(['auto', 'container', 'native', 'embedded']);

export const ldapImageOption = () =>
  new Option(
    '--ldap-image <image>',
    'the directory container\'s image: any image with slapd and ldap-utils (default: $SAML_HARNESS_LDAP_IMAGE, else bitnamilegacy/openldap:2.6.10)',
  );

/** A master-realm admin of a user's own Keycloak (audit, scim-sync). */
export const adminUserOption = () =>
  new Option('--admin-user <user>', "a master-realm admin (default: $SAML_HARNESS_ADMIN_USER, or the harness's own detached Keycloak at that URL)");
export const adminPasswordOption = () => new Option('--admin-password <password>', 'its password (default: $SAML_HARNESS_ADMIN_PASSWORD)');

export function list(value: string): string[] {
  return value.split(',').map((item) => item.trim()).filter(Boolean);
}

export function positiveInteger(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1) throw new InvalidArgumentError('expected a whole number above 0');
  return parsed;
}

export function port(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1 || parsed > 65535) throw new InvalidArgumentError('expected a TCP port (1-65535)');
  return parsed;
}

export function seconds(value: string): number {
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed <= 0) throw new InvalidArgumentError('expected a number of seconds');
  return parsed * 1000;
}
