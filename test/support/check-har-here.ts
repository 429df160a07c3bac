/** `check-har` in this process: the CLI's action with its output captured; the exit code is the error's, as main.ts maps it. */
import { checkHar, type CheckHarResult } from '../../harness/commands/check-har.ts';
import { HarnessError } from '../../harness/errors.ts';

export interface CheckedHere {
  code: number;
  /** Every line printed, then the error's message and fix, as a user would read them. */
  printed: string;
  /** The JSON result (format json), also when the login was refused. */
  result?: CheckHarResult;
}

export async function checkHarHere(file: string, format: 'text' | 'json' = 'json'): Promise<CheckedHere> {
  const lines: string[] = [];
  const output = { print: (line: string) => lines.push(line), note: (line: string) => lines.push(line) };
  const json = () => (format === 'json' ? { result: JSON.parse(lines.join('\n')) as CheckHarResult } : {});
  try {
    await checkHar({ input: file, format }, output);
    return { code: 0, printed: lines.join('\n'), ...json() };
  } catch (error) {
    if (!HarnessError.is(error)) throw error;
    return { code: error.exitCode, printed: `${lines.join('\n')}\n${error.message}\n${error.fix}`, ...(lines.length ? json() : {}) };
  }
}
