import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { pointClientAtSpMock, typedIdpHere } from '../../../harness/reproduce/atlassian-side.ts';
import { connectionIdOf } from '../../../sp-mock/index.ts';
import { loadClientExport, loadRealmExport } from '../../../harness/reproduce/exports.ts';
import { temporaryFolder } from '../../support/temporary-folder.ts';

const folder = temporaryFolder('saml-harness-export-test-');
const file = (name: string, content: string) => {
  const path = join(folder, name);
  writeFileSync(path, content);
  return path;
};

describe('exports', () => {
  test('a file that is not JSON is an error naming the line and column', () => {
    const path = file('broken.json', '{\n  "clientId": "x",\n  "protocol": saml\n}');
    expect(() => loadClientExport(path)).toThrowError(new RegExp(`${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:3:\\d+: not valid JSON`));
  });

  test('an OpenID Connect client is refused: Atlassian needs SAML', () => {
    expect(() => loadClientExport(file('oidc.json', '{"clientId":"x","protocol":"openid-connect"}'))).toThrowError(/protocol: "openid-connect"; Atlassian needs a SAML client/);
  });

  test('unknown fields are listed with their path', () => {
    expect(loadClientExport(file('extra.json', '{"clientId":"x","protocol":"saml","newIn27":1}')).unknownFields).toEqual([`${folder}/extra.json.newIn27`]);
  });

  test('a realm export with two SAML clients needs --client-id', () => {
    const path = file('realm.json', JSON.stringify({ realm: 'r', keycloakVersion: '24.0.5', clients: [{ clientId: 'a', protocol: 'saml' }, { clientId: 'b', protocol: 'saml' }] }));
    expect(() => loadRealmExport(path)).toThrowError(/2 SAML clients \(a, b\)/);
    expect(loadRealmExport(path, 'b').value).toMatchObject({ keycloakVersion: '24.0.5', client: { clientId: 'b' } });
  });
});

describe('the Atlassian side of a reproduction', () => {
  test('the connection id comes from the ACS URL or the SP entity URL', () => {
    expect(connectionIdOf('https://auth.atlassian.com/login/callback?connection=saml-9f3a', '')).toBe('9f3a');
    expect(connectionIdOf('', 'https://auth.atlassian.com/saml/77ab')).toBe('77ab');
  });

  test("URLs on Atlassian's host move to sp-mock, a wrong one stays wrong", () => {
    const moved = pointClientAtSpMock(
      { clientId: 'x', protocol: 'saml', redirectUris: ['https://auth.atlassian.com/login/callback?connection=saml-a', 'https://elsewhere.example/cb'] },
      'https://auth.atlassian.com/login/callback?connection=saml-a',
      'http://127.0.0.1:4000',
    );
    expect(moved.redirectUris).toEqual(['http://127.0.0.1:4000/login/callback?connection=saml-a', 'https://elsewhere.example/cb']);
  });

  test('the typed IdP values keep their layout (/auth or not) on this Keycloak', () => {
    expect(typedIdpHere({ entityId: 'https://sso.example/auth/realms/acme', ssoUrl: 'https://sso.example/realms/acme/protocol/saml' }, 'http://127.0.0.1:8080', 'here')).toEqual({
      entityId: 'http://127.0.0.1:8080/auth/realms/here',
      ssoUrl: 'http://127.0.0.1:8080/realms/here/protocol/saml',
    });
  });
});
