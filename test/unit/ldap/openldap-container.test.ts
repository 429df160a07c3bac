/** The OpenLDAP container's configuration, option by option; test/containers/ starts it for real. */
import type { StartedTestContainer } from 'testcontainers';
import { describe, expect, it } from 'vitest';
import {
  defaultLdapImage,
  inputFolder,
  ldapImageFor,
  ldapPort,
  OpenLdapContainer,
  openLdapContainerSettings,
  StartedOpenLdapContainer,
  startScript,
  type OpenLdapContainerSettings,
} from '../../../harness/ldap/container/openldap-container.ts';
import { directoryLayout } from '../../../harness/ldap/directory.ts';
import { slapdConfig } from '../../../harness/ldap/native/slapd-config.ts';
import type { LdapPerson } from '../../../harness/ldap/started-ldap.ts';

const bob: LdapPerson = { uid: 'bob', password: 'pw', cn: 'Bob Builder', sn: 'Builder' };
const file = (settings: OpenLdapContainerSettings, name: string) => settings.files.find((entry) => entry.target === `${inputFolder}/${name}`)?.content ?? '';
const dns = (ldif: string) => ldif.split('\n').filter((line) => line.startsWith('dn: ')).map((line) => line.slice(4));

describe('openLdapContainerSettings', () => {
  it('by default: the pinned image, port 1389, the start script run by sh instead of the image\'s entrypoint', () => {
    const settings = openLdapContainerSettings({});
    expect(settings.image).toBe(defaultLdapImage);
    expect(settings.exposedPorts).toEqual([ldapPort]);
    expect(settings.entrypoint).toEqual(['sh']);
    expect(settings.command).toEqual([`${inputFolder}/start-directory.sh`, inputFolder, '1389']);
    expect(file(settings, 'start-directory.sh')).toBe(startScript);
  });

  it('copies in the script, the slapd.conf template, the bind DN and password, and the entries', () => {
    const settings = openLdapContainerSettings({ baseDn: 'dc=acme,dc=test', adminPassword: 's3cret', people: [bob] });
    expect(settings.files.map((entry) => entry.target.slice(inputFolder.length + 1)).sort()).toEqual(
      ['bind-dn', 'bind-password', 'entries.ldif', 'slapd.conf.in', 'start-directory.sh'],
    );
    expect(settings.files.every((entry) => entry.mode === 0o644)).toBe(true);
    expect(file(settings, 'bind-dn')).toBe('cn=admin,dc=acme,dc=test');
    expect(file(settings, 'bind-password')).toBe('s3cret');
    expect(dns(file(settings, 'entries.ldif'))).toEqual(['dc=acme,dc=test', 'ou=people,dc=acme,dc=test', 'uid=bob,ou=people,dc=acme,dc=test']);
  });

  it("the slapd.conf is the native runtime's, with the image's folders left for the script to fill in", () => {
    const template = file(openLdapContainerSettings({ baseDn: 'dc=acme,dc=test' }), 'slapd.conf.in');
    const rootpw = /^rootpw "(.*)"$/m.exec(template)?.[1] ?? '';
    expect(template).toBe(
      slapdConfig({
        suffix: 'dc=acme,dc=test',
        rootDn: 'cn=admin,dc=acme,dc=test',
        rootPasswordHash: rootpw,
        schemaDirectory: '@SCHEMA_DIR@',
        modulePath: '@MODULE_DIR@',
        dataDirectory: '@WORK@/data',
        runDirectory: '@WORK@',
      }),
    );
    expect(rootpw).toMatch(/^\{SSHA\}/);
  });

  it('the base DN is written back in one spelling, in the configuration as in the entries', () => {
    const settings = openLdapContainerSettings({ baseDn: 'DC=Acme, DC=test' });
    expect(file(settings, 'slapd.conf.in')).toContain('suffix "dc=Acme,dc=test"');
    expect(dns(file(settings, 'entries.ldif'))[0]).toBe('dc=Acme,dc=test');
  });

  it('passwords in the entries and the configuration are hashed, never in clear', () => {
    const settings = openLdapContainerSettings({ adminPassword: 'admin-secret-pw', people: [{ ...bob, password: 'bob-secret-pw' }] });
    expect(file(settings, 'entries.ldif')).toMatch(/^userPassword: \{SSHA\}/m);
    expect(file(settings, 'entries.ldif')).not.toContain('bob-secret-pw');
    expect(file(settings, 'slapd.conf.in')).not.toContain('admin-secret-pw');
  });

  it('a password or base DN a shell would split is passed on as it is: nothing goes through a shell expansion', () => {
    const settings = openLdapContainerSettings({ adminPassword: 'two words $HOME *', baseDn: 'o=Acme\\, Inc.' });
    expect(file(settings, 'bind-password')).toBe('two words $HOME *');
    expect(file(settings, 'bind-dn')).toBe('cn=admin,o=Acme\\, Inc.');
  });

  it('a host port binds 1389 to it', () => {
    expect(openLdapContainerSettings({ hostPort: 3890 }).exposedPorts).toEqual([{ container: 1389, host: 3890 }]);
  });
});

