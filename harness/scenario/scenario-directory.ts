/**
 * A scenario's own directory: started for it in the stack's directory runtime, reached by Keycloak the way
 * its runtime allows, and federated into the realm as the recommended LDAP provider with the scenario's
 * differences.
 */
import { federateDirectory, type LdapProvider } from '../keycloak/ldap-federation.ts';
import type { DirectoryRoute } from '../keycloak/started-keycloak.ts';
import { startLdap } from '../ldap/start-ldap.ts';
import type { StartedLdap } from '../ldap/started-ldap.ts';
import { exposeHostPort, type ExposedPort } from '../process/port-forwarder.ts';
import type { ScenarioLdap } from './schema.ts';
import type { Stack } from './stack.ts';

export interface ScenarioDirectory {
  ldap: StartedLdap;
  provider: LdapProvider;
  /** Keycloak's way to the directory closes first, so that it is refused as by a stopped server. */
  stop(): Promise<void>;
}

/** Starts the directory and federates it; `started` hears of it at once, so that a failure later still stops it. */
export async function startScenarioDirectory(
  scenario: ScenarioLdap,
  stack: Stack,
  realm: string,
  started: (stop: () => Promise<void>) => void,
): Promise<ScenarioDirectory> {
  const route = stack.keycloak.directoryRoute;
  const ldap = await startLdap({
    entries: scenario.people,
    ...(stack.ldap?.runtime ? { runtime: stack.ldap.runtime } : {}),
    ...(stack.ldap?.image ? { image: stack.ldap.image } : {}),
    ...(route.kind === 'network' ? { network: route.network } : {}),
  });
  let reach: { url: string; close(): Promise<void> } | undefined;
  const stop = async () => {
    await reach?.close();
    await ldap.stop();
  };
  started(stop);
  reach = await directoryForKeycloak(ldap, route);
  const provider = await federateDirectory(stack.keycloak.admin, realm, ldap, scenario.federation ?? {}, reach.url);
  return { ldap, provider, stop };
}

/**
 * The directory as Keycloak reaches it: by its URL from a Keycloak on this machine; by its name on the
 * network from a Keycloak in a container beside a directory container; through Testcontainers' port
 * forwarder from a Keycloak in a container to slapd on this machine, until `close()`.
 */
export async function directoryForKeycloak(
  ldap: Pick<StartedLdap, 'url' | 'containerUrl'>,
  route: DirectoryRoute,
  expose: (port: number, containerId: string) => Promise<ExposedPort> = exposeHostPort,
): Promise<{ url: string; close(): Promise<void> }> {
  const asItIs = async () => {};
  if (route.kind === 'local') return { url: ldap.url, close: asItIs };
  if (ldap.containerUrl) return { url: ldap.containerUrl, close: asItIs };
  const url = new URL(ldap.url);
  const exposed = await expose(Number(url.port), route.containerId);
  url.hostname = exposed.address;
  return { url: url.toString().replace(/\/$/, ''), close: () => exposed.close() };
}
