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

describe("scenario files in Keycloak's representations", () => {
  test('a partial realm, client and users are read as Keycloak spells them', () => {
    const text = `${valid}keycloak:
  realm:
    bruteForceProtected: true
    failureFactor: 3
    components:
      org.keycloak.keys.KeyProvider:
        - { name: rsa-added, providerId: rsa-generated, config: { priority: "200" } }
  client:
    enabled: false
    protocolMappers:
      - name: email as NameID
        protocolMapper: saml-user-attribute-nameid-mapper
        config: { user.attribute: email }
  users:
    - username: alice
      requiredActions: [UPDATE_PASSWORD]
      attributes: { department: sales }
`;
    const { scenario } = parseScenario(text, '<inline>');
    expect(scenario.keycloak.realm).toMatchObject({ bruteForceProtected: true, failureFactor: 3 });
    // Component config values are lists in Keycloak; a single value is one.
    expect(scenario.keycloak.realm?.components?.['org.keycloak.keys.KeyProvider']?.[0]?.config).toEqual({ priority: ['200'] });
    expect(scenario.keycloak.client?.protocolMappers?.[0]).toMatchObject({ protocol: 'saml', config: { 'user.attribute': 'email' } });
    expect(scenario.keycloak.users?.[0]).toMatchObject({ requiredActions: ['UPDATE_PASSWORD'], attributes: { department: ['sales'] } });
  });

  test.each([
    ['realm', 'keycloak:\n  realm:\n    bruteForceProtect: true\n', '<inline>:7:5: keycloak.realm: unknown field bruteForceProtect'],
    ['user', 'keycloak:\n  users:\n    - username: alice\n      enable: false\n', '<inline>:8:7: keycloak.users.0: unknown field enable'],
    ['mapper', 'keycloak:\n  client:\n    protocolMappers:\n      - { name: x, protocolMapper: y, confg: {} }\n', '<inline>:8:39: keycloak.client.protocolMappers.0: unknown field confg'],
  ])('an unknown field of a %s representation is named with its file, line and column', (_kind, section, message) => {
    expect(() => parseScenario(`${valid}${section}`, '<inline>')).toThrowError(expect.objectContaining({ code: 'SCENARIO_INVALID', message }));
  });

  test('a required action Keycloak does not have is refused', () => {
    const text = `${valid}keycloak:\n  users:\n    - username: alice\n      requiredActions: [UPDATE_PASWORD]\n`;
    expect(() => parseScenario(text, '<inline>')).toThrowError(/keycloak\.users\.0\.requiredActions\.0: .*"UPDATE_PASSWORD"/);
  });
});
