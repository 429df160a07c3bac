/**
 * Which runs proved the recommended configuration: a passing happy-path scenario on a Keycloak version,
 * recorded by `saml-harness run` in the cache, read by `saml-harness recipe`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cacheDir } from '../cache.ts';
import type { RunReport } from '../scenario/run-report.ts';

/** The scenarios whose passing proves the recipe: the recommended configuration itself, both flows. */
export const provingScenarios = ['happy-path', 'idp-initiated'] as const;

export interface Proof {
  version: string;
  runtime: string;
  date: string;
  scenarios: string[];
}

const proofFile = (version: string) => join(cacheDir('proofs'), `keycloak-${version}.json`);

export async function recordProofs(report: RunReport): Promise<Proof[]> {
  const proofs: Proof[] = [];
  for (const run of report.versions) {
    const passed = run.results.filter((r) => r.passed && (provingScenarios as readonly string[]).includes(r.id)).map((r) => r.id);
    if (!passed.includes('happy-path')) continue;
    const proof: Proof = { version: run.version, runtime: run.runtime, date: report.finishedAt, scenarios: passed };
    await writeFile(proofFile(run.version), JSON.stringify(proof, null, 2));
    proofs.push(proof);
  }
  return proofs;
}

export function proofFor(version: string): Proof | undefined {
  const file = proofFile(version);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Proof) : undefined;
}
