/** Removing what one harness process started on the engine: used by the process itself and by its reaper. */
import type { ContainerRuntimeClient } from 'testcontainers';

type Docker = ContainerRuntimeClient['container']['dockerode'];

/** The label on every container and network the harness makes; its value names the process that made it. */
export const ownerLabel = 'org.saml-harness.owner';
/** The pid of that process, beside it: for people (and tests) looking at `docker ps`. */
export const ownerPidLabel = 'org.saml-harness.pid';

/** What a process started without the labels: Testcontainers' helper containers, by id. */
export interface Owned {
  containers: string[];
}

/** Removes the owner's containers (with their volumes), then its networks. What is already gone is no error. */
export async function removeOwned(docker: Docker, owner: string, extra: Owned): Promise<number> {
  const filters = { label: [`${ownerLabel}=${owner}`] };
  const labelled = await docker.listContainers({ all: true, filters });
  const containers = [...new Set([...labelled.map((container) => container.Id), ...extra.containers])];
  const removed = await Promise.allSettled(containers.map((id) => docker.getContainer(id).remove({ force: true, v: true })));
  const networks = await docker.listNetworks({ filters });
  await Promise.allSettled(networks.map((network) => docker.getNetwork(network.Id).remove()));
  return removed.filter((result) => result.status === 'fulfilled').length;
}
