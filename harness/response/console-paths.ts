/** Console paths the fixes need that console-words.ts has no place for: the client's encryption and mapper settings. */
import type { ConsoleWords } from '../keycloak/console-words.ts';
import { compareVersions, defaultKeycloakVersion, oldestSupportedMajor } from '../keycloak/versions.ts';

/**
 * The version whose console words a fix uses: the server's own MAJOR.MINOR.PATCH (a vendor build such as
 * 24.0.5.redhat-00001 counts as 24.0.5), the oldest version with known words for older servers, and the
 * default for a version string that says nothing.
 */
export function consoleWordsVersion(version: string): string {
  const plain = /^(\d+\.\d+\.\d+)/.exec(version.trim())?.[1];
  if (plain === undefined) return defaultKeycloakVersion;
  const oldest = `${oldestSupportedMajor}.0.0`;
  return compareVersions(plain, oldest) < 0 ? oldest : plain;
}

// Labels console-words.ts does not hold (yet), as the admin console's message bundle words them (21–26.7).
const missingLabels: Readonly<Record<string, string>> = {
  encryptionKeysConfig: 'Encryption keys config',
  encryptAssertions: 'Encrypt assertions',
};

const label = (w: ConsoleWords, key: string) => (w.text(key) === key ? (missingLabels[key] ?? key) : w.text(key));

/** Where "Encrypt assertions" sits: the Keys tab, next to "Client signature required". */
export const encryptAssertionsPath = (w: ConsoleWords, client: string) =>
  `${w.text('clients')} → ${client} → ${w.text('keys')} → ${label(w, 'encryptionKeysConfig')} → ${label(w, 'encryptAssertions')}`;

/** Where the client's own mappers are. */
export const dedicatedMappersPath = (w: ConsoleWords, client: string) =>
  `${w.text('clients')} → ${client} → ${w.text('clientScopes')} → ${client}-dedicated → ${w.text('mappers')}`;
