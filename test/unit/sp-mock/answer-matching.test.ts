import { describe, expect, test } from 'vitest';
import { checkOrder, rulesForAtlassianAnswer, spRules } from '../../../sp-mock/index.ts';

describe("Atlassian's answer matched back to the rules that give it", () => {
  test('every rule with words of its own is found from its description, its placeholders filled', () => {
    for (const code of checkOrder) {
      const description = spRules[code].atlassian.errorDescription;
      if (description === undefined || description.replace(/\{[a-zA-Z]+\}/g, '').trim() === '') continue;
      const filled = description.replace(/\{[a-zA-Z]+\}/g, 'https://example.com/some value');
      expect([code, rulesForAtlassianAnswer({ errorDescription: filled })]).toEqual([code, expect.arrayContaining([code])]);
    }
  });

  test('a description that is only the IdP\'s own words matches nothing; unknown words match nothing', () => {
    expect(rulesForAtlassianAnswer({ errorDescription: 'Something Keycloak said' })).toEqual([]);
    expect(rulesForAtlassianAnswer({})).toEqual([]);
  });

  test('a page without a description is matched by its words, every rule that shows them', () => {
    expect(rulesForAtlassianAnswer({ pageText: 'Oops. User not found — try again' })).toEqual(['SP_ACCOUNT_NOT_FOUND', 'SP_JIT_NAMES_MISSING']);
  });

  test('before any SAML, the answer to the email typed at the login page is matched against the login answers', () => {
    const atLogin = spRules.SP_DOMAIN_NOT_VERIFIED.atLogin!;
    const seen = atLogin.errorDescription === undefined ? { pageText: atLogin.pageText } : { errorDescription: atLogin.errorDescription };
    expect(rulesForAtlassianAnswer(seen, { atLogin: true })).toContain('SP_DOMAIN_NOT_VERIFIED');
    expect(rulesForAtlassianAnswer(seen)).not.toContain('SP_DOMAIN_NOT_VERIFIED');
  });
});
