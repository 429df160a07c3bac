/**
 * For commands that run until they are stopped (`keycloak start`, `sp start`): a stop request (Ctrl-C,
 * SIGTERM, the launcher gone) is their normal end, so they stop their servers themselves and exit 0.
 * Every other command is interrupted by it (main.ts).
 */
import { stopRequested, type StopCause } from '../process/shutdown.ts';

let claimed = false;

export async function untilStopped(): Promise<StopCause> {
  claimed = true;
  // Nothing else may hold the process open (a container's sockets do not): this does, until the stop.
  const keepAlive = setInterval(() => {}, 2 ** 30);
  try {
    return await stopRequested();
  } finally {
    clearInterval(keepAlive);
  }
}

export function stopIsClaimed(): boolean {
  return claimed;
}
