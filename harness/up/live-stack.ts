/**
 * What `saml-harness up` leaves for `saml-harness verify` in another terminal: the live stack of one
 * scenario (Keycloak, the realm and its client, sp-mock's organization, the login as data). Kept in the
 * harness's cache (`up/up-<pid>.json`, readable by this user only: it holds the admin's and the user's
 * passwords) while `up` runs; a record whose process is gone is removed when read.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cacheDir } from '../cache.ts';
import { HarnessError } from '../errors.ts';
import type { AdminCredentials } from '../keycloak/started-keycloak.ts';
import type { LoginPlan } from '../login/flows.ts';

export interface LiveStack {
  pid: number;
  scenario: string;
  version: string;
  keycloak: { baseUrl: string; admin: AdminCredentials; logFile?: string };
  realm: string;
  /** The SAML client's id (for the admin API) and client ID. */
  client: { id: string; clientId: string };
  sp: { url: string; orgId: string };
  login: LoginPlan;
  startedAt: string;
}

const folder = () => cacheDir('up');

export async function recordLiveStack(stack: LiveStack): Promise<() => Promise<void>> {
  const file = join(folder(), `up-${stack.pid}.json`);
  await writeFile(file, JSON.stringify(stack, null, 2), { mode: 0o600 });
  return () => rm(file, { force: true });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The newest live stack, or an error saying how to get one. */
export async function newestLiveStack(): Promise<LiveStack> {
  const live: LiveStack[] = [];
  for (const name of readdirSync(folder()).filter((n) => /^up-\d+\.json$/.test(n))) {
    const file = join(folder(), name);
    const stack = JSON.parse(readFileSync(file, 'utf8')) as LiveStack;
    if (alive(stack.pid)) live.push(stack);
    else await rm(file, { force: true });
  }
  const newest = live.sort((a, b) => b.startedAt.localeCompare(a.startedAt))[0];
  if (!newest) throw new HarnessError('UP_NOT_RUNNING', 'No `saml-harness up` is running', 'Start one in another terminal: npx saml-harness up <scenario> (it stays up until Ctrl-C).');
  return newest;
}
