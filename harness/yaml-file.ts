/**
 * YAML files validated by a zod schema, the way every file a user writes is read (scenarios, organization
 * files): a bad one is an error naming the file, `line:col` of the place in it, the field and what is
 * expected.
 */
import { readFileSync } from 'node:fs';
import { isMap, isNode, isScalar, LineCounter, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import type { HarnessError } from './errors.ts';

export interface ParsedYaml<T> {
  readonly data: T;
  /** `line:col` of the deepest node on `path` the document has ("1:1" when none). */
  position(path: readonly PropertyKey[]): string;
}

/** `invalid` turns the lines that say what is wrong into the error the caller's users meet. */
export function parseYamlFile<S extends z.ZodType>(
  text: string,
  shownAs: string,
  schema: S,
  invalid: (message: string) => HarnessError,
): ParsedYaml<z.output<S>> {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false });
  const [syntaxError] = document.errors;
  if (syntaxError !== undefined) {
    const at = lineCounter.linePos(syntaxError.pos[0]);
    throw invalid(`${shownAs}:${at.line}:${at.col}: ${syntaxError.message.split('\n')[0] ?? ''}`);
  }
  const position = (path: readonly PropertyKey[]) => yamlPosition(document, lineCounter, path);
  const result = schema.safeParse(document.toJS());
  if (!result.success) {
    const where = (issue: z.core.$ZodIssue) =>
      issue.code === 'unrecognized_keys' ? keyPosition(document, lineCounter, issue.path, issue.keys[0]!) ?? position(issue.path) : position(issue.path);
    throw invalid(result.error.issues.map((issue) => `${shownAs}:${where(issue)}: ${describeIssue(issue)}`).join('\n'));
  }
  return { data: result.data, position };
}

/** The file's text; `unreadable` says what to do when it cannot be read. */
export function readUserFile(file: string, unreadable: (reason: string, cause: unknown) => HarnessError): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw unreadable((error as Error).message, error);
  }
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const field = issue.path.length ? issue.path.join('.') : '(top level)';
  if (issue.code === 'unrecognized_keys') return `${field}: unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.join(', ')}`;
  return `${field}: ${issue.message}`;
}

/** Where a key of the map at `path` is written (the key itself, not its map). */
function keyPosition(document: Document, lineCounter: LineCounter, path: readonly PropertyKey[], key: string): string | undefined {
  const map = path.length ? document.getIn(path as unknown[], true) : document.contents;
  if (!isMap(map)) return undefined;
  const pair = map.items.find((item) => isScalar(item.key) && item.key.value === key);
  const range = isNode(pair?.key) ? pair.key.range : undefined;
  if (!range) return undefined;
  const at = lineCounter.linePos(range[0]);
  return `${at.line}:${at.col}`;
}

function yamlPosition(document: Document, lineCounter: LineCounter, path: readonly PropertyKey[]): string {
  for (let depth = path.length; depth >= 0; depth--) {
    const node = depth === 0 ? document.contents : document.getIn(path.slice(0, depth) as unknown[], true);
    if (isNode(node) && node.range) {
      const at = lineCounter.linePos(node.range[0]);
      return `${at.line}:${at.col}`;
    }
  }
  return '1:1';
}
