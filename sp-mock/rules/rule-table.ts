/**
 * The rule catalogue as Markdown, for docs/atlassian-behaviour.md (between the rules markers). A test
 * keeps the document equal to it; `npx tsx sp-mock/rules/rule-table.ts` rewrites the block.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { checkOrder, spRules, type AtlassianAnswer } from './catalogue.ts';

export const RULES_START = '<!-- rules:start (generated from sp-mock/rules/catalogue.ts) -->';
export const RULES_END = '<!-- rules:end -->';

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function shows(answer: AtlassianAnswer): string {
  const redirect = answer.errorDescription === undefined ? '' : `\`error=access_denied&error_description=${answer.errorDescription}\``;
  const page = answer.errorDescription === answer.pageText ? '' : `“${answer.pageText}”`;
  return [redirect, page].filter(Boolean).join(' — ') + ` (${answer.textOrigin})`;
}

export function ruleTableMarkdown(): string {
  const rows = checkOrder.map((code) => {
    const rule = spRules[code];
    const atLogin = rule.atLogin === undefined ? '' : `; at GET /login: ${shows(rule.atLogin)}`;
    return `| \`${code}\` | ${rule.stage} | ${cell(rule.checks)} | ${cell(shows(rule.atlassian) + atLogin)} | ${cell(rule.source)} | ${rule.confidence} |`;
  });
  const fixes = checkOrder.map((code) => `- \`${code}\`: ${spRules[code].message} Fix: ${spRules[code].fix}`);
  return [
    RULES_START,
    '| Code | Stage | What is checked | What Atlassian shows (origin of the words) | Source | Confidence |',
    '|---|---|---|---|---|---|',
    ...rows,
    '',
    'Message and fix recorded with each failure:',
    '',
    ...fixes,
    RULES_END,
  ].join('\n');
}

export const DOC_PATH = fileURLToPath(new URL('../../docs/atlassian-behaviour.md', import.meta.url));

/** The document with its rules block replaced by the current table. */
export function withCurrentTable(document: string): string {
  const start = document.indexOf(RULES_START);
  const end = document.indexOf(RULES_END);
  if (start < 0 || end < start) throw new Error(`${DOC_PATH} has no rules block (${RULES_START} … ${RULES_END})`);
  return document.slice(0, start) + ruleTableMarkdown() + document.slice(end + RULES_END.length);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(DOC_PATH, withCurrentTable(readFileSync(DOC_PATH, 'utf8')));
}
