/** An audit as text: each finding with its values and fix, then what to type into Atlassian. */
import type { AuditReport } from './checks.ts';

const SIGN = { breaks: '✗ breaks  ', advisory: '! advisory' } as const;

export function renderAudit(report: AuditReport): string[] {
  const { keycloak, atlassian } = report;
  const lines = [
    `Audit of client ${keycloak.clientId} in realm ${keycloak.realm} on Keycloak ${keycloak.version} at ${keycloak.baseUrl} (read-only)`,
  ];
  if (keycloak.wordsVersion !== keycloak.version) lines.push(`  fixes in the words of Keycloak ${keycloak.wordsVersion}'s admin console`);
  lines.push('');
  for (const finding of report.findings) {
    lines.push(
      `${SIGN[finding.severity]} ${finding.code}: ${finding.message}`,
      `    current:     ${finding.current}`,
      `    recommended: ${finding.recommended}`,
      `    fix:         ${finding.fix}`,
    );
  }
  if (report.findings.length === 0) lines.push('✓ Nothing breaks logging in to Atlassian, and there is no advice.');
  lines.push(
    '',
    'Type into Atlassian (Security → Identity providers → your SAML directory → SAML single sign-on):',
    `  Identity provider Entity ID: ${atlassian.entityId ?? '(the realm publishes none)'}`,
    `  Identity provider SSO URL:   ${atlassian.ssoUrl ?? '(the realm publishes none)'}`,
  );
  if (atlassian.certificate !== undefined) {
    const about = [atlassian.keyId && `key ${atlassian.keyId}`, atlassian.certificateThumbprint && `thumbprint ${atlassian.certificateThumbprint}`, atlassian.certificateValidTo && `valid until ${atlassian.certificateValidTo}`]
      .filter(Boolean)
      .join(', ');
    lines.push(`  Public x509 certificate (${about}):`, ...atlassian.certificate.trimEnd().split('\n').map((line) => `    ${line}`));
  } else {
    lines.push('  Public x509 certificate: (the realm has no active RS256 certificate)');
  }
  lines.push(
    '',
    report.breaks > 0
      ? `${report.breaks} finding(s) break logging in to Atlassian, ${report.advisories} advisory.`
      : `Nothing breaks logging in to Atlassian; ${report.advisories} advisory finding(s).`,
  );
  return lines;
}
