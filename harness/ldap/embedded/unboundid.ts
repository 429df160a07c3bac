/**
 * The embedded directory: UnboundID's in-memory LDAP server (the one Spring's embedded LDAP builds on),
 * from Maven Central, run by its own command-line tool on the JDK the distribution runtime needs anyway.
 * What it gives Keycloak's LDAP federation, checked against OpenLDAP (test/ldap/): simple
 * bind of people and of the administrator, subtree search, entryUUID, {SSHA} passwords, result 49 for a
 * wrong password, a refused connection once stopped, the standard schema's object classes. Where it
 * differs from OpenLDAP: no access control (anonymous searches read every attribute, userPassword
 * included), and no IA5String check of mail (a non-ASCII address is stored). It listens on every
 * interface: the tool has no option for an address; the directory holds test people only.
 */
import { HarnessError } from '../../errors.ts';
import type { MavenArtifact } from '../../maven/artifact.ts';

export const unboundIdVersion = '7.0.3';

export const unboundIdJar: MavenArtifact = {
  groupId: 'com.unboundid',
  artifactId: 'unboundid-ldapsdk',
  version: unboundIdVersion,
  extension: 'jar',
  label: `the UnboundID LDAP SDK ${unboundIdVersion} (the embedded directory)`,
  codes: { download: 'LDAP_DOWNLOAD_FAILED', checksum: 'LDAP_CHECKSUM_MISMATCH' },
  notServed: async (where) =>
    new HarnessError(
      'LDAP_DOWNLOAD_FAILED',
      `${where} does not serve com.unboundid:unboundid-ldapsdk:${unboundIdVersion}`,
      'Point SAML_HARNESS_MAVEN_URL (or your Maven mirror) at a repository that serves Maven Central, or use another directory runtime.',
    ),
};

export const serverClass = 'com.unboundid.ldap.listener.InMemoryDirectoryServerTool';
/** What the tool prints once it accepts connections. */
export const listeningLine = /Listening for client connections on port (\d+)/;

/** The tool's arguments: one base DN, the administrator as an additional bind DN, SSHA passwords, the standard schema. */
export function serverArguments(options: { baseDn: string; port: number; bindDn: string; bindPassword: string }): string[] {
  return [
    '--baseDN',
    options.baseDn,
    '--port',
    String(options.port),
    '--additionalBindDN',
    options.bindDn,
    '--additionalBindPassword',
    options.bindPassword,
    // New passwords are stored as {SSHA}, and stored {SSHA} values are understood, as OpenLDAP does.
    '--defaultPasswordEncoding',
    'SSHA',
    '--useDefaultSchema',
    '--accessLogToStandardOut',
  ];
}
