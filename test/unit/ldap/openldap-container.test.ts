/** The OpenLDAP container's configuration, option by option (no Docker engine runs here). */
import type { StartedTestContainer } from 'testcontainers';
import { describe, expect, it } from 'vitest';
import {
  ldapPort,
  OpenLdapContainer,
  openLdapContainerSettings,
  openLdapImage,
  StartedOpenLdapContainer,
  type OpenLdapContainerSettings,
} from '../../../harness/ldap/container/openldap-container.ts';
import { directoryLayout } from '../../../harness/ldap/directory.ts';
import type { LdapPerson } from '../../../harness/ldap/started-ldap.ts';

const bob: LdapPerson = { uid: 'bob', password: 'pw', cn: 'Bob Builder', sn: 'Builder' };
const seed = (settings: OpenLdapContainerSettings) => settings.files[0]?.content ?? '';
const dns = (ldif: string) => ldif.split('\n').filter((line) => line.startsWith('dn: ')).map((line) => line.slice(4));

describe('openLdapContainerSettings', () => {
  it('by default: the pinned image, dc=example,dc=org, admin/admin, port 1389, inetOrgPerson schemas', () => {
    const settings = openLdapContainerSettings({});
    expect(settings.image).toBe(openLdapImage);
    expect(settings.exposedPorts).toEqual([1389]);
    expect(settings.environment).toMatchObject({
      LDAP_ROOT: 'dc=example,dc=org',
      LDAP_ADMIN_USERNAME: 'admin',
      LDAP_ADMIN_PASSWORD: 'admin',
      LDAP_PORT_NUMBER: '1389',
      LDAP_EXTRA_SCHEMAS: 'cosine,inetorgperson,nis',
    });
  });

  it('the tree is ours: one LDIF in LDAP_CUSTOM_LDIF_DIR with the base, ou=people and the people', () => {
    const settings = openLdapContainerSettings({ baseDn: 'dc=acme,dc=test', people: [bob] });
    expect(settings.files).toHaveLength(1);
    expect(settings.files[0]?.target.startsWith(`${settings.environment.LDAP_CUSTOM_LDIF_DIR}/`)).toBe(true);
    expect(settings.files[0]?.target.endsWith('.ldif')).toBe(true);
    expect(settings.files[0]?.mode).toBe(0o644);
    expect(dns(seed(settings))).toEqual(['dc=acme,dc=test', 'ou=people,dc=acme,dc=test', 'uid=bob,ou=people,dc=acme,dc=test']);
  });

  it('the base DN is written back in one spelling, in LDAP_ROOT as in the LDIF', () => {
    const settings = openLdapContainerSettings({ baseDn: 'DC=Acme, DC=test' });
    expect(settings.environment.LDAP_ROOT).toBe('dc=Acme,dc=test');
    expect(dns(seed(settings))[0]).toBe('dc=Acme,dc=test');
  });

  it('passwords in the seed are hashed, never in clear', () => {
    const ldif = seed(openLdapContainerSettings({ people: [{ ...bob, password: 'bob-secret-pw' }] }));
    expect(ldif).toMatch(/^userPassword: \{SSHA\}/m);
    expect(ldif).not.toContain('bob-secret-pw');
  });

  it('a host port binds 1389 to it', () => {
    expect(openLdapContainerSettings({ hostPort: 3890 }).exposedPorts).toEqual([{ container: 1389, host: 3890 }]);
  });

  it('an admin password the image\'s shell would split or expand is a TypeError', () => {
    for (const password of ['two words', 'glob*', '-n', '$HOME']) {
      expect(() => openLdapContainerSettings({ adminPassword: password })).toThrow(TypeError);
    }
    expect(openLdapContainerSettings({ adminPassword: 's3cret.Pass-word' }).environment.LDAP_ADMIN_PASSWORD).toBe('s3cret.Pass-word');
  });

  it('a base DN with a backslash is a TypeError (the image writes it into a here-document)', () => {
    expect(() => openLdapContainerSettings({ baseDn: 'o=Acme\\, Inc.' })).toThrow(TypeError);
  });

  it('readiness waits for the final slapd (PID 1) to answer on 1389, not the setup-time one', () => {
    const { readinessCommand } = openLdapContainerSettings({});
    expect(readinessCommand).toContain('/proc/1/comm');
    expect(readinessCommand).toContain(`ldap://127.0.0.1:${ldapPort}`);
  });
});

