/** Reads scenario files; a bad file is an error naming the file, the place in it, and what is expected. */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import { yamlPosition } from '../yaml-position.ts';
import { HarnessError } from '../errors.ts';
import { scenarioSchema, type Scenario } from './schema.ts';

export interface LoadedScenario {
  scenario: Scenario;
  file: string;
}

export function parseScenario(text: string, file: string): LoadedScenario {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false });
  const shown = displayPath(file);
  if (document.errors.length) {
    const error = document.errors[0]!;
    const at = lineCounter.linePos(error.pos[0]);
    throw invalid(`${shown}:${at.line}:${at.col}: ${error.message.split('\n')[0]}`);
  }
  const result = scenarioSchema.safeParse(document.toJS());
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `${shown}:${yamlPosition(document, lineCounter, issue.path)}: ${describeIssue(issue)}`);
    throw invalid(lines.join('\n'));
  }
  if (`${result.data.id}.yaml` !== basename(file) && !file.startsWith('<')) {
    throw invalid(`${shown}:${yamlPosition(document, lineCounter, ['id'])}: id "${result.data.id}" must match the file name (${basename(file)})`);
  }
  return { scenario: result.data, file };
}

export function loadScenarioFile(file: string): LoadedScenario {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new HarnessError('SCENARIO_NOT_FOUND', `Cannot read the scenario file ${file}: ${(error as Error).message}`, 'Check the path.', {
      cause: error,
    });
  }
  return parseScenario(text, file);
}

/** Every `*.yaml` scenario in a folder except the support-case list. */
export function loadScenarioFolder(folder: string): LoadedScenario[] {
  return readdirSync(folder)
    .filter((name) => name.endsWith('.yaml') && name !== 'support-cases.yaml')
    .sort()
    .map((name) => loadScenarioFile(join(folder, name)));
}


function describeIssue(issue: z.core.$ZodIssue): string {
  const field = issue.path.length ? issue.path.join('.') : '(top level)';
  if (issue.code === 'unrecognized_keys') return `${field}: unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.join(', ')}`;
  return `${field}: ${issue.message}`;
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
