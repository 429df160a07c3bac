/** A file the harness takes from a Maven repository (Central, or the user's mirror), checked and cached. */
import type { HarnessError, HarnessErrorCode } from '../errors.ts';

export interface MavenArtifact {
  groupId: string;
  artifactId: string;
  version: string;
  /** `tar.gz`, `jar`: Maven's type, and the file's extension. */
  extension: string;
  /** How progress and errors name it: "Keycloak 26.7.3". */
  label: string;
  /** The codes of its errors, which name what failed for the user (KC_…, LDAP_…). */
  codes: { download: HarnessErrorCode; checksum: HarnessErrorCode };
  /** The error when the repository does not serve this version. */
  notServed(where: string, baseUrl?: string): Promise<HarnessError>;
}

export const artifactFileName = (artifact: MavenArtifact) => `${artifact.artifactId}-${artifact.version}.${artifact.extension}`;

/** Its folder in a repository's layout: `org/keycloak/keycloak-quarkus-dist/26.7.3`. */
export const artifactFolder = (artifact: MavenArtifact) => `${artifact.groupId.replaceAll('.', '/')}/${artifact.artifactId}/${artifact.version}`;

/** `group:artifact:version:type`, as `mvn dependency:copy -Dartifact=` takes it. */
export const artifactCoordinates = (artifact: MavenArtifact) =>
  `${artifact.groupId}:${artifact.artifactId}:${artifact.version}:${artifact.extension}`;
