/**
 * Everything about Keycloak that differs by version, in one place. Other modules ask `versionRules()`
 * instead of comparing version numbers themselves.
 */
import { HarnessError } from '../errors.ts';

export interface SupportedVersion {
  version: string;
  /** Where the server comes from: Maven Central's distribution, or only the container image. */
  source: 'distribution' | 'container';
  note?: string;
}

/** Pinned, tested versions. The default is the newest. */
export const supportedVersions: readonly SupportedVersion[] = [
  { version: '21.0.2', source: 'distribution' },
  {
    version: '21.1.2',
    source: 'container',
    note: 'Maven Central has no 21.1.x server archive: use the container runtime or --distribution-archive',
  },
  { version: '22.0.5', source: 'distribution' },
  { version: '23.0.7', source: 'distribution' },
  { version: '24.0.5', source: 'distribution' },
  { version: '25.0.6', source: 'distribution' },
  { version: '26.0.8', source: 'distribution' },
  { version: '26.7.3', source: 'distribution' },
];

export const defaultKeycloakVersion = '26.7.3';
export const oldestSupportedMajor = 21;

export interface ParsedVersion {
  major: number;
  minor: number;
  patch: number;
}

export function parseVersion(version: string): ParsedVersion {
  const match = /^(\d+)\.(\d+)\.(\d+)$/.exec(version.trim());
  if (!match) {
    throw new HarnessError(
      'KC_VERSION_UNSUPPORTED',
      `"${version}" is not a Keycloak version (expected MAJOR.MINOR.PATCH, e.g. ${defaultKeycloakVersion})`,
      `Pass a version such as ${defaultKeycloakVersion}; \`saml-harness keycloak versions\` lists the supported ones.`,
    );
  }
  return { major: Number(match[1]), minor: Number(match[2]), patch: Number(match[3]) };
}

export function compareVersions(a: string, b: string): number {
  const x = parseVersion(a);
  const y = parseVersion(b);
  return x.major - y.major || x.minor - y.minor || x.patch - y.patch;
}

export interface VersionRules {
  version: string;
  major: number;
  /** Java feature versions Keycloak supports, newest first; `deprecatedJdks` still run, with a warning. */
  supportedJdks: readonly number[];
  deprecatedJdks: readonly number[];
  /** Environment variables that create the first admin user. */
  adminEnv: { username: string; password: string };
  /** From 25 on, health and metrics live on a separate management interface (default port 9000). */
  hasManagementInterface: boolean;
  /** Where readiness is answered when health is enabled. */
  healthPort: 'http' | 'management';
  /** 24+ always runs the declarative user profile: missing email or names trigger VERIFY_PROFILE. */
  userProfileAlwaysOn: boolean;
  /** 24+ marks AUTH_SESSION_ID / KC_RESTART `Secure; SameSite=None`, even over plain HTTP. */
  secureLoginCookies: boolean;
  /**
   * Realms created or deleted at once without errors on the dev-file database: 21.0.2 fails parallel
   * realm creation with H2 "Timeout trying to lock table" (measured: 7 of 8 failed); 24.0.5 and 26.7.3
   * took 8 at once. 22 and 23 are untested, so kept serial.
   */
  parallelRealmWrites: number;
  /**
   * Who may open the dev-file database: `sa`/`password` until 26.1; from 26.2 on Keycloak sets none, so H2
   * made the database for the empty user (keycloak#39046).
   */
  devFileCredentials: { user: string; password: string };
}

export function versionRules(version: string): VersionRules {
  const { major, minor } = parseVersion(version);
  if (major < oldestSupportedMajor) {
    throw new HarnessError(
      'KC_VERSION_UNSUPPORTED',
      `Keycloak ${version} is older than ${oldestSupportedMajor}: the harness supports the Quarkus distribution from ${oldestSupportedMajor} on`,
      `Use Keycloak ${oldestSupportedMajor} or newer (${supportedVersions.map((v) => v.version).join(', ')}).`,
    );
  }
  return {
    version,
    major,
    supportedJdks: jdksFor(major, minor),
    deprecatedJdks: major === 21 ? [11] : major === 25 ? [17] : [],
    adminEnv:
      major >= 26
        ? { username: 'KC_BOOTSTRAP_ADMIN_USERNAME', password: 'KC_BOOTSTRAP_ADMIN_PASSWORD' }
        : { username: 'KEYCLOAK_ADMIN', password: 'KEYCLOAK_ADMIN_PASSWORD' },
    hasManagementInterface: major >= 25,
    healthPort: major >= 25 ? 'management' : 'http',
    userProfileAlwaysOn: major >= 24,
    secureLoginCookies: major >= 24,
    parallelRealmWrites: major >= 24 ? 4 : 1,
    devFileCredentials: major > 26 || (major === 26 && minor >= 2) ? { user: '', password: '' } : { user: 'sa', password: 'password' },
  };
}

function jdksFor(major: number, minor: number): readonly number[] {
  if (major <= 23) return [17];
  if (major === 24) return [21, 17];
  if (major === 25) return [21];
  if (major === 26 && minor < 6) return [21, 17];
  return [25, 21, 17];
}

/** The served versions nearest to `version`, for "not served" errors. */
export function nearestVersions(version: string, served: readonly string[], count = 3): string[] {
  const target = parseVersion(version);
  const distance = (v: string): number => {
    const p = parseVersion(v);
    return Math.abs(p.major - target.major) * 1e6 + Math.abs(p.minor - target.minor) * 1e3 + Math.abs(p.patch - target.patch);
  };
  return [...served]
    .filter((v) => /^\d+\.\d+\.\d+$/.test(v))
    .sort((a, b) => distance(a) - distance(b) || compareVersions(b, a))
    .slice(0, count);
}

/** Whether `version` satisfies every comparison in `range` ("<24", ">=24 <26", "26.7.3"). */
export function versionInRange(version: string, range: string): boolean {
  return range
    .trim()
    .split(/\s+/)
    .every((part) => {
      const match = /^(<=|>=|<|>|=)?(\d+(?:\.\d+){0,2})$/.exec(part);
      if (!match) throw new TypeError(`not a version range: ${range}`);
      const bound = match[2]!.split('.').map(Number);
      const padded = [bound[0] ?? 0, bound[1] ?? 0, bound[2] ?? 0].join('.');
      const precision = bound.length;
      const own = version.split('.').slice(0, precision).map(Number);
      const cmp = compareVersions([own[0] ?? 0, own[1] ?? 0, own[2] ?? 0].join('.'), padded);
      switch (match[1]) {
        case '<':
          return cmp < 0;
        case '<=':
          return cmp <= 0;
        case '>':
          return cmp > 0;
        case '>=':
          return cmp >= 0;
        default:
          return cmp === 0;
      }
    });
}
