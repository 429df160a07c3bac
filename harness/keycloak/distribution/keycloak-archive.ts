/** Keycloak's server archive as Maven Central serves it: `org.keycloak:keycloak-quarkus-dist:<v>:tar.gz`. */
import { HarnessError } from '../../errors.ts';
import type { MavenArtifact } from '../../maven/artifact.ts';
import { mavenRepositoryUrl } from '../../maven/fetchers.ts';
import { nearestVersions, supportedVersions } from '../versions.ts';

const groupPath = 'org/keycloak/keycloak-quarkus-dist';

export function keycloakArchive(version: string): MavenArtifact {
  return {
    groupId: 'org.keycloak',
    artifactId: 'keycloak-quarkus-dist',
    version,
    extension: 'tar.gz',
    label: `Keycloak ${version}`,
    codes: { download: 'KC_DOWNLOAD_FAILED', checksum: 'KC_CHECKSUM_MISMATCH' },
    notServed: (where, baseUrl) => versionNotServed(version, where, baseUrl),
  };
}

/** Versions the repository serves, from its maven-metadata.xml; the pinned list when it cannot be read. */
export async function servedVersions(baseUrl = mavenRepositoryUrl()): Promise<string[]> {
  try {
    const response = await fetch(`${baseUrl}/${groupPath}/maven-metadata.xml`, {
      signal: AbortSignal.timeout(10_000),
    });
    if (response.ok) {
      const versions = [...(await response.text()).matchAll(/<version>([^<]+)<\/version>/g)].map((m) => m[1]!);
      if (versions.length) return versions;
    }
  } catch {
    // Offline or blocked: fall back to what we pinned.
  }
  return supportedVersions.filter((v) => v.source === 'distribution').map((v) => v.version);
}

export async function versionNotServed(version: string, where: string, baseUrl?: string): Promise<HarnessError> {
  const nearest = nearestVersions(version, await servedVersions(baseUrl));
  return new HarnessError(
    'KC_VERSION_NOT_SERVED',
    `${where} does not serve the Keycloak ${version} server distribution; nearest served: ${nearest.join(', ')}`,
    `Pick one of ${nearest.join(', ')}, run ${version} with --runtime container, or pass an archive you have with --distribution-archive PATH.`,
  );
}
