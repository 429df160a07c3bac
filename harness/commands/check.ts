/** `saml-harness check`: lints the scenario catalogue. */
import type { Output } from './output.ts';
import { HarnessError } from '../errors.ts';
import { checkCatalogue } from '../scenario/catalogue.ts';

export function check(output: Output, folder?: string): void {
  const report = checkCatalogue(folder);
  for (const [id, scenarios] of report.coverage) output.print(`${scenarios.length ? '✓' : '✗'} ${id}: ${scenarios.join(', ') || 'no scenario'}`);
  if (report.problems.length) {
    throw new HarnessError(
      'CATALOGUE_INVALID',
      `The catalogue has ${report.problems.length} problem(s):\n${report.problems.map((p) => `  ${p}`).join('\n')}`,
      'Fix each problem listed; scenarios/README.md describes the scenario format.',
    );
  }
  output.print(`${report.scenarios.length} scenarios, ${report.supportCases.length} support cases, all covered.`);
}
