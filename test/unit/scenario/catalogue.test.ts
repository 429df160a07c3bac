import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { catalogueFolder, checkCatalogue } from '../../../harness/scenario/catalogue.ts';

const copies: string[] = [];
afterEach(() => copies.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function copyOfCatalogue(): string {
  const dir = mkdtempSync(join(tmpdir(), 'saml-harness-catalogue-'));
  copies.push(dir);
  cpSync(catalogueFolder, dir, { recursive: true });
  return dir;
}

describe('the catalogue lint', () => {
  test('the shipped catalogue is valid and covers every support case', () => {
    const report = checkCatalogue();
    expect(report.problems).toEqual([]);
    expect([...report.coverage.values()].every((scenarios) => scenarios.length > 0)).toBe(true);
  });

  test('a support case without a scenario is a problem', () => {
    const dir = copyOfCatalogue();
    rmSync(join(dir, 'clock-skew.yaml'));
    rmSync(join(dir, 'clock-skew-ahead.yaml'));
    expect(checkCatalogue(dir).problems).toEqual(['support case clock-skew has no scenario: add one whose supportCases lists it']);
  });

  test('a scenario naming a support case that does not exist is a problem', () => {
    const dir = copyOfCatalogue();
    writeFileSync(join(dir, 'extra.yaml'), 'id: extra\ntitle: an extra case logs alice in\nsupportCases: [no-such-case]\nexpect: { outcome: success }\n');
    expect(checkCatalogue(dir).problems).toEqual([expect.stringContaining('supportCases names no-such-case, which is no support case')]);
  });

  test('an invalid file is a problem with its place', () => {
    const dir = copyOfCatalogue();
    writeFileSync(join(dir, 'broken.yaml'), 'id: broken\ntitle: a broken case is reported\nexpect: { outcome: maybe }\n');
    expect(checkCatalogue(dir).problems.join('\n')).toMatch(/broken\.yaml:3:20: expect\.outcome: Invalid discriminator value/);
  });
});
