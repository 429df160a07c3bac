/**
 * `saml-harness scim-sync`: provisions a realm's users into Atlassian over SCIM, the bridge Keycloak does
 * not have. A plan first; applied unless --dry-run; a second run plans nothing.
 */
import { readFileSync } from 'node:fs';
import { HarnessError } from '../errors.ts';
import { renderSync, syncJson } from '../scim-sync/render.ts';
import { syncToScim, type SyncResult } from '../scim-sync/sync.ts';
import { connectToKeycloak, type KeycloakConnectionOptions } from './keycloak-connection.ts';
import type { Output } from './output.ts';

const scimTokenEnv = 'SAML_HARNESS_SCIM_TOKEN';

export interface ScimSyncOptions extends KeycloakConnectionOptions {
  realm: string;
  group?: string;
  clientId?: string;
  scimUrl: string;
  /** A file holding the directory's API key; else $SAML_HARNESS_SCIM_TOKEN. Never a flag value. */
  tokenFile?: string;
  verifiedDomains?: string[];
  syncLdap?: boolean;
  dryRun?: boolean;
  deactivateMissing?: boolean;
  format?: 'text' | 'json';
}

export async function scimSync(options: ScimSyncOptions, output: Output): Promise<SyncResult> {
  const token = scimToken(options);
  const { admin } = await connectToKeycloak(options, 'scim-sync reads the realm\'s users (and runs the federation\'s sync with --sync-ldap)');
  const result = await syncToScim({
    admin,
    realm: options.realm,
    scim: { baseUrl: options.scimUrl, token },
    ...(options.group === undefined ? {} : { group: options.group }),
    ...(options.clientId === undefined ? {} : { clientId: options.clientId }),
    ...(options.verifiedDomains?.length ? { verifiedDomains: options.verifiedDomains } : {}),
    syncLdap: options.syncLdap ?? false,
    deactivateMissing: options.deactivateMissing ?? false,
    dryRun: options.dryRun ?? false,
    progress: (line) => output.note(line),
  });
  const target = { realm: options.realm, scimUrl: options.scimUrl, dryRun: options.dryRun ?? false };
  if (options.format === 'json') output.print(JSON.stringify(syncJson(result, target), null, 2));
  else for (const line of renderSync(result, target)) output.print(line);
  const refused = (result.applied ?? []).filter((applied) => applied.refused);
  if (refused.length) {
    throw new HarnessError(
      'SCIM_SYNC_INCOMPLETE',
      `Atlassian refused ${refused.length} of ${(result.applied ?? []).length} change(s)`,
      'Read each ✗ above: a user on a domain the organization has not verified, or an email another SCIM user already has. Verify the domain in Atlassian, or fix the user in Keycloak, and run again.',
    );
  }
  return result;
}

function scimToken(options: ScimSyncOptions): string {
  if (options.tokenFile !== undefined) {
    let token: string;
    try {
      token = readFileSync(options.tokenFile, 'utf8').trim();
    } catch (error) {
      throw new HarnessError('SCIM_TOKEN_MISSING', `Cannot read the API key file ${options.tokenFile}: ${(error as Error).message}`, 'Pass --token-file with a file holding only the directory\'s API key.', { cause: error });
    }
    if (token) return token;
    throw new HarnessError('SCIM_TOKEN_MISSING', `The API key file ${options.tokenFile} is empty`, 'Write the directory\'s API key into it (Atlassian shows it once, when user provisioning is set up).');
  }
  const fromEnv = (options.env ?? process.env)[scimTokenEnv]?.trim();
  if (fromEnv) return fromEnv;
  throw new HarnessError(
    'SCIM_TOKEN_MISSING',
    'No SCIM API key',
    `Pass --token-file with a file holding the directory's API key, or set ${scimTokenEnv}. (Never as a flag value: it would stay in the shell's history.)`,
  );
}
