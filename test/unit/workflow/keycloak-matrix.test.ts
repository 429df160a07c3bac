/** The GitHub Actions matrix cannot run here: actionlint checks it, and these tests tie it to the harness. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { supportedVersions } from '../../../harness/keycloak/versions.ts';
import { actionlint } from './actionlint.ts';

const repositoryRoot = fileURLToPath(new URL('../../../', import.meta.url));

const workflowPath = '.github/workflows/keycloak-matrix.yml';
const source = await readFile(join(repositoryRoot, workflowPath), 'utf8');

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  env?: Record<string, string>;
  with?: Record<string, unknown>;
}
interface Job {
  'runs-on': string;
  needs?: string;
  strategy?: { matrix: Record<string, unknown[]> };
  steps: Step[];
}
const workflow = parse(source) as { jobs: Record<string, Job> };
const matrixJob = workflow.jobs.keycloak!;
const summaryJob = workflow.jobs.summary!;
const usesOf = (job: Job, action: string) => job.steps.find((step) => step.uses?.startsWith(`${action}@`));

describe('keycloak-matrix.yml', { timeout: 30_000 }, () => {
  it('actionlint finds nothing in it', async () => {
    expect(await actionlint(source, workflowPath)).toEqual([]);
  });

  it('actionlint finds a mistake put into it: an unknown matrix key and a misspelt action input', async () => {
    const broken = source
      .replace('--keycloak-version "$KEYCLOAK_VERSION"', '--keycloak-version "${{ matrix.version }}"')
      .replace('if-no-files-found: warn', 'if-no-file-found: warn');
    const findings = await actionlint(broken, workflowPath);
    expect(findings.map((finding) => finding.kind).sort()).toEqual(['action', 'expression']);
  });

  it('runs one job per supported Keycloak version, 21.1.2 included', () => {
    expect(matrixJob.strategy?.matrix.keycloak).toEqual(supportedVersions.map((entry) => entry.version));
    expect(matrixJob.strategy?.matrix.keycloak).toContain('21.1.2');
  });

  it('each job runs the catalogue on its version with the container runtime and writes the reports', () => {
    const run = matrixJob.steps.find((step) => step.run?.includes('saml-harness run'));
    expect(run?.run).toBe('npx saml-harness run --keycloak-version "$KEYCLOAK_VERSION" --runtime container --report reports');
    expect(run?.env).toEqual({ KEYCLOAK_VERSION: '${{ matrix.keycloak }}' });
  });

  it("keeps each version's Keycloak images in the Actions cache: loaded before the catalogue, saved after it when missing", () => {
    const cache = usesOf(matrixJob, 'actions/cache');
    expect(cache?.with?.path).toBe('~/.cache/saml-harness-images');
    // The version, and the harness code that decides the fast-start image's tag and content.
    expect(cache?.with?.key).toBe("keycloak-images-${{ matrix.keycloak }}-${{ hashFiles('harness/keycloak/**/*.ts') }}");
    const names = matrixJob.steps.map((step) => step.name ?? step.run ?? step.uses);
    const load = matrixJob.steps.find((step) => step.run?.startsWith('docker load'));
    const save = matrixJob.steps.find((step) => step.run?.includes('docker save'));
    expect(load?.if).toBe("steps.images.outputs.cache-hit == 'true'");
    expect(save?.if).toContain("steps.images.outputs.cache-hit != 'true'");
    const catalogue = names.findIndex((name) => name?.startsWith('Scenario catalogue'));
    expect(names.indexOf(load!.name!)).toBeLessThan(catalogue);
    expect(names.indexOf(save!.name!)).toBeGreaterThan(catalogue);
    expect(save?.run).toContain('saml-harness/keycloak-fast:$KEYCLOAK_VERSION-');
    expect(save?.env).toEqual({ KEYCLOAK_VERSION: '${{ matrix.keycloak }}' });
  });

  it('on Node 20, installed with npm ci', () => {
    for (const job of [matrixJob, summaryJob]) {
      expect(usesOf(job, 'actions/setup-node')?.with?.['node-version']).toBe(20);
      expect(job.steps.some((step) => step.run?.startsWith('npm ci'))).toBe(true);
    }
  });

  it('uploads the reports (JUnit XML among them) even when scenarios failed, and writes a job summary', () => {
    const upload = usesOf(matrixJob, 'actions/upload-artifact');
    expect(upload?.with?.path).toBe('reports/');
    expect(upload?.if).toContain('!cancelled()');
    const summary = matrixJob.steps.find((step) => step.run?.includes('$GITHUB_STEP_SUMMARY'));
    expect(summary?.run).toContain('harness/ci/github-summary.ts reports/report.json');
    expect(summary?.if).toContain('!cancelled()');
  });

  it('a last job gathers every version\'s report into one table', () => {
    expect(summaryJob.needs).toBe('keycloak');
    expect(usesOf(matrixJob, 'actions/upload-artifact')?.with?.name).toBe('reports-keycloak-${{ matrix.keycloak }}');
    expect(usesOf(summaryJob, 'actions/download-artifact')?.with?.pattern).toBe('reports-keycloak-*');
    expect(summaryJob.steps.at(-1)?.run).toContain('harness/ci/github-summary.ts "${reports[@]}" >> "$GITHUB_STEP_SUMMARY"');
  });
});
