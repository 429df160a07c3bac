import { describe, expect, test } from 'vitest';
import { parseScenario } from '../../../harness/scenario/load.ts';

const valid = `id: my-case
title: a case of my own logs alice in
expect:
  outcome: success
`;

describe('scenario files', () => {
  test('a valid file gets the defaults of every section', () => {
    const { scenario } = parseScenario(valid, '<inline>');
    expect(scenario.flow).toBe('sp-initiated');
    expect(scenario.supportCases).toEqual([]);
    expect(scenario.keycloak).toEqual({});
  });

  test('an unknown field is named with its file, line and column', () => {
    const text = `${valid}keycloak:\n  client:\n    atributes: {}\n`;
    expect(() => parseScenario(text, '<inline>')).toThrowError(
      expect.objectContaining({ code: 'SCENARIO_INVALID', message: '<inline>:7:5: keycloak.client: unknown field atributes' }),
    );
  });

  test('a wrong value names the field and what is expected', () => {
    const text = valid.replace('outcome: success', 'outcome: failure\n  where: atlassian\n  code: SP_AUDIENCE_INVALID');
    expect(() => parseScenario(text, '<inline>')).toThrowError(/<inline>:5:10: expect\.where: .*"keycloak"\|"sp"\|"browser"/);
  });

  test('a title written as "should …" is refused: titles are plain statements', () => {
    expect(() => parseScenario(valid.replace('a case of my own', 'should log'), '<inline>')).toThrowError(/title: must be a plain statement/);
  });

  test('broken YAML is reported where it breaks', () => {
    expect(() => parseScenario('id: x\ntitle: [unclosed\n', '<inline>')).toThrowError(/^<inline>:\d+:\d+: /);
  });

  test('the id must match the file name', () => {
    expect(() => parseScenario(valid, '/tmp/other-name.yaml')).toThrowError(/id "my-case" must match the file name \(other-name\.yaml\)/);
  });
});
