/**
 * Which Keycloak a capture came from, where its pages show it: the login theme its pages load
 * (`keycloak.v2`, the default login theme from Keycloak 26; `keycloak` before) and the `/auth` prefix of
 * Keycloak before 17. Only ever an inference, said as one; the fixes then use the console words of the
 * newest supported version of that range.
 */
import { compareVersions, defaultKeycloakVersion, supportedVersions } from '../keycloak/versions.ts';
import type { CapturedExchange } from './har-file.ts';

export interface VersionInference {
  readonly version: string;
  /** Why, in a sentence; absent when nothing in the capture showed it (the default was used). */
  readonly because?: string;
}

const newestBefore = (major: number) =>
  supportedVersions
    .map((supported) => supported.version)
    .filter((version) => compareVersions(version, `${major}.0.0`) < 0)
    .sort(compareVersions)
    .at(-1)!;

export function inferKeycloakVersion(exchanges: readonly CapturedExchange[], keycloakOrigin: string | undefined): VersionInference {
  const fromKeycloak = exchanges.filter((exchange) => keycloakOrigin === undefined || exchange.url.startsWith(keycloakOrigin));
  const text = fromKeycloak.map((exchange) => `${exchange.url}\n${exchange.body ?? ''}`).join('\n');
  if (/\/resources\/[^/"']+\/login\/keycloak\.v2\//.test(text)) {
    return { version: defaultKeycloakVersion, because: `Keycloak's pages load the keycloak.v2 login theme, the default from Keycloak 26: inferred 26 or later (words of ${defaultKeycloakVersion})` };
  }
  if (/\/resources\/[^/"']+\/login\/keycloak\//.test(text)) {
    const version = newestBefore(26);
    return { version, because: `Keycloak's pages load the keycloak login theme, the default before Keycloak 26: inferred before 26 (words of ${version})` };
  }
  if (/\/auth\/realms\//.test(text)) {
    const version = newestBefore(22);
    return { version, because: `Keycloak's URLs start with /auth, as before Keycloak 17 (or a server started with that relative path): words of ${version}` };
  }
  return { version: defaultKeycloakVersion };
}