/** Reads what the module recorded on the GenericContainer, as start() would hand it to Docker. */
class RecordedOpenLdapContainer extends OpenLdapContainer {
  recorded() {
    const settings = this.applySettings();
    return {
      settings,
      environment: this.environment,
      exposedPorts: this.exposedPorts,
      contents: this.contentsToCopy,
      aliases: this.networkAliases,
      startupTimeoutMs: this.startupTimeoutMs,
      image: this.imageName.string,
    };
  }
}

describe('OpenLdapContainer', () => {
  it('withBaseDn, withAdminPassword and withPeople reach the environment and the seed LDIF', () => {
    const recorded = new RecordedOpenLdapContainer()
      .withBaseDn('o=Acme')
      .withAdminPassword('s3cret')
      .withPeople([bob])
      .withPeople([{ ...bob, uid: 'carol' }])
      .recorded();
    expect(recorded.environment).toMatchObject({ LDAP_ROOT: 'o=Acme', LDAP_ADMIN_PASSWORD: 's3cret' });
    expect(recorded.contents).toHaveLength(1);
    expect(dns(String(recorded.contents[0]?.content))).toEqual([
      'o=Acme',
      'ou=people,o=Acme',
      'uid=bob,ou=people,o=Acme',
      'uid=carol,ou=people,o=Acme',
    ]);
  });

  it('waits up to 120 s and exposes 1389', () => {
    const recorded = new RecordedOpenLdapContainer().recorded();
    expect(recorded.startupTimeoutMs).toBe(120_000);
    expect(recorded.exposedPorts).toEqual([1389]);
    expect(recorded.image).toBe(openLdapImage);
  });

  it('an image override replaces the pinned image', () => {
    expect(new RecordedOpenLdapContainer('registry.example/openldap:2.6.10').recorded().image).toBe('registry.example/openldap:2.6.10');
  });

  it('withHostPort binds the port, and rejects what is not a port', () => {
    expect(new RecordedOpenLdapContainer().withHostPort(3890).recorded().exposedPorts).toEqual([{ container: 1389, host: 3890 }]);
    expect(() => new OpenLdapContainer().withHostPort(70000)).toThrow(TypeError);
  });

  it('an empty admin password or a bad base DN is refused when recorded', () => {
    expect(() => new OpenLdapContainer().withAdminPassword('')).toThrow(TypeError);
    expect(() => new OpenLdapContainer().withBaseDn('cn=x')).toThrow(TypeError);
  });

  it('network aliases are the library\'s own (withNetworkAliases), kept for the started container\'s URL', () => {
    expect(new RecordedOpenLdapContainer().withNetworkAliases('ldap').recorded().aliases).toEqual(['ldap']);
  });
});

describe('StartedOpenLdapContainer', () => {
  const layout = directoryLayout('dc=example,dc=org');
  // The URL for other containers is built from the alias alone; no started container is consulted.
  const started = (alias: string | undefined) => new StartedOpenLdapContainer({} as StartedTestContainer, layout, 'admin', alias);

  it('with a network alias, other containers reach it at ldap://<alias>:1389', () => {
    expect(started('ldap').getNetworkLdapUrl()).toBe('ldap://ldap:1389');
  });

  it('without one there is no URL for other containers', () => {
    expect(started(undefined).getNetworkLdapUrl()).toBeUndefined();
  });
});
