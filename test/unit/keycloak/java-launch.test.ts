/**
 * The java command a build's kc.sh runs, recorded and replayed (java-launch.ts). The scripts here do what
 * Keycloak's kc.sh does with its inputs (its home from its own path, JAVA_OPTS_APPEND after its options,
 * the server's arguments rewritten, a build check run before the server); the real kc.sh of every
 * supported version goes through it in the integration tests, whose Keycloak starts this way.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import type { BuildCache } from '../../../harness/keycloak/distribution/build-cache.ts';
import { javaArguments, readRecordedLaunch, recordJavaLaunch } from '../../../harness/keycloak/distribution/java-launch.ts';
import { temporaryFolder } from '../../support/temporary-folder.ts';

function buildWith(kcScript: string): BuildCache {
  const root = temporaryFolder('saml-harness-java-launch-test-');
  const home = join(root, 'keycloak');
  mkdirSync(join(home, 'bin'), { recursive: true });
  writeFileSync(join(home, 'bin', 'kc.sh'), kcScript, { mode: 0o755 });
  return { home, builtMarker: join(home, '.built'), templateData: join(root, 'data'), realmPoolFile: join(root, 'realms.json'), classDataArchive: undefined };
}

// As 24–26.0's kc.sh: `start-dev` gains `--profile=dev`, a build check runs first, then the server.
const likeKeycloak24 = `#!/bin/sh
HOME_DIR="$(dirname "$(readlink -f "$0")")/.."
ARGS=""
for a in "$@"; do case "$a" in start-dev) ARGS="$ARGS --profile=dev start-dev";; *) ARGS="$ARGS $a";; esac; done
RUN="-XX:+UseG1GC -Xms64m $JAVA_OPTS_APPEND -Dkc.home.dir=$HOME_DIR -Dkc.script.pid=$$ -cp $HOME_DIR/lib/quarkus-run.jar io.quarkus.bootstrap.runner.QuarkusEntryPoint$ARGS"
"$JAVA" -Dkc.config.build-and-exit=true $RUN || exit $?
exec "$JAVA" -Dkc.config.built=true $RUN
`;

const serverArguments = ['start-dev', '--http-port=@saml-harness-http-port@', '--http-host=127.0.0.1'];

describe('a recorded java launch', () => {
  test("replays the server's run of kc.sh with the instance's home, the harness's options and the ports", async () => {
    const cache = buildWith(likeKeycloak24);
    const recorded = await recordJavaLaunch(cache, serverArguments);
    expect(recorded).toBeDefined();
    expect(readRecordedLaunch(cache, serverArguments)).toEqual(recorded);
    const argv = javaArguments(recorded!, '/tmp/instance-1', ['-XX:TieredStopAtLevel=1', '-Xms384m'], { '@saml-harness-http-port@': '8123' });
    expect(argv).toEqual([
      '-Dkc.config.built=true',
      '-XX:+UseG1GC',
      '-Xms64m',
      '-XX:TieredStopAtLevel=1',
      '-Xms384m',
      '-Dkc.home.dir=/tmp/instance-1/bin/..',
      '-cp',
      '/tmp/instance-1/bin/../lib/quarkus-run.jar',
      'io.quarkus.bootstrap.runner.QuarkusEntryPoint',
      '--profile=dev',
      'start-dev',
      '--http-port=8123',
      '--http-host=127.0.0.1',
    ]);
  });

  test('is recorded anew for other server arguments', async () => {
    const cache = buildWith(likeKeycloak24);
    await recordJavaLaunch(cache, serverArguments);
    expect(readRecordedLaunch(cache, [...serverArguments, '--http-relative-path=/auth'])).toBeUndefined();
  });

  test('is not made from a kc.sh that does not run java as Keycloak\'s does: starts keep using the script', async () => {
    expect(await recordJavaLaunch(buildWith('#!/bin/sh\necho fake\n'), serverArguments)).toBeUndefined();
    expect(await recordJavaLaunch(buildWith('#!/bin/sh\nexec "$JAVA" -cp /elsewhere/app.jar Main "$@"\n'), serverArguments)).toBeUndefined();
    expect(await recordJavaLaunch(buildWith('#!/bin/sh\nexit 3\n'), serverArguments)).toBeUndefined();
  });
});
