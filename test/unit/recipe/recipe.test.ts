import { describe, expect, test } from 'vitest';
import { collectingOutput } from '../../../harness/commands/output.ts';
import { recipe } from '../../../harness/commands/recipe.ts';
import { recordProofs } from '../../../harness/recipe/proofs.ts';
import { buildRecipe } from '../../../harness/recipe/recipe.ts';
import { recommendedClientAttributes } from '../../../harness/recommended/keycloak.ts';
import type { RunReport } from '../../../harness/scenario/run-report.ts';
import type { ScenarioResult } from '../../../harness/scenario/run-scenario.ts';
import { useTemporaryCache } from '../../support/temp-cache.ts';

useTemporaryCache();

const passing = (id: string) => ({ id, passed: true }) as ScenarioResult;
const report = (version: string, results: ScenarioResult[]): RunReport => ({
  startedAt: '2026-11-28T10:00:00.000Z',
  finishedAt: '2026-11-28T10:01:00.000Z',
  versions: [{ version, runtime: 'distribution', results }],
});

describe('the recipe', () => {
  test('every recommended client attribute that has a place in the console is in it, in that version\'s words', () => {
    const built = buildRecipe('21.0.2', undefined);
    const attributes = Object.keys(recommendedClientAttributes({ spEntityId: 'e', acsUrl: 'a' }));
    expect(built.keycloak.length).toBeGreaterThanOrEqual(attributes.length);
    expect(built.keycloak).toContainEqual({ where: 'Clients → Atlassian client → Keys → Signing keys config → Client signature required', value: 'Off' });
    expect(built.keycloak).toContainEqual(expect.objectContaining({ where: expect.stringContaining('General Settings → Client ID') }));
  });

  test('without a passing run it is printed but refused as not verified', () => {
    const output = collectingOutput();
    expect(() => recipe({ keycloakVersion: '24.0.5' }, output)).toThrowError(expect.objectContaining({ code: 'RECIPE_NOT_VERIFIED' }));
    expect(output.printed.join('\n')).toContain('**Not verified**');
  });

  test('a run where happy-path passed verifies it, stamped with the version, date and scenarios', async () => {
    await recordProofs(report('24.0.5', [passing('happy-path'), passing('idp-initiated'), passing('nameid-username')]));
    const output = collectingOutput();
    const built = recipe({ keycloakVersion: '24.0.5', format: 'json' }, output);
    expect(built.proof).toEqual({ version: '24.0.5', runtime: 'distribution', date: '2026-11-28T10:01:00.000Z', scenarios: ['happy-path', 'idp-initiated'] });
    expect(JSON.parse(output.printed[0]!).verified).toBe(true);
  });

  test('a run where happy-path failed proves nothing', async () => {
    expect(await recordProofs(report('26.7.3', [{ id: 'happy-path', passed: false } as ScenarioResult]))).toEqual([]);
  });
});
