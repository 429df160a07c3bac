/** What the container runtimes (Keycloak's, OpenLDAP's) share. */
import { getContainerRuntimeClient, type StartedTestContainer } from 'testcontainers';
import type { ServerLog } from './server-log.ts';

/** Whether a Docker (or compatible) engine answers; Testcontainers throws when none does. */
export async function containerRuntimeAvailable(): Promise<boolean> {
  try {
    await getContainerRuntimeClient();
    return true;
  } catch {
    return false;
  }
}

/** A started container's log, as a ServerLog (it has no file on this machine). */
export function containerLog(container: Pick<StartedTestContainer, 'logs'>): ServerLog {
  return {
    file: undefined,
    lastLines: async (count = 20) => {
      const chunks: string[] = [];
      for await (const chunk of await container.logs({ tail: count })) chunks.push(String(chunk));
      return chunks.join('').split('\n').filter(Boolean).slice(-count);
    },
  };
}
