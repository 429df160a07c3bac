/** A captured login's verdict as text: the hops, numbered; the verdict and its fix; every rule of the response. */
import { renderCapturedVerdict } from '../response/render.ts';
import type { HarLoginVerdict } from './judge-har.ts';

/** SAML values run to thousands of characters: the hop list shows their length, the JSON output all of them. */
export function shortUrl(url: string): string {
  return url.replace(/([?&](?:SAMLRequest|SAMLResponse|Signature)=)([^&]{40,})/g, (_all, name: string, value: string) => `${name}…(${value.length} chars)`);
}

export function renderHarVerdict(verdict: HarLoginVerdict, of: number): string[] {
  const lines = [`Login ${verdict.login} of ${of} (${verdict.flow})`];
  for (const hop of verdict.hops) {
    const carries = hop.carries ? `  ← ${hop.carries}` : '';
    lines.push(`  ${String(hop.number).padStart(2)}. ${hop.method.padEnd(4)} ${hop.status} ${shortUrl(hop.url)}${hop.location ? ` → ${shortUrl(hop.location)}` : ''}${carries}`);
  }
  lines.push('');
  if (verdict.accepted) lines.push(`✓ Atlassian would log ${verdict.response?.nameId ?? 'the user'} in.`);
  else if (verdict.code === 'LOGIN_INCOMPLETE') lines.push(`? ${verdict.message}`);
  else lines.push(`✗ Refused by ${verdict.where === 'keycloak' ? 'Keycloak' : 'Atlassian'}: ${verdict.code}: ${verdict.message}`);
  if (verdict.seen) lines.push(`  ${verdict.where === 'keycloak' ? 'Keycloak showed' : 'Atlassian showed'}: ${verdict.seen}`);
  if (verdict.atlassianAnswer) {
    const { error, errorDescription, pageText, rules } = verdict.atlassianAnswer;
    const words = errorDescription !== undefined || error !== undefined ? `error=${error ?? ''}&error_description=${errorDescription ?? ''}` : rules.length ? pageText : undefined;
    if (words) lines.push(`  Atlassian answered: ${words}${rules.length ? ` (the answer of ${rules.join(' or ')})` : ''}`);
  }
  if (verdict.fix) lines.push(`  fix: ${verdict.fix}`);
  for (const hint of verdict.hints) lines.push(`  note: ${hint}`);
  if (verdict.response) {
    // The response's own judgement, as check-response prints it, without its heading line.
    lines.push('', 'The response, judged by the rules', ...renderCapturedVerdict(verdict.response, 'the response').slice(1).map((line) => (line ? `  ${line}` : line)));
  }
  return lines;
}
