import { createServer } from 'node:net';
import getPort from 'get-port';
import { HarnessError } from '../errors.ts';

/** A free TCP port on `host`, avoiding those in `exclude` (ports already handed to a server starting up). */
export async function freePort(host = '127.0.0.1', exclude: readonly number[] = []): Promise<number> {
  return getPort({ host, exclude });
}

export function isPortFree(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** A port the user asked for: free, or a PORT_IN_USE error saying what wanted it. */
export async function requirePort(port: number, purpose: string, host = '127.0.0.1'): Promise<number> {
  if (!Number.isInteger(port) || port <= 0 || port > 65535) throw new TypeError(`not a TCP port: ${port}`);
  if (!(await isPortFree(port, host))) {
    throw new HarnessError(
      'PORT_IN_USE',
      `Port ${port} on ${host}, asked for ${purpose}, is already in use`,
      `Stop what listens there (ss -ltnp 'sport = :${port}' shows it) or choose another port; leave the option out to get a free one.`,
    );
  }
  return port;
}
