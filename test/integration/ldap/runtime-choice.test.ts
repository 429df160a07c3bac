/** Which runtime startLdap picks on a machine without Docker, and what it says when none can run. */
import { getContainerRuntimeClient } from 'testcontainers';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { HarnessError } from '../../../harness/errors.ts';
import { startLdap } from '../../../harness/ldap/start-ldap.ts';

const dockerAnswers = await getContainerRuntimeClient().then(
  () => true,
  () => false,
);

describe.skipIf(dockerAnswers)('startLdap without a Docker engine', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('asking for the container runtime fails NO_CONTAINER_RUNTIME', async () => {
    const error = await startLdap({ runtime: 'container' }).catch((caught: unknown) => caught);
    expect(HarnessError.is(error, 'NO_CONTAINER_RUNTIME')).toBe(true);
  });

  it('auto, with ldap-utils out of reach, fails LDAP_UNAVAILABLE naming both missing runtimes and the install', async () => {
    vi.stubEnv('PATH', '/nonexistent');
    const error = await startLdap().catch((caught: unknown) => caught);
    expect(HarnessError.is(error, 'LDAP_UNAVAILABLE')).toBe(true);
    expect((error as HarnessError).message).toMatch(/no Docker engine answers, and OpenLDAP's ldapadd/);
    expect((error as HarnessError).fix).toContain('apt-get install slapd ldap-utils');
  });
});
