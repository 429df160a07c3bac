/** Where commands write: results to stdout, progress and warnings to stderr. Tests pass their own. */
export interface Output {
  /** The command's result, for people and for pipes. */
  print(line: string): void;
  /** Progress, hints and warnings. */
  note(line: string): void;
}

export const consoleOutput: Output = {
  print: (line) => process.stdout.write(`${line}\n`),
  note: (line) => process.stderr.write(`${line}\n`),
};

export function collectingOutput(): Output & { printed: string[]; noted: string[] } {
  const printed: string[] = [];
  const noted: string[] = [];
  return { printed, noted, print: (line) => printed.push(line), note: (line) => noted.push(line) };
}
