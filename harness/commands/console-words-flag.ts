/** `--keycloak-version` of the offline commands (check-response, check-har): whose console words the fixes use. */
import { HarnessError } from '../errors.ts';
import { consoleWordsVersion } from '../keycloak/console-words.ts';
import { defaultKeycloakVersion, parseVersion } from '../keycloak/versions.ts';

export function consoleWordsVersionFlag(version: string): string {
  try {
    parseVersion(version);
  } catch (error) {
    throw new HarnessError('USAGE', `--keycloak-version "${version}" is not a Keycloak version`, `Pass one such as ${defaultKeycloakVersion}.`, { cause: error });
  }
  return consoleWordsVersion(version);
}
