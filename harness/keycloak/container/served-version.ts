/** A team's own image may hold another Keycloak than the version asked for, and every expectation is per version. */
import { HarnessError } from '../../errors.ts';
import { connectAdminClient } from '../admin-client.ts';
import type { AdminCredentials } from '../started-keycloak.ts';
import { keycloakImageEnvVariable } from './keycloak-container.ts';

export async function checkServedVersion(baseUrl: string, admin: AdminCredentials, version: string, image: string): Promise<void> {
  const client = await connectAdminClient(baseUrl, admin);
  const served = (await client.serverInfo.find()).systemInfo?.version;
  if (served && served !== version) {
    throw new HarnessError(
      'KC_IMAGE_VERSION_MISMATCH',
      `The image ${image} runs Keycloak ${served}, not the requested ${version}`,
      `Run it as --keycloak-version ${served}, or give an image of ${version} (\`{version}\` in ${keycloakImageEnvVariable} stands for the version).`,
    );
  }
}
