/** Runs the mock SP on a port; the started handle is the admin client plus stop(). */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HarnessError } from '../harness/errors.ts';
import { SpMockClient } from './client.ts';
import { createSpMockApp } from './http/app.ts';
import type { SpMockOptions } from './state/sp-state.ts';

export interface StartSpMockOptions extends Omit<SpMockOptions, 'publicUrl'> {
  /** Default 0: any free port. */
  readonly port?: number;
  /** Default 127.0.0.1. */
  readonly host?: string;
  /** The URL others reach the SP at, when not http://<host>:<port> (a proxy, a container network). */
  readonly publicUrl?: string;
}

export class StartedSpMock extends SpMockClient implements AsyncDisposable {
  private stopping: Promise<void> | undefined;

  constructor(
    url: string,
    localUrl: string,
    private readonly server: Server,
  ) {
    super(url, localUrl);
  }

  /** Stops listening and closes every connection, keep-alive ones included. */
  stop(): Promise<void> {
    this.stopping ??= new Promise<void>((resolve, reject) => {
      this.server.close((error) => (error === undefined ? resolve() : reject(error)));
      this.server.closeAllConnections();
    });
    return this.stopping;
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.stop();
  }
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

export async function startSpMock(options: StartSpMockOptions = {}): Promise<StartedSpMock> {
  const { port = 0, host = '127.0.0.1', publicUrl, ...settings } = options;
  const loopback = host === 'localhost' || /^127\./.test(host) || host === '::1';
  const { app, state } = createSpMockApp({ ...settings, listensBeyondLoopback: !loopback });
  const server = createServer(app);
  try {
    await listen(server, port, host);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new HarnessError(
        'PORT_IN_USE',
        `sp-mock cannot listen on ${host}:${port}: the port is in use.`,
        'Choose another port (or 0 for any free one), or stop the process that holds it.',
        { cause: error },
      );
    }
    throw new HarnessError(
      'SP_START_FAILED',
      `sp-mock could not start on ${host}:${port}: ${error instanceof Error ? error.message : String(error)}.`,
      'Check the host and port; the host must be an address of this machine.',
      { cause: error },
    );
  }
  const { port: actualPort } = server.address() as AddressInfo;
  const urlHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  const localUrl = `http://${urlHost}:${actualPort}`;
  state.publicUrl = (publicUrl ?? localUrl).replace(/\/+$/, '');
  return new StartedSpMock(state.publicUrl, localUrl, server);
}
