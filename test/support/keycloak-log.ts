/** The log of this run's Keycloak, as a test worker can read it: its file, or its container's output. */
import type { ProvidedKeycloak } from '../global-setup.ts';
import type { ServerLog } from '../../harness/keycloak/started-keycloak.ts';
import { lastLinesOf } from '../../harness/process/log-file.ts';
import { containerLogTail } from '../../harness/process/containers.ts';

export function providedKeycloakLog(keycloak: ProvidedKeycloak): ServerLog | undefined {
  const file = keycloak.logFile;
  if (file) return { file, lastLines: (count = 20) => lastLinesOf(file, count) };
  const route = keycloak.directoryRoute;
  if (route.kind === 'network') return { file: undefined, lastLines: (count = 20) => containerLogTail(route.containerId, count) };
  return undefined;
}
