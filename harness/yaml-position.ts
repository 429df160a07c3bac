/** Where a path of a YAML document sits, for file:line:col messages. */
import { isNode, type Document, type LineCounter } from 'yaml';

/** The line and column of the deepest node on `path` the document has ("1:1" when none). */
export function yamlPosition(document: Document, lineCounter: LineCounter, path: readonly PropertyKey[]): string {
  for (let depth = path.length; depth >= 0; depth--) {
    const node = depth === 0 ? document.contents : document.getIn(path.slice(0, depth) as unknown[], true);
    if (isNode(node) && node.range) {
      const at = lineCounter.linePos(node.range[0]);
      return `${at.line}:${at.col}`;
    }
  }
  return '1:1';
}
