/** The --org file: sp-mock's organization input plus the SP entity ID and ACS URL; errors name file, line and field. */
import { describe, expect, test } from 'vitest';
import { parseOrganizationFile } from '../../../harness/response/organization-file.ts';

const valid = `spEntityId: https://auth.atlassian.com/saml/abc
acsUrl: https://auth.atlassian.com/login/callback?connection=saml-abc
idp:
  entityId: https://sso.acme.example/realms/acme
  ssoUrl: https://sso.acme.example/realms/acme/protocol/saml
  certificate: MIIC
domains:
  - { name: acme.example, verified: true, linked: true }
accounts:
  - email: Alice@acme.example
`;

function problem(text: string): string {
  try {
    parseOrganizationFile(text, 'org.yaml');
  } catch (error) {
    expect(error).toMatchObject({ code: 'USAGE' });
    return (error as Error).message;
  }
  throw new Error('the file was accepted');
}

describe('the organization file', () => {
  test('a valid file gives the organization the judge needs, with sp-mock defaults filled in', () => {
    const org = parseOrganizationFile(valid, 'org.yaml');
    expect(org).toMatchObject({
      spEntityId: 'https://auth.atlassian.com/saml/abc',
      acsUrl: 'https://auth.atlassian.com/login/callback?connection=saml-abc',
      idp: { entityId: 'https://sso.acme.example/realms/acme', certificate: 'MIIC' },
      domains: [{ name: 'acme.example', verified: true, linked: true }],
      accounts: [{ email: 'alice@acme.example', active: true, ssoEnforced: true }],
    });
  });

  test('a missing ACS URL is named with its file and says what it is', () => {
    expect(problem(valid.replace(/^acsUrl:.*\n/m, ''))).toBe(
      'org.yaml:1:1: acsUrl: required: Atlassian\'s "Service provider assertion consumer service URL"',
    );
  });

  test('a bad value points at its line and column', () => {
    expect(problem(valid.replace('name: acme.example', 'name: not a domain'))).toBe('org.yaml:8:13: domains.0.name: must be a domain name such as example.com');
  });

  test('an unknown field is named', () => {
    expect(problem(`${valid}jitt: true\n`)).toBe(`org.yaml:${valid.split('\n').length}:1: (top level): unknown field jitt`);
  });

  test('a YAML syntax error points at its place', () => {
    expect(problem('idp: [\n')).toMatch(/^org\.yaml:2:1: /);
  });
});
