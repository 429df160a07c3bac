/**
 * The scenario catalogue and its lint: every file valid, ids unique, titles plain statements, every
 * support case covered by at least one scenario.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { HarnessError } from '../errors.ts';
import { parseYamlFile, readUserFile } from '../yaml-file.ts';
import { loadScenarioFolder, type LoadedScenario } from './load.ts';

export const catalogueFolder = fileURLToPath(new URL('../../scenarios/', import.meta.url));

const supportCasesSchema = z.array(
  z.strictObject({ id: z.string(), case: z.string(), requires: z.enum(['ldap']).optional() }),
);

export type SupportCase = z.output<typeof supportCasesSchema>[number];

export function loadSupportCases(folder = catalogueFolder): SupportCase[] {
  const file = join(folder, 'support-cases.yaml');
  const invalid = (message: string) => new HarnessError('SCENARIO_INVALID', message, 'Correct the support-case list: a list of id, case and (optionally) requires: ldap.');
  const text = readUserFile(file, (reason, cause) => new HarnessError('SCENARIO_NOT_FOUND', `Cannot read ${file}: ${reason}`, 'Check the catalogue folder.', { cause }));
  return parseYamlFile(text, file, supportCasesSchema, invalid).data;
}

export interface CatalogueReport {
  scenarios: LoadedScenario[];
  supportCases: SupportCase[];
  /** Support case id → the scenarios reproducing it. */
  coverage: Map<string, string[]>;
  problems: string[];
}

/** Lints the catalogue; problems are listed, not thrown, so that all of them are shown at once. */
export function checkCatalogue(folder = catalogueFolder): CatalogueReport {
  const problems: string[] = [];
  let scenarios: LoadedScenario[] = [];
  try {
    scenarios = loadScenarioFolder(folder);
  } catch (error) {
    if (!HarnessError.is(error)) throw error;
    problems.push(error.message);
  }
  const supportCases = loadSupportCases(folder);
  const seen = new Map<string, string>();
  for (const { scenario, file } of scenarios) {
    const first = seen.get(scenario.id);
    if (first) problems.push(`${file}: id ${scenario.id} is already used by ${first}`);
    seen.set(scenario.id, file);
    for (const id of scenario.supportCases) {
      if (!supportCases.some((row) => row.id === id)) problems.push(`${file}: supportCases names ${id}, which is no support case`);
    }
  }
  const coverage = new Map(supportCases.map((row) => [row.id, scenarios.filter((s) => s.scenario.supportCases.includes(row.id)).map((s) => s.scenario.id)]));
  for (const [id, covering] of coverage) {
    if (covering.length === 0) problems.push(`support case ${id} has no scenario: add one whose supportCases lists it`);
  }
  return { scenarios, supportCases, coverage, problems };
}
