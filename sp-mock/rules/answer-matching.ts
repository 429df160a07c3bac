/**
 * From what Atlassian showed back to the rules that give it: an `error_description` read from a redirect
 * (its `{name}` placeholders match any value), or, where Atlassian answers with a page and no
 * description, the page's words. Several rules can share an answer ("Invalid thumbprint" is both a
 * wrong certificate and a signature that cannot be read), so every match is returned, in check order.
 */
import { checkOrder, spRules, type SpCheckCode } from './catalogue.ts';

function patternOf(description: string): RegExp {
  const parts = description.split(/\{[a-zA-Z]+\}/).map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${parts.join('.+?')}$`, 'is');
}

export interface AtlassianAnswerSeen {
  readonly errorDescription?: string;
  /** The text of the page Atlassian showed, when no description was given. */
  readonly pageText?: string;
}

/** `atLogin`: the answer came before any SAML, to the email typed at Atlassian's login (the domain rules' `atLogin`). */
export function rulesForAtlassianAnswer(seen: AtlassianAnswerSeen, options: { atLogin?: boolean } = {}): SpCheckCode[] {
  const answerOf = (code: SpCheckCode) => (options.atLogin ? spRules[code].atLogin : spRules[code].atlassian);
  const description = seen.errorDescription?.trim();
  if (description) {
    return checkOrder.filter((code) => {
      const answer = answerOf(code)?.errorDescription;
      // An answer that is only a placeholder ('{statusMessage}': the IdP's own words) says nothing by itself.
      return answer !== undefined && answer.replace(/\{[a-zA-Z]+\}/g, '').trim() !== '' && patternOf(answer).test(description);
    });
  }
  const page = seen.pageText?.replace(/\s+/g, ' ').toLowerCase();
  if (!page) return [];
  return checkOrder.filter((code) => {
    const answer = answerOf(code);
    return answer !== undefined && answer.errorDescription === undefined && page.includes(answer.pageText.toLowerCase());
  });
}
