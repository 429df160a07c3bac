/** Reads scenario files; a bad file is an error naming the file, the place in it, and what is expected. */
import { readdirSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { HarnessError } from '../errors.ts';
import { parseYamlFile, readUserFile } from '../yaml-file.ts';
import { scenarioSchema, type Scenario } from './schema.ts';

export interface LoadedScenario {
  scenario: Scenario;
  file: string;
}

export function parseScenario(text: string, file: string): LoadedScenario {
  const { data, position } = parseYamlFile(text, displayPath(file), scenarioSchema, invalid);
  if (`${data.id}.yaml` !== basename(file) && !file.startsWith('<')) {
    throw invalid(`${displayPath(file)}:${position(['id'])}: id "${data.id}" must match the file name (${basename(file)})`);
  }
  return { scenario: data, file };
}

export function loadScenarioFile(file: string): LoadedScenario {
  const text = readUserFile(
    file,
    (reason, cause) => new HarnessError('SCENARIO_NOT_FOUND', `Cannot read the scenario file ${file}: ${reason}`, 'Check the path.', { cause }),
  );
  return parseScenario(text, file);
}

export function loadScenarioFolder(folder: string): LoadedScenario[] {
  return readdirSync(folder)
    .filter((name) => name.endsWith('.yaml') && name !== 'support-cases.yaml')
    .sort()
    .map((name) => loadScenarioFile(join(folder, name)));
}

function invalid(message: string): HarnessError {
  return new HarnessError(
    'SCENARIO_INVALID',
    message,
    'Correct the scenario file; `saml-harness check` lints the whole catalogue, and scenarios/README.md describes every field.',
  );
}

function displayPath(file: string): string {
  const shown = relative(process.cwd(), file);
  return shown.startsWith('..') ? file : shown;
}
