/**
 * Whether tests that start containers can run here: an engine answers and the images they start are on
 * it (or can be pulled). Where not, they are skipped, and say why; with SAML_HARNESS_CONTAINER_TESTS=required
 * (as .ci/run sets it) they fail instead, so that CI never passes by skipping them.
 */
import { keycloakImageFor } from '../../harness/keycloak/container/keycloak-container.ts';
import { defaultKeycloakVersion } from '../../harness/keycloak/versions.ts';
import { ldapImageFor } from '../../harness/ldap/container/openldap-container.ts';
import { ownerPidLabel } from '../../harness/process/container-sweep.ts';
import { containerEngine, imageAvailability } from '../../harness/process/containers.ts';

export const testImages = { keycloak: keycloakImageFor(defaultKeycloakVersion), ldap: ldapImageFor() };

async function whyNot(images: readonly string[]): Promise<string | undefined> {
  for (const image of images) {
    const availability = await imageAvailability(image);
    if (!availability.available) return `${image}: ${availability.reason}`;
  }
  return undefined;
}

/** `undefined` when containers of these images can start, else why not (or a thrown error where they are required). */
export async function containersUnusable(...images: string[]): Promise<string | undefined> {
  const reason = await whyNot(images);
  if (reason && process.env.SAML_HARNESS_CONTAINER_TESTS === 'required') {
    throw new Error(`SAML_HARNESS_CONTAINER_TESTS=required, but containers cannot run here: ${reason}`);
  }
  if (reason) console.warn(`container tests skipped: ${reason}`);
  return reason;
}

/** The containers and networks a harness process (by pid) has on the engine. */
export async function harnessObjectsOf(pid: number): Promise<{ containers: string[]; networks: string[] }> {
  const docker = (await containerEngine())!.container.dockerode;
  const filters = { label: [`${ownerPidLabel}=${pid}`] };
  const [containers, networks] = await Promise.all([docker.listContainers({ all: true, filters }), docker.listNetworks({ filters })]);
  return { containers: containers.map((c) => `${c.Image} ${c.State}`), networks: networks.map((n) => n.Name) };
}
