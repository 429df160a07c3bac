import { describe, expect, it } from 'vitest';
import { quote, slapdConfig, type SlapdConfigInput } from '../../../harness/ldap/native/slapd-config.ts';

const input: SlapdConfigInput = {
  suffix: 'dc=example,dc=org',
  rootDn: 'cn=admin,dc=example,dc=org',
  rootPasswordHash: '{SSHA}lHFzXul4wnzRItssVcTnvXWRjNgBAgMEBQYHCA==',
  schemaDirectory: '/etc/ldap/schema',
  modulePath: '/usr/lib/ldap',
  dataDirectory: '/tmp/saml-harness-ldap-x/data',
  runDirectory: '/tmp/saml-harness-ldap-x',
};
const lines = (config: string) => config.split('\n');

describe('slapdConfig', () => {
  it('includes the four schemas inetOrgPerson needs, in dependency order', () => {
    expect(lines(slapdConfig(input)).filter((line) => line.startsWith('include'))).toEqual([
      'include "/etc/ldap/schema/core.schema"',
      'include "/etc/ldap/schema/cosine.schema"',
      'include "/etc/ldap/schema/inetorgperson.schema"',
      'include "/etc/ldap/schema/nis.schema"',
    ]);
  });

  it('loads back_mdb from the module path before the mdb database', () => {
    const config = lines(slapdConfig(input));
    expect(config).toContain('modulepath "/usr/lib/ldap"');
    expect(config.indexOf('moduleload back_mdb')).toBeLessThan(config.indexOf('database mdb'));
  });

  it('loads no module when back_mdb is built in', () => {
    expect(slapdConfig({ ...input, modulePath: undefined })).not.toMatch(/module/);
  });

  it('names the suffix, the admin, its hashed password, and keeps pid, args and data in the temporary folder', () => {
    const config = lines(slapdConfig(input));
    expect(config).toEqual(
      expect.arrayContaining([
        'suffix "dc=example,dc=org"',
        'rootdn "cn=admin,dc=example,dc=org"',
        'rootpw "{SSHA}lHFzXul4wnzRItssVcTnvXWRjNgBAgMEBQYHCA=="',
        'directory "/tmp/saml-harness-ldap-x/data"',
        'pidfile "/tmp/saml-harness-ldap-x/slapd.pid"',
        'argsfile "/tmp/saml-harness-ldap-x/slapd.args"',
      ]),
    );
  });

  it('keeps the database small: 16 MB unless asked otherwise', () => {
    expect(lines(slapdConfig(input))).toContain('maxsize 16777216');
    expect(lines(slapdConfig({ ...input, maxSizeBytes: 1048576 }))).toContain('maxsize 1048576');
  });

  it('lets anyone authenticate with a password but nobody read it', () => {
    expect(lines(slapdConfig(input))).toContain('access to attrs=userPassword by self write by anonymous auth by * none');
  });

  it('an escaped comma in the suffix survives slapd\'s tokenizer (written \\\\,)', () => {
    expect(lines(slapdConfig({ ...input, suffix: 'o=Acme\\, Inc.' }))).toContain('suffix "o=Acme\\\\, Inc."');
  });
});

describe('quote', () => {
  it('escapes backslashes and double quotes inside double quotes', () => {
    expect(quote('a"b\\c')).toBe('"a\\"b\\\\c"');
  });

  it('a line break is a TypeError (it would start a new directive)', () => {
    expect(() => quote('x\nrootpw y')).toThrow(TypeError);
  });
});
