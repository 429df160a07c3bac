import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { HarnessError } from '../../../harness/errors.ts';
import { startSpMock } from '../../../sp-mock/index.ts';

describe('startSpMock', () => {
  it('answers on the URL it reports, without a trailing slash', async () => {
    await using sp = await startSpMock();
    expect(sp.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect((await fetch(`${sp.url}/health`)).status).toBe(200);
  });

  it('a port in use fails with PORT_IN_USE', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const address = blocker.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    try {
      const error = await startSpMock({ port }).catch((caught: unknown) => caught);
      expect(HarnessError.is(error, 'PORT_IN_USE')).toBe(true);
    } finally {
      blocker.close();
    }
  });

  it('stop() closes keep-alive connections and frees the port', async () => {
    const sp = await startSpMock();
    await fetch(`${sp.url}/health`, { headers: { connection: 'keep-alive' } });
    await sp.stop();
    const again = await startSpMock({ port: Number(new URL(sp.url).port) });
    await again.stop();
    await expect(fetch(`${sp.url}/health`)).rejects.toThrow();
  });

  it('a publicUrl names the URLs it hands out, while the admin methods still reach it locally', async () => {
    await using sp = await startSpMock({ publicUrl: 'https://sp.example.test/' });
    const org = await sp.createOrganization({ idp: { entityId: 'x', ssoUrl: 'http://idp.test/sso', certificate: 'x' } });
    expect(sp.url).toBe('https://sp.example.test');
    expect(org.acsUrl).toBe(`https://sp.example.test/login/callback?connection=saml-${org.id}`);
  });
});
