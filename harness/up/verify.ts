/**
 * The scenario's login run again against the live stack `up` keeps, so a person who changed a setting
 * in Keycloak's console sees its effect at once; with `watch`, again whenever the realm's SAML client or
 * the user changes (the admin API polled).
 */
import { connectAdminClient } from '../keycloak/admin-client.ts';
import { realmErrorEvents } from '../keycloak/event-log.ts';
import { loginSteps } from '../login/flows.ts';
import type { LoginRun } from '../login/outcome.ts';
import { runLogin } from '../login/run-login.ts';
import { lastLinesOf } from '../process/log-file.ts';
import type { LiveStack } from './live-stack.ts';

export async function verifyLogin(stack: LiveStack): Promise<LoginRun> {
  const logFile = stack.keycloak.logFile;
  const log = logFile ? { file: logFile, lastLines: (count = 20) => lastLinesOf(logFile, count) } : undefined;
  return runLogin(loginSteps(stack.login), {
    version: stack.version,
    client: stack.client.clientId,
    ...(log ? { events: async () => realmErrorEvents(log, await connectAdminClient(stack.keycloak.baseUrl, stack.keycloak.admin), stack.realm) } : {}),
  });
}

/** What a person may change that the login depends on: the client (its settings and mappers) and the user. */
export async function stackFingerprint(stack: LiveStack): Promise<string> {
  // A fresh login each time: a watch outlives the master realm's one-minute admin tokens.
  const admin = await connectAdminClient(stack.keycloak.baseUrl, stack.keycloak.admin);
  const client = await admin.clients.findOne({ realm: stack.realm, id: stack.client.id });
  const users = await admin.users.find({ realm: stack.realm, username: stack.login.user.username, exact: true, briefRepresentation: false });
  return JSON.stringify({ client, users });
}
