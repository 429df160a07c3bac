/**
 * The java command a build's kc.sh runs, recorded once and replayed by later starts. kc.sh quotes each of
 * its JVM options and arguments with a `sed` process of its own before Java starts: about 0.8 s of each
 * start on a 2-core machine (40 processes of ~20 ms). Recording it by running that very kc.sh with `JAVA`
 * set to a recorder keeps every version's own options, paths and main class, whatever the version's
 * script does; only the instance's folder, the harness's JVM options and the server's arguments change
 * from one start to the next.
 *
 * The recording is made with the server's arguments, ports as placeholders, since kc.sh rewrites some
 * (24–26.0 turn `start-dev` into `--profile=dev start-dev`). Where kc.sh runs Java twice (before 26.1: a
 * build check that exits, then the server with `-Dkc.config.built=true`), the recorder keeps the last
 * run, the server's: a cached build needs no check, so a replayed start also saves that first JVM.
 * Left out: `-Dkc.script.pid` (Keycloak reads it only to warn that a container's server is not PID 1).
 * Should Keycloak re-augment its build at start anyway (exit code 10, a damaged cache), the start goes
 * through kc.sh again (start-distribution.ts).
 */
import { existsSync, readFileSync } from 'node:fs';
import { chmod, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { spawnManaged } from '../../process/process-group.ts';
import type { BuildCache } from './build-cache.ts';

/** Stands in the recording for the harness's JVM options (JAVA_OPTS_APPEND, which kc.sh puts last of its options). */
const optionsMarker = '-Dsaml-harness.java-options';
const format = 1;

export interface RecordedLaunch {
  /** What kc.sh gave java, the options marker and the placeholders still in. */
  argv: string[];
  /** The server arguments it was recorded with; another set needs another recording. */
  serverArguments: string[];
  /** The build home the paths in `argv` name; an instance's home replaces it. */
  home: string;
}

export function launchFile(cache: BuildCache): string {
  return join(dirname(cache.home), `java-launch-v${format}.json`);
}

/** The launch recorded for these server arguments, if any. */
export function readRecordedLaunch(cache: BuildCache, serverArguments: readonly string[]): RecordedLaunch | undefined {
  const file = launchFile(cache);
  if (!existsSync(file)) return undefined;
  try {
    const launch = JSON.parse(readFileSync(file, 'utf8')) as RecordedLaunch;
    return JSON.stringify(launch.serverArguments) === JSON.stringify(serverArguments) && launch.home === cache.home ? launch : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Runs the build's kc.sh with a recorder as its java and keeps what it was given; `undefined` when the
 * script did not run it with the marker in place (a kc.sh unlike Keycloak's), so that starts keep using it.
 */
export async function recordJavaLaunch(cache: BuildCache, serverArguments: readonly string[]): Promise<RecordedLaunch | undefined> {
  const scratch = await mkdtemp(join(tmpdir(), 'saml-harness-java-launch-'));
  try {
    const recorder = join(scratch, 'java');
    const argvFile = join(scratch, 'argv');
    await writeFile(recorder, `#!/bin/sh\nfor argument in "$@"; do printf '%s\\0' "$argument"; done > '${argvFile}'\n`);
    await chmod(recorder, 0o755);
    // Only what kc.sh needs: its defaults, not a user's DEBUG, JAVA_LOCALE or KC_* variables.
    const script = spawnManaged(join(cache.home, 'bin', 'kc.sh'), [...serverArguments], {
      cwd: scratch,
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', JAVA: recorder, JAVA_OPTS_APPEND: optionsMarker },
      stdio: 'ignore',
    });
    const exit = await Promise.race([script.exited, new Promise<string>((resolve) => setTimeout(() => resolve('timeout'), 30_000).unref())]);
    if (exit !== 0) {
      await script.stop(1000);
      return undefined;
    }
    if (!existsSync(argvFile)) return undefined;
    const argv = (await readFile(argvFile, 'utf8')).split('\0').slice(0, -1).filter((argument) => !argument.startsWith('-Dkc.script.pid='));
    if (!argv.includes(optionsMarker) || !argv.some((argument) => argument.includes(`${cache.home}/`))) return undefined;
    const launch: RecordedLaunch = { argv, serverArguments: [...serverArguments], home: cache.home };
    const staging = `${launchFile(cache)}.tmp-${process.pid}`;
    await writeFile(staging, JSON.stringify(launch));
    await rename(staging, launchFile(cache));
    return launch;
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/** java's arguments for one instance: the recorded ones with its home, the harness's JVM options and the placeholders' values. */
export function javaArguments(launch: RecordedLaunch, instanceHome: string, javaOptions: readonly string[], values: Readonly<Record<string, string>>): string[] {
  return launch.argv.flatMap((argument) =>
    argument === optionsMarker ? [...javaOptions] : [fillPlaceholders(argument.split(`${launch.home}/`).join(`${instanceHome}/`), values)],
  );
}

export function fillPlaceholders(argument: string, values: Readonly<Record<string, string>>): string {
  return Object.entries(values).reduce((filled, [placeholder, value]) => filled.split(placeholder).join(value), argument);
}
