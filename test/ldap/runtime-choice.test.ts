/** Which directory runtime startLdap takes on a machine without Docker, and what it says when asked for one it lacks. */
import { describe, expect, it, vi, afterEach } from 'vitest';
import { HarnessError } from '../../harness/errors.ts';
import { jdkForEmbeddedDirectory } from '../../harness/ldap/embedded/start-embedded-ldap.ts';
import { startLdap } from '../../harness/ldap/start-ldap.ts';
import { containerRuntimeAvailable } from '../../harness/process/containers.ts';

const dockerAnswers = await containerRuntimeAvailable();

describe.skipIf(dockerAnswers)('startLdap without a Docker engine', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('asking for the container runtime fails NO_CONTAINER_RUNTIME, naming the other runtimes', async () => {
    const error = await startLdap({ runtime: 'container' }).catch((caught: unknown) => caught);
    expect(HarnessError.is(error, 'NO_CONTAINER_RUNTIME')).toBe(true);
    expect((error as HarnessError).fix).toContain('--ldap-runtime native (slapd) or embedded (a JDK)');
  });

  it.skipIf(!jdkForEmbeddedDirectory())('auto, with slapd out of reach, takes the embedded directory on the JDK', async () => {
    vi.stubEnv('PATH', '/nonexistent');
    await using ldap = await startLdap();
    expect(ldap.runtime).toBe('embedded');
  });
});
