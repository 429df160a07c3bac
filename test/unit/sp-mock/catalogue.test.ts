/** The rule catalogue is complete, and the documentation says what the catalogue says. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkOrder, spRuleCodes, spRules } from '../../../sp-mock/rules/catalogue.ts';
import { DOC_PATH, ruleTableMarkdown, withCurrentTable } from '../../../sp-mock/rules/rule-table.ts';

const doc = readFileSync(DOC_PATH, 'utf8');

describe('rule catalogue', () => {
  it('every code has its own entry with a check, message, fix, Atlassian text and source', () => {
    for (const code of spRuleCodes) {
      const rule = spRules[code];
      expect(rule.code).toBe(code);
      expect([rule.checks, rule.message, rule.fix, rule.atlassian.pageText, rule.source].every((text) => text.length > 0)).toBe(true);
    }
  });

  it('messages are plain sentences', () => {
    expect(spRuleCodes.filter((code) => !/^[A-Z].*\.$/.test(spRules[code].message))).toEqual([]);
  });

  it('every check is in the order the judge reports', () => {
    expect(new Set(checkOrder).size).toBe(spRuleCodes.length - 1);
  });

  it('docs/atlassian-behaviour.md carries the current rule table (regenerate: npx tsx sp-mock/rules/rule-table.ts)', () => {
    expect(withCurrentTable(doc)).toBe(doc);
  });

  it('the documentation names every rule code', () => {
    expect(checkOrder.filter((code) => !ruleTableMarkdown().includes(`\`${code}\``) || !doc.includes(`\`${code}\``))).toEqual([]);
  });
});
