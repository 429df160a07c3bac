import { describe, expect, test } from 'vitest';
import { directoryUrlForKeycloak } from '../../../harness/scenario/apply.ts';
import type { StartedLdap } from '../../../harness/ldap/started-ldap.ts';

const ldap = { url: 'ldap://127.0.0.1:38211' } as StartedLdap;

describe("the directory's URL as Keycloak reaches it", () => {
  test('a Keycloak on this machine uses the directory URL as it is', async () => {
    expect(await directoryUrlForKeycloak(ldap, { hostAddressFor: async () => '127.0.0.1' })).toBe('ldap://127.0.0.1:38211');
  });

  test("a Keycloak in a container reaches the same port through the host's name there", async () => {
    const asked: number[] = [];
    const url = await directoryUrlForKeycloak(ldap, {
      hostAddressFor: async (port) => {
        asked.push(port);
        return 'host.testcontainers.internal';
      },
    });
    expect(url).toBe('ldap://host.testcontainers.internal:38211');
    expect(asked).toEqual([38211]);
  });
});
