/** Finds the JDKs on this machine and picks one that a Keycloak version supports. */
import { existsSync, readdirSync, readFileSync, realpathSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { HarnessError } from '../../errors.ts';
import type { VersionRules } from '../versions.ts';

export interface Jdk {
  home: string;
  /** Java feature version: 17, 21, 25... */
  feature: number;
  /** The full version string from the JDK's `release` file. */
  version: string;
  /** Where it was found: JAVA_HOME, PATH, or a JDK directory. */
  foundIn: string;
}

export interface JdkChoice {
  jdk: Jdk;
  reason: string;
  warning?: string;
}

export interface JdkSearch {
  javaHome?: string | undefined;
  path?: string | undefined;
  jvmDirectories?: readonly string[];
}

const defaultJvmDirectories = ['/usr/lib/jvm', '/Library/Java/JavaVirtualMachines'];

/** Reads `<home>/release`, which every JDK since 9 ships: JAVA_VERSION="17.0.15". */
export function readJdk(home: string, foundIn: string): Jdk | undefined {
  const release = join(home, 'release');
  if (!existsSync(release) || !existsSync(join(home, 'bin', 'java'))) return undefined;
  const match = /^JAVA_VERSION="([^"]+)"/m.exec(readFileSync(release, 'utf8'));
  if (!match?.[1]) return undefined;
  const version = match[1];
  const feature = Number(version.startsWith('1.') ? version.split('.')[1] : version.split(/[.+-]/)[0]);
  if (!Number.isInteger(feature)) return undefined;
  return { home: realpathSync(home), feature, version, foundIn };
}

export function findJdks(search: JdkSearch = {}): Jdk[] {
  const candidates: Array<[string, string]> = [];
  if (search.javaHome) candidates.push([search.javaHome, 'JAVA_HOME']);
  for (const dir of (search.path ?? '').split(delimiter).filter(Boolean)) {
    const java = join(dir, 'java');
    if (existsSync(java)) candidates.push([dirname(dirname(realpathSync(java))), 'PATH']);
  }
  for (const root of search.jvmDirectories ?? defaultJvmDirectories) {
    if (!existsSync(root)) continue;
    for (const entry of readdirSync(root).sort()) {
      const home = join(root, entry);
      candidates.push([existsSync(join(home, 'Contents', 'Home')) ? join(home, 'Contents', 'Home') : home, root]);
    }
  }
  const seen = new Map<string, Jdk>();
  for (const [home, foundIn] of candidates) {
    const jdk = readJdk(home, foundIn);
    if (jdk && !seen.has(jdk.home)) seen.set(jdk.home, jdk);
  }
  return [...seen.values()];
}

/**
 * JAVA_HOME wins when the version supports it (the user chose it); otherwise the newest supported JDK
 * (newer JVMs start faster, and 19+ can keep a class-data archive); a deprecated one only as a last resort.
 */
export function chooseJdk(rules: VersionRules, jdks: readonly Jdk[]): JdkChoice {
  const supported = new Set(rules.supportedJdks);
  const fromJavaHome = jdks.find((jdk) => jdk.foundIn === 'JAVA_HOME');
  if (fromJavaHome && supported.has(fromJavaHome.feature)) {
    return {
      jdk: fromJavaHome,
      reason: `JAVA_HOME is Java ${fromJavaHome.feature}, which Keycloak ${rules.version} supports`,
    };
  }
  const newest = (list: readonly Jdk[]) => [...list].sort((a, b) => b.feature - a.feature)[0];
  const best = newest(jdks.filter((jdk) => supported.has(jdk.feature)));
  if (best) {
    const skipped = fromJavaHome ? `; JAVA_HOME (Java ${fromJavaHome.feature}) is not supported by it` : '';
    return {
      jdk: best,
      reason: `the newest JDK that Keycloak ${rules.version} supports (Java ${rules.supportedJdks.join(', ')})${skipped}`,
    };
  }
  const deprecated = newest(jdks.filter((jdk) => rules.deprecatedJdks.includes(jdk.feature)));
  if (deprecated) {
    return {
      jdk: deprecated,
      reason: `no supported JDK found; Java ${deprecated.feature} still runs Keycloak ${rules.version}`,
      warning: `Keycloak ${rules.version} deprecates Java ${deprecated.feature}; install Java ${rules.supportedJdks[0]}`,
    };
  }
  const found = jdks.length
    ? jdks.map((jdk) => `Java ${jdk.feature} at ${jdk.home} (${jdk.foundIn})`).join('; ')
    : 'none';
  throw new HarnessError(
    'KC_NO_JDK',
    `No JDK on this machine runs Keycloak ${rules.version}, which needs Java ${rules.supportedJdks.join(' or ')}; found: ${found}`,
    `Install a JDK ${rules.supportedJdks.at(-1)} (Debian: apt-get install openjdk-${rules.supportedJdks.at(-1)}-jdk-headless) and set JAVA_HOME to it, or use --runtime container.`,
  );
}
