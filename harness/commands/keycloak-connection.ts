/**
 * Connecting to a user's own Keycloak, for the commands that work on one (audit, scim-sync): the base URL
 * checked for the /auth layout first, then a master-realm admin from the flags, the environment, or the
 * harness's own detached Keycloak at that URL.
 */
import type KeycloakAdminClient from '@keycloak/keycloak-admin-client';
import { HarnessError } from '../errors.ts';
import { connectAdminClient } from '../keycloak/admin-client.ts';
import { listDetached } from '../keycloak/detached.ts';
import type { AdminCredentials } from '../keycloak/started-keycloak.ts';

export const adminUserEnv = 'SAML_HARNESS_ADMIN_USER';
export const adminPasswordEnv = 'SAML_HARNESS_ADMIN_PASSWORD';

export interface KeycloakConnectionOptions {
  /** The server's base URL, with /auth when it serves under it. */
  keycloakUrl: string;
  adminUser?: string;
  adminPassword?: string;
  /** Where credentials may come from (tests pass their own). */
  env?: NodeJS.ProcessEnv;
}

/** `uses`: what the command does with the admin, for the error that asks for one. */
export async function connectToKeycloak(options: KeycloakConnectionOptions, uses: string): Promise<{ baseUrl: string; admin: KeycloakAdminClient }> {
  const baseUrl = options.keycloakUrl.replace(/\/+$/, '');
  await checkLayout(baseUrl);
  return { baseUrl, admin: await connectAdminClient(baseUrl, await credentialsFor(options, baseUrl, uses)) };
}

/** Flags first, then the environment, then a Keycloak the harness left running at that URL. */
async function credentialsFor(options: KeycloakConnectionOptions, baseUrl: string, uses: string): Promise<AdminCredentials> {
  const env = options.env ?? process.env;
  const username = options.adminUser ?? env[adminUserEnv];
  const password = options.adminPassword ?? env[adminPasswordEnv];
  if (username !== undefined && password !== undefined) return { username, password };
  const detached = (await listDetached()).find((record) => record.baseUrl === baseUrl);
  if (detached !== undefined && username === undefined && password === undefined) return detached.admin;
  throw new HarnessError(
    'USAGE',
    `No admin ${username === undefined ? 'user name' : 'password'} for ${baseUrl}`,
    `Pass --admin-user and --admin-password, or set ${adminUserEnv} and ${adminPasswordEnv}. A master-realm admin; ${uses}.`,
  );
}

async function status(url: string): Promise<number | Error> {
  try {
    return (await fetch(url, { signal: AbortSignal.timeout(10_000) })).status;
  } catch (error) {
    return error as Error;
  }
}

/** Fails early, with the right URL to use, when the base URL misses or adds the /auth prefix. */
async function checkLayout(baseUrl: string): Promise<void> {
  const answer = await status(`${baseUrl}/realms/master`);
  if (answer === 200) return;
  if (answer instanceof Error) {
    const reason = answer.cause instanceof Error ? answer.cause.message : answer.message;
    throw new HarnessError('KC_NOT_RUNNING', `Keycloak at ${baseUrl} does not answer: ${reason}`, 'Check --keycloak-url (scheme, host, port) and that the server runs.', {
      cause: answer,
    });
  }
  const other = baseUrl.endsWith('/auth') ? baseUrl.slice(0, -'/auth'.length) : `${baseUrl}/auth`;
  if ((await status(`${other}/realms/master`)) === 200) {
    throw new HarnessError(
      'USAGE',
      `Keycloak answers under ${other}, not ${baseUrl} (HTTP ${answer} for ${baseUrl}/realms/master)`,
      `Pass --keycloak-url ${other}. ${other.endsWith('/auth') ? 'This server keeps the /auth prefix of Keycloak before 17 (or runs with --http-relative-path=/auth).' : 'Keycloak 17 and later serve without /auth.'}`,
    );
  }
  throw new HarnessError('KC_NOT_RUNNING', `${baseUrl}/realms/master answers HTTP ${answer}: this is not a Keycloak base URL`, 'Pass the URL the admin console lives under, without /admin (with /auth only where the server uses it).');
}

