/** Removing what one harness process started on the engine: used by the process itself and by its reaper. */
import type { ContainerRuntimeClient } from 'testcontainers';

type Docker = ContainerRuntimeClient['container']['dockerode'];

/** The label on every container the harness starts; its value names the process that started it. */
export const ownerLabel = 'org.saml-harness.owner';

/** What a process started without the label: Testcontainers' helper containers, networks. */
export interface Owned {
  containers: string[];
  networks: string[];
}

/** Removes the owner's containers (with their volumes), then its networks. What is already gone is no error. */
export async function removeOwned(docker: Docker, owner: string, extra: Owned): Promise<number> {
  const filters = { label: [`${ownerLabel}=${owner}`] };
  const labelled = await docker.listContainers({ all: true, filters });
  const containers = [...new Set([...labelled.map((container) => container.Id), ...extra.containers])];
  const removed = await Promise.allSettled(containers.map((id) => docker.getContainer(id).remove({ force: true, v: true })));
  const networks = [...new Set([...(await docker.listNetworks({ filters })).map((network) => network.Id), ...extra.networks])];
  await Promise.allSettled(networks.map((id) => docker.getNetwork(id).remove()));
  return removed.filter((result) => result.status === 'fulfilled').length;
}
