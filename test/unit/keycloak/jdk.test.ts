import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { chooseJdk, findJdks } from '../../../harness/keycloak/distribution/jdk.ts';
import { versionRules } from '../../../harness/keycloak/versions.ts';

const roots: string[] = [];
afterEach(() => roots.splice(0).forEach((root) => rmSync(root, { recursive: true, force: true })));

/** A folder shaped like a JDK: bin/java and the `release` file every JDK since 9 ships. */
function fakeJdk(root: string, name: string, javaVersion: string): string {
  const home = join(root, name);
  mkdirSync(join(home, 'bin'), { recursive: true });
  writeFileSync(join(home, 'bin', 'java'), '#!/bin/sh\n');
  chmodSync(join(home, 'bin', 'java'), 0o755);
  writeFileSync(join(home, 'release'), `IMPLEMENTOR="Test"\nJAVA_VERSION="${javaVersion}"\n`);
  return home;
}

function jvmDirectory(...jdks: Array<[string, string]>): string {
  const root = mkdtempSync(join(tmpdir(), 'saml-harness-jvm-'));
  roots.push(root);
  for (const [name, version] of jdks) fakeJdk(root, name, version);
  return root;
}

describe('JDK selection', () => {
  test('finds JDKs in a JVM folder and reads their feature version', () => {
    const root = jvmDirectory(['java-17', '17.0.15'], ['temurin-25', '25.0.3']);
    const found = findJdks({ jvmDirectories: [root], path: '' });
    expect(found.map((jdk) => [jdk.feature, jdk.version])).toEqual([
      [17, '17.0.15'],
      [25, '25.0.3'],
    ]);
  });

  test('the newest supported JDK wins when JAVA_HOME is not set', () => {
    const root = jvmDirectory(['java-17', '17.0.15'], ['temurin-25', '25.0.3']);
    const choice = chooseJdk(versionRules('26.7.3'), findJdks({ jvmDirectories: [root], path: '' }));
    expect(choice.jdk.feature).toBe(25);
    expect(choice.reason).toContain('newest JDK that Keycloak 26.7.3 supports');
  });

  test('Keycloak 21 gets Java 17 even when a newer JDK is present', () => {
    const root = jvmDirectory(['java-17', '17.0.15'], ['temurin-25', '25.0.3']);
    expect(chooseJdk(versionRules('21.0.2'), findJdks({ jvmDirectories: [root], path: '' })).jdk.feature).toBe(17);
  });

  test('a supported JAVA_HOME is preferred and the reason says so', () => {
    const root = jvmDirectory(['java-17', '17.0.15'], ['temurin-25', '25.0.3']);
    const choice = chooseJdk(
      versionRules('26.7.3'),
      findJdks({ javaHome: join(root, 'java-17'), jvmDirectories: [root], path: '' }),
    );
    expect(choice.jdk.feature).toBe(17);
    expect(choice.reason).toContain('JAVA_HOME');
  });

  test('an unsupported JAVA_HOME is passed over, and the reason says so', () => {
    const root = jvmDirectory(['java-17', '17.0.15'], ['temurin-25', '25.0.3']);
    const choice = chooseJdk(
      versionRules('21.0.2'),
      findJdks({ javaHome: join(root, 'temurin-25'), jvmDirectories: [root], path: '' }),
    );
    expect(choice.jdk.feature).toBe(17);
    expect(choice.reason).toContain('JAVA_HOME (Java 25) is not supported');
  });

  test('a deprecated JDK is used only as a last resort, with a warning', () => {
    const root = jvmDirectory(['java-17', '17.0.15']);
    const choice = chooseJdk(versionRules('25.0.6'), findJdks({ jvmDirectories: [root], path: '' }));
    expect(choice.jdk.feature).toBe(17);
    expect(choice.warning).toContain('deprecates Java 17');
  });

  test('no fitting JDK is an error that lists what was found', () => {
    const root = jvmDirectory(['temurin-25', '25.0.3']);
    expect(() => chooseJdk(versionRules('21.0.2'), findJdks({ jvmDirectories: [root], path: '' }))).toThrowError(
      expect.objectContaining({ code: 'KC_NO_JDK', message: expect.stringContaining('found: Java 25 at') }),
    );
  });
});
