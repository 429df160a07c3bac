/** A captured response's verdict as text: the outcome, every rule, the fixes, and the marked response. */
import type { CapturedVerdict } from './judge-captured.ts';

const STATUS_SIGN = { pass: '✓', fail: '✗', skipped: '–' } as const;

const FORM_WORDS: Readonly<Record<CapturedVerdict['form'], string>> = {
  base64: 'base64 SAMLResponse',
  'url-encoded': 'URL-encoded SAMLResponse',
  form: 'SAMLResponse form field',
  xml: 'XML',
};

const TIME_WORDS: Readonly<Record<CapturedVerdict['judgedAtSource'], string>> = {
  now: 'now',
  'issue-instant': "the response's IssueInstant",
  given: 'the time given',
};

export function renderCapturedVerdict(verdict: CapturedVerdict, source: string): string[] {
  const { response } = verdict;
  const lines = [
    `${source} (${FORM_WORDS[verdict.form]}), judged at ${verdict.judgedAt} (${TIME_WORDS[verdict.judgedAtSource]}); fixes in the words of Keycloak ${verdict.keycloakVersion}`,
  ];
  const about = [
    response.id && `Response ${response.id}`,
    response.issueInstant && `issued ${response.issueInstant}`,
    response.issuer && `by ${response.issuer}`,
    response.audience && `for ${response.audience}`,
    response.inResponseTo ? `answering ${response.inResponseTo}` : response.id && 'unsolicited (IdP-initiated)',
  ].filter(Boolean);
  if (about.length > 0) lines.push(about.join(', '));
  lines.push('');
  if (verdict.accepted) {
    lines.push(`✓ Atlassian would accept it${verdict.nameId ? ` and log in ${verdict.nameId}` : ''}.`);
  } else {
    const failures = verdict.rules.filter((rule) => rule.status === 'fail').length;
    lines.push(`✗ Atlassian would refuse it: ${verdict.code}: ${verdict.message}${failures > 1 ? ` (${failures} rules fail)` : ''}`);
    const shown = verdict.atlassianError;
    if (shown) {
      lines.push(`  Atlassian shows: ${shown.errorDescription !== undefined ? `error=${shown.error ?? 'access_denied'}&error_description=${shown.errorDescription}` : shown.pageText}`);
    }
  }
  for (const hint of verdict.hints) lines.push(`  note: ${hint}`);
  lines.push('', 'Rules');
  const width = Math.max(...verdict.rules.map((rule) => rule.code.length));
  for (const rule of verdict.rules) {
    const detail = rule.status === 'skipped' ? `skipped: ${rule.detail ?? ''}` : (rule.detail ?? '');
    lines.push(`  ${STATUS_SIGN[rule.status]} ${rule.code.padEnd(width)}  ${detail}`.trimEnd());
    if (rule.fix) lines.push(`  ${' '.repeat(width + 4)}fix: ${rule.fix}`);
  }
  if (verdict.annotated.length > 0) {
    lines.push('', verdict.accepted ? 'Response' : 'Response (failing parts marked ✗)', ...verdict.annotated.map((line) => `  ${line}`));
  }
  return lines;
}
