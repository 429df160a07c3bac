/**
 * For commands that run until they are stopped (`keycloak start`, `sp start`): a stop request (Ctrl-C,
 * SIGTERM, the launcher gone) is their normal end, so they stop their servers themselves and exit 0.
 * Every other command is interrupted by it (main.ts).
 */
import { stopRequested, type StopCause } from '../process/shutdown.ts';

let claimed = false;

export function untilStopped(): Promise<StopCause> {
  claimed = true;
  return stopRequested();
}

export function stopIsClaimed(): boolean {
  return claimed;
}
