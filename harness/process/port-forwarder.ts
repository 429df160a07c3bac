/**
 * Testcontainers' port forwarder, for a container (Keycloak) that must reach a port of this machine (a
 * directory slapd serves here): an SSH server in a container, with the port forwarded back to this
 * process. Used as the library ships it, with two things it leaves out:
 * - its tunnel opens a connection to the port with no 'error' listener, so a port nothing listens on
 *   any more (a directory that was stopped) ends the whole process with an unhandled ECONNREFUSED;
 *   here the tunnel's channel is closed instead;
 * - a forwarded port cannot be taken back, so the container would still connect to a port whose server
 *   has stopped (and see it close at once, which Keycloak takes for a failed bind, not an unreachable
 *   directory); here closing the exposure ends the forwarding, and the container is refused, as it would
 *   be by the stopped server itself;
 * - without Ryuk its container is never removed; here the harness's reaper removes it.
 */
import type { EventEmitter } from 'node:events';
import net from 'node:net';
import type { Duplex } from 'node:stream';
import { TestContainers } from 'testcontainers';
import { PortForwarderInstance } from 'testcontainers/build/port-forwarder/port-forwarder.js';
import { HarnessError } from '../errors.ts';
import { containerEngine, removeWithHarness } from './containers.ts';

type Forwarder = Awaited<ReturnType<typeof PortForwarderInstance.getInstance>>;

interface TcpConnectionInfo {
  destIP: string;
  destPort: number;
}

interface SshClient extends EventEmitter {
  unforwardIn(address: string, port: number, callback: (error?: Error) => void): void;
}

export interface ExposedPort {
  /** Where the container reaches the port. */
  address: string;
  /** Ends the forwarding: the container's connections to the address are refused from then on. */
  close(): Promise<void>;
}

const tunnels = new WeakMap<Forwarder, SshClient>();

/**
 * Makes `port` of this machine reachable from the container `containerId`, until closed. The container
 * must be on the forwarder's network (the default bridge) from its start: KeycloakContainer joins it.
 */
export async function exposeHostPort(port: number, containerId: string): Promise<ExposedPort> {
  const forwarder = await PortForwarderInstance.getInstance();
  let ssh = tunnels.get(forwarder);
  if (!ssh) {
    ssh = guardTunnel(forwarder);
    tunnels.set(forwarder, ssh);
    removeWithHarness(forwarder.getContainerId());
  }
  const client = (await containerEngine())!;
  const networks = Object.values((await client.container.inspect(client.container.getById(containerId))).NetworkSettings.Networks);
  if (!networks.some((network) => network.NetworkID === forwarder.getNetworkId())) {
    throw new HarnessError(
      'DIRECTORY_UNREACHABLE',
      `The container ${containerId.slice(0, 12)} is not on the network of Testcontainers' port forwarder, so it cannot reach port ${port} of this machine`,
      'Start Keycloak with the harness (its container joins that network as it starts), or run the directory in a container too (--ldap-runtime container).',
    );
  }
  await TestContainers.exposeHostPorts(port);
  const tunnel = ssh;
  return {
    address: forwarder.getIpAddress(),
    close: () => new Promise<void>((resolve) => tunnel.unforwardIn('localhost', port, () => resolve())),
  };
}

/** Replaces the library's handler of forwarded connections with one that handles a refused port. */
function guardTunnel(forwarder: Forwarder): SshClient {
  // ssh-remote-port-forward keeps its ssh2 client private; testcontainers is pinned, and this fails loudly if it moves.
  const ssh = (forwarder as unknown as { sshConnection?: { client?: SshClient } }).sshConnection?.client;
  if (!ssh || ssh.listenerCount('tcp connection') !== 1 || typeof ssh.unforwardIn !== 'function') {
    throw new TypeError("testcontainers' port forwarder is not shaped as this harness expects (testcontainers 11.9.0)");
  }
  ssh.removeAllListeners('tcp connection');
  ssh.on('tcp connection', (info: TcpConnectionInfo, accept: () => Duplex) => {
    const channel = accept();
    channel.pause();
    const socket = net.connect(info.destPort, info.destIP, () => {
      channel.pipe(socket);
      socket.pipe(channel);
      channel.resume();
    });
    socket.on('error', () => channel.destroy());
    channel.on('error', () => socket.destroy());
    channel.on('close', () => socket.destroy());
  });
  // The forwarder's container goes when the harness ends, which resets the SSH connection: no error then.
  ssh.on('error', () => {});
  return ssh;
}
