/** `saml-harness audit`: reads a live Keycloak's SAML client for Atlassian and reports what breaks it. Read-only. */
import type { Output } from './output.ts';
import { auditSnapshot, type AuditReport } from '../audit/checks.ts';
import { readKeycloak } from '../audit/read-keycloak.ts';
import { renderAudit } from '../audit/render.ts';
import { HarnessError } from '../errors.ts';
import { connectAdminClient } from '../keycloak/admin-client.ts';
import { listDetached } from '../keycloak/detached.ts';
import type { AdminCredentials } from '../keycloak/started-keycloak.ts';

export const adminUserEnv = 'SAML_HARNESS_ADMIN_USER';
export const adminPasswordEnv = 'SAML_HARNESS_ADMIN_PASSWORD';

export interface AuditOptions {
  /** The server's base URL, with /auth when it serves under it. */
  keycloakUrl: string;
  realm: string;
  clientId: string;
  adminUser?: string;
  adminPassword?: string;
  /** Atlassian's "Service provider entity URL", to compare the client ID with exactly. */
  atlassianSpEntityId?: string;
  /** Atlassian's "Service provider assertion consumer service URL", to check the redirect URIs against. */
  atlassianAcsUrl?: string;
  format?: 'text' | 'json';
  /** Where credentials may come from (tests pass their own). */
  env?: NodeJS.ProcessEnv;
}

/** Flags first, then the environment, then a Keycloak the harness left running at that URL. */
async function credentialsFor(options: AuditOptions, baseUrl: string): Promise<AdminCredentials> {
  const env = options.env ?? process.env;
  const username = options.adminUser ?? env[adminUserEnv];
  const password = options.adminPassword ?? env[adminPasswordEnv];
  if (username !== undefined && password !== undefined) return { username, password };
  const detached = (await listDetached()).find((record) => record.baseUrl === baseUrl);
  if (detached !== undefined && username === undefined && password === undefined) return detached.admin;
  throw new HarnessError(
    'USAGE',
    `No admin ${username === undefined ? 'user name' : 'password'} for ${baseUrl}`,
    `Pass --admin-user and --admin-password, or set ${adminUserEnv} and ${adminPasswordEnv}. A master-realm admin; the audit only reads (GET requests).`,
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

/** Prints the audit; throws AUDIT_FINDINGS when something breaks logging in to Atlassian. Never writes to Keycloak. */
export async function audit(options: AuditOptions, output: Output): Promise<AuditReport> {
  const baseUrl = options.keycloakUrl.replace(/\/+$/, '');
  await checkLayout(baseUrl);
  const admin = await connectAdminClient(baseUrl, await credentialsFor(options, baseUrl));
  const snapshot = await readKeycloak(admin, baseUrl, options.realm, options.clientId);
  const report = auditSnapshot(snapshot, {
    ...(options.atlassianSpEntityId === undefined ? {} : { spEntityId: options.atlassianSpEntityId }),
    ...(options.atlassianAcsUrl === undefined ? {} : { acsUrl: options.atlassianAcsUrl }),
  });
  if (options.format === 'json') output.print(JSON.stringify(report, null, 2));
  else for (const line of renderAudit(report)) output.print(line);
  if (report.breaks > 0) {
    throw new HarnessError(
      'AUDIT_FINDINGS',
      `${report.breaks} setting(s) of client ${report.keycloak.clientId} in realm ${report.keycloak.realm} break logging in to Atlassian: ${report.findings
        .filter((finding) => finding.severity === 'breaks')
        .map((finding) => finding.code)
        .join(', ')}`,
      'Apply each fix printed above, then run the audit again.',
    );
  }
  return report;
}
