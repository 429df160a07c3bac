/**
 * The decoded response, one element per line, with a marker line under each element a failing rule is
 * about. Which elements those are is the judge's word (each failing rule's element paths, `at`): nothing
 * is looked for here again.
 */
import { DOMParser } from '@xmldom/xmldom';
import escapeHtml from 'escape-html';
import type { SpCheckCode } from '../rules/catalogue.ts';
import { elementPath } from './element-path.ts';
import type { RuleResult } from './types.ts';

export interface Mark {
  readonly code: SpCheckCode;
  readonly note: string;
}

const text = (element: Element) => (element.textContent ?? '').trim();

const notes: Partial<Record<SpCheckCode, string>> = {
  SP_SIGNATURE_MISSING: 'no <ds:Signature> in this element',
};

/** The marks each element path carries, from the failing rules' places. */
export function marksFor(rules: readonly RuleResult[]): Map<string, Mark[]> {
  const marks = new Map<string, Mark[]>();
  for (const rule of rules) {
    if (rule.status !== 'fail' || rule.at === undefined) continue;
    for (const path of rule.at) {
      marks.set(path, [...(marks.get(path) ?? []), { code: rule.code, note: notes[rule.code] ?? rule.detail ?? '' }]);
    }
  }
  return marks;
}

const escapeText = (value: string) => value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escapeAttribute = (value: string) => escapeText(value).replace(/"/g, '&quot;');

function startTag(element: Element, close: string): string {
  const attributes = Array.from(element.attributes)
    .map((attribute) => ` ${attribute.name}="${escapeAttribute(attribute.value)}"`)
    .join('');
  return `<${element.tagName}${attributes}${close}`;
}

const MARKER_WIDTH = 40;

function markerLines(indent: string, line: string, marks: readonly Mark[] | undefined): string[] {
  const width = Math.min(Math.max(line.length - indent.length, 1), MARKER_WIDTH);
  return (marks ?? []).map((mark) => `${indent}${'^'.repeat(width)} ✗ ${mark.code}${mark.note ? `: ${mark.note}` : ''}`);
}

/**
 * One element per line, indented; an element holding only text stays on one line. Comments are shown
 * (the judge skips them in NameID, and they matter in attacks); whitespace-only text is layout and dropped.
 */
export function annotatedLines(document: Document, marks: ReadonlyMap<string, readonly Mark[]>): string[] {
  const lines: string[] = [];
  const visit = (node: Node, depth: number) => {
    const indent = '  '.repeat(depth);
    if (node.nodeType === 8) {
      lines.push(`${indent}<!--${node.nodeValue ?? ''}-->`);
      return;
    }
    if (node.nodeType === 3 || node.nodeType === 4) {
      const value = (node.nodeValue ?? '').trim();
      if (value) lines.push(`${indent}${escapeText(value)}`);
      return;
    }
    if (node.nodeType !== 1) return;
    const element = node as Element;
    const content = Array.from(element.childNodes).filter((child) => child.nodeType !== 3 || (child.nodeValue ?? '').trim() !== '');
    const onlyText = content.every((child) => child.nodeType === 3 || child.nodeType === 4);
    let line: string;
    if (content.length === 0) line = `${indent}${startTag(element, '/>')}`;
    else if (onlyText) line = `${indent}${startTag(element, '>')}${escapeText(text(element))}</${element.tagName}>`;
    else line = `${indent}${startTag(element, '>')}`;
    lines.push(line, ...markerLines(indent, line, marks.size === 0 ? undefined : marks.get(elementPath(element))));
    if (content.length === 0 || onlyText) return;
    for (const child of content) visit(child, depth + 1);
    lines.push(`${indent}</${element.tagName}>`);
  };
  if (document.documentElement !== null) visit(document.documentElement, 0);
  return lines;
}

/** The decoded response as HTML: a <pre> with each marker line in a `mark` span; escaped throughout. */
export function markedXmlHtml(xml: string, rules: readonly RuleResult[]): string {
  const marks = marksFor(rules);
  if (marks.size === 0) return `<pre>${escapeHtml(xml)}</pre>`;
  const document = new DOMParser({ errorHandler: { warning: () => undefined, error: () => undefined, fatalError: () => undefined } }).parseFromString(xml, 'text/xml');
  if (document.documentElement === null) return `<pre>${escapeHtml(xml)}</pre>`;
  const lines = annotatedLines(document, marks).map((line) => (/^\s*\^+ ✗ /.test(line) ? `<span class="mark">${escapeHtml(line)}</span>` : escapeHtml(line)));
  return `<pre class="marked">${lines.join('\n')}</pre>`;
}