describe('ldapImageFor', () => {
  it('takes the setting, else the pinned image', () => {
    expect(ldapImageFor('registry.example/openldap:2.6')).toBe('registry.example/openldap:2.6');
    expect(ldapImageFor('  ')).toBe(defaultLdapImage);
    expect(ldapImageFor(undefined)).toBe(defaultLdapImage);
  });
});

/** Reads what the module recorded on the GenericContainer, as start() would hand it to Docker. */
class RecordedOpenLdapContainer extends OpenLdapContainer {
  recorded() {
    const settings = this.applySettings();
    return {
      settings,
      cmd: this.createOpts.Cmd,
      entrypoint: this.createOpts.Entrypoint,
      exposedPorts: this.exposedPorts,
      contents: this.contentsToCopy,
      aliases: this.networkAliases,
      startupTimeoutMs: this.startupTimeoutMs,
      image: this.imageName.string,
    };
  }
}

describe('OpenLdapContainer', () => {
  it('withBaseDn, withAdminPassword and withPeople reach the files copied in', () => {
    const recorded = new RecordedOpenLdapContainer()
      .withBaseDn('o=Acme')
      .withAdminPassword('s3cret')
      .withPeople([bob])
      .withPeople([{ ...bob, uid: 'carol' }])
      .recorded();
    const copied = (name: string) => String(recorded.contents.find((entry) => entry.target === `${inputFolder}/${name}`)?.content);
    expect(copied('bind-password')).toBe('s3cret');
    expect(dns(copied('entries.ldif'))).toEqual(['o=Acme', 'ou=people,o=Acme', 'uid=bob,ou=people,o=Acme', 'uid=carol,ou=people,o=Acme']);
    expect(recorded.entrypoint).toEqual(['sh']);
    expect(recorded.cmd).toEqual(recorded.settings.command);
  });

  it('waits up to 60 s and exposes 1389', () => {
    const recorded = new RecordedOpenLdapContainer().recorded();
    expect(recorded.startupTimeoutMs).toBe(60_000);
    expect(recorded.exposedPorts).toEqual([1389]);
    expect(recorded.image).toBe(defaultLdapImage);
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

  it("network aliases are the library's own (withNetworkAliases), kept for the started container's URL", () => {
    expect(new RecordedOpenLdapContainer().withNetworkAliases('ldap').recorded().aliases).toEqual(['ldap']);
  });
});

describe('StartedOpenLdapContainer', () => {
  const layout = directoryLayout('dc=example,dc=org');
  // The URL for other containers is built from the alias alone; no started container is consulted.
  const started = (alias: string | undefined) => new StartedOpenLdapContainer({} as StartedTestContainer, layout, 'admin', alias);

  it('with a network alias, other containers reach it at ldap://<alias>:1389', () => {
    expect(started('ldap-1f2e').getNetworkLdapUrl()).toBe('ldap://ldap-1f2e:1389');
  });

  it('without one there is no URL for other containers', () => {
    expect(started(undefined).getNetworkLdapUrl()).toBeUndefined();
  });
});
