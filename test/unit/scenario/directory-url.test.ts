import { describe, expect, test } from 'vitest';
import { directoryForKeycloak } from '../../../harness/scenario/scenario-directory.ts';

const native = { url: 'ldap://127.0.0.1:38211', containerUrl: undefined };
const container = { url: 'ldap://127.0.0.1:32770', containerUrl: 'ldap://ldap-3f2a1c0b:1389' };
const onNetwork = { kind: 'network', network: 'a1b2', containerId: 'c0ffee' } as const;
const noForwarder = async (): Promise<never> => {
  throw new Error('the port forwarder was not needed');
};

describe('the directory as Keycloak reaches it', () => {
  test('a Keycloak on this machine uses the directory URL as it is, slapd or a published container port', async () => {
    expect((await directoryForKeycloak(native, { kind: 'local' }, noForwarder)).url).toBe('ldap://127.0.0.1:38211');
    expect((await directoryForKeycloak(container, { kind: 'local' }, noForwarder)).url).toBe('ldap://127.0.0.1:32770');
  });

  test("a Keycloak in a container reaches a directory container on its network by the directory's name", async () => {
    expect((await directoryForKeycloak(container, onNetwork, noForwarder)).url).toBe('ldap://ldap-3f2a1c0b:1389');
  });

  test("a Keycloak in a container reaches slapd on this machine at the forwarder's address, on the same port, until closed", async () => {
    const events: string[] = [];
    const reach = await directoryForKeycloak(native, onNetwork, async (port, id) => {
      events.push(`expose ${port} to ${id}`);
      return { address: '172.18.0.2', close: async () => void events.push(`close ${port}`) };
    });
    expect(reach.url).toBe('ldap://172.18.0.2:38211');
    await reach.close();
    expect(events).toEqual(['expose 38211 to c0ffee', 'close 38211']);
  });
});
