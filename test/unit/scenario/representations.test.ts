/** A scenario's Keycloak representations merged over the recommended configuration, as apply.ts makes the realm. */
import { describe, expect, test } from 'vitest';
import { parseScenario } from '../../../harness/scenario/load.ts';
import { scenarioPlaceholders } from '../../../harness/scenario/placeholders.ts';
import { scenarioClient } from '../../../harness/scenario/scenario-client.ts';
import { publishedBaseUrl, scenarioRealm } from '../../../harness/scenario/scenario-realm.ts';
import { scenarioUsers } from '../../../harness/scenario/scenario-users.ts';

const header = 'id: mine\ntitle: a case of my own logs alice in\nexpect: { outcome: success }\n';
const scenario = (yaml: string) => parseScenario(`${header}${yaml}`, '<inline>').scenario;
const sp = { spEntityId: 'https://auth.atlassian.com/saml/abc', acsUrl: 'http://127.0.0.1:4000/login/callback?connection=saml-abc' };
const placeholders = scenarioPlaceholders('http://127.0.0.1:8080', 'r1', sp);

describe('the client', () => {
  test('takes the fields, attributes and mappers the scenario gives, over the recommended ones', () => {
    const client = scenarioClient(
      scenario(`keycloak:
  client:
    enabled: false
    attributes: { saml_name_id_format: null, saml.encrypt: "true" }
    protocolMappers:
      - { name: email, protocolMapper: saml-user-property-mapper, config: { user.attribute: username } }
      - { name: department, protocolMapper: saml-hardcode-attribute-mapper, config: { attribute.value: "{realm}" } }
    withoutMappers: [surname]
`),
      sp,
      placeholders,
    );
    expect(client.enabled).toBe(false);
    expect(client.attributes).not.toHaveProperty('saml_name_id_format');
    expect(client.attributes?.['saml.encrypt']).toBe('true');
    const names = client.protocolMappers?.map((mapper) => mapper.name);
    expect(names).not.toContain('surname');
    expect(names?.filter((name) => name === 'email')).toHaveLength(1);
    expect(client.protocolMappers?.find((mapper) => mapper.name === 'email')?.config).toEqual({ 'user.attribute': 'username' });
    expect(client.protocolMappers?.find((mapper) => mapper.name === 'department')).toMatchObject({ protocol: 'saml', config: { 'attribute.value': 'r1' } });
  });

  test('refuses to leave out a mapper the recommended client does not have', () => {
    expect(() => scenarioClient(scenario('keycloak:\n  client:\n    withoutMappers: [surnme]\n'), sp, placeholders)).toThrowError(
      expect.objectContaining({ code: 'SCENARIO_INVALID', message: expect.stringContaining('"surnme"') }),
    );
  });
});

describe('the users', () => {
  test('an entry named alice changes the default user; others stand on their own', () => {
    const users = scenarioUsers(
      scenario(`keycloak:
  users:
    - { username: alice, enabled: false, requiredActions: [UPDATE_PASSWORD], totpSecret: a-secret-of-sixteen }
    - { username: bob, password: bob-Passw0rd, emailVerified: false, email: bob@acme.example }
`),
    );
    expect(users[0]!.user).toMatchObject({ username: 'alice', email: 'alice@acme.example', password: 'alice-Passw0rd', authenticator: { secret: 'a-secret-of-sixteen', digits: 6 } });
    expect(users[0]!.representation).toMatchObject({ enabled: false, requiredActions: ['UPDATE_PASSWORD'], emailVerified: true });
    expect(users[0]!.representation.credentials?.map((credential) => credential.type)).toEqual(['password', 'otp']);
    expect(JSON.parse(users[0]!.representation.credentials![1]!.secretData!)).toEqual({ value: 'a-secret-of-sixteen' });
    expect(users[1]!.representation).toMatchObject({ username: 'bob', emailVerified: false });
  });

  test('a user of its own needs a password', () => {
    expect(() => scenarioUsers(scenario('keycloak:\n  users:\n    - { username: bob }\n'))).toThrowError(
      expect.objectContaining({ code: 'SCENARIO_INVALID', message: expect.stringContaining('"bob" without a password') }),
    );
  });
});

describe('the realm', () => {
  test("adds components by provider type, replacing one of the harness's by name, and fills placeholders", async () => {
    const differences = scenario(`keycloak:
  realm:
    verifyEmail: true
    attributes: { frontendUrl: "{localhostBaseUrl}" }
    components:
      org.keycloak.keys.KeyProvider:
        - { name: rsa-added, providerId: rsa-generated, config: { priority: "200" } }
        - { name: hmac-generated, providerId: hmac-generated, config: { algorithm: HS256 } }
`).keycloak.realm;
    const realm = await scenarioRealm('r1', differences, [], placeholders);
    expect(realm.verifyEmail).toBe(true);
    expect(realm.attributes).toEqual({ frontendUrl: 'http://localhost:8080' });
    const keys = (realm.components as unknown as Record<string, Array<{ name: string; config: Record<string, string[]> }>>)['org.keycloak.keys.KeyProvider']!;
    expect(keys.map((key) => key.name)).toEqual(['rsa', 'aes-generated', 'rsa-added', 'hmac-generated']);
    expect(keys.find((key) => key.name === 'hmac-generated')?.config).toEqual({ algorithm: ['HS256'] });
    expect(publishedBaseUrl('http://127.0.0.1:8080', differences, placeholders)).toBe('http://localhost:8080');
  });
});
