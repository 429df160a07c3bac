import { createServer } from 'node:net';
import { describe, expect, test } from 'vitest';
import { freePort, isPortFree, requirePort } from '../../../harness/process/ports.ts';

describe('ports', () => {
  test('a port someone listens on is reported as PORT_IN_USE, naming its purpose', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    try {
      await expect(requirePort(port, "Keycloak's HTTP port")).rejects.toMatchObject({
        code: 'PORT_IN_USE',
        message: expect.stringContaining("Keycloak's HTTP port"),
      });
    } finally {
      server.close();
    }
  });

  test('a free port is free, and freePort avoids the ones excluded', async () => {
    const first = await freePort();
    expect(await isPortFree(first)).toBe(true);
    const second = await freePort('127.0.0.1', [first]);
    expect(second).not.toBe(first);
  });
});
