/** `saml-harness audit`: reads a live Keycloak's SAML client for Atlassian and reports what breaks it. Read-only. */
import type { Output } from './output.ts';
import { auditSnapshot, type AuditReport } from '../audit/checks.ts';
import { readKeycloak } from '../audit/read-keycloak.ts';
import { renderAudit } from '../audit/render.ts';
import { HarnessError } from '../errors.ts';
import { connectToKeycloak, type KeycloakConnectionOptions } from './keycloak-connection.ts';

export interface AuditOptions extends KeycloakConnectionOptions {
  realm: string;
  clientId: string;
  /** Atlassian's "Service provider entity URL", to compare the client ID with exactly. */
  atlassianSpEntityId?: string;
  /** Atlassian's "Service provider assertion consumer service URL", to check the redirect URIs against. */
  atlassianAcsUrl?: string;
  format?: 'text' | 'json';
}

/** Prints the audit; throws AUDIT_FINDINGS when something breaks logging in to Atlassian. Never writes to Keycloak. */
export async function audit(options: AuditOptions, output: Output): Promise<AuditReport> {
  const { baseUrl, admin } = await connectToKeycloak(options, 'the audit only reads (GET requests)');
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
