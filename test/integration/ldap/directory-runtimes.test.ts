/**
 * A real directory, started by startLdap and checked with OpenLDAP's own clients: slapd from this
 * machine (native), and the same slapd.conf in a container where an engine runs and the image is there.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { HarnessError } from '../../../harness/errors.ts';
import type { LdapOperationError } from '../../../harness/ldap/ldap-operation-error.ts';
import { findOpenLdap } from '../../../harness/ldap/native/openldap-install.ts';
import type { StartedNativeLdap } from '../../../harness/ldap/native/start-native-ldap.ts';
import { startLdap, type StartLdapOptions } from '../../../harness/ldap/start-ldap.ts';
import type { LdapPerson, StartedLdap } from '../../../harness/ldap/started-ldap.ts';
import { containerEngine, imageAvailability } from '../../../harness/process/containers.ts';
import { ownerPidLabel } from '../../../harness/process/container-sweep.ts';
import { isPortFree } from '../../../harness/process/ports.ts';
import { containersUnusable, testImages } from '../../support/container-engine.ts';
import { ldapsearch, ldapwhoami } from './support/ldap-cli.ts';

const alice: LdapPerson = {
  uid: 'alice',
  password: 'alice-pw',
  cn: 'Alice Liddell',
  sn: 'Liddell',
  givenName: 'Alice',
  mail: 'alice@example.org',
};
const bob: LdapPerson = { uid: 'bob', password: 'bob-pw', cn: 'Bob Builder', sn: 'Builder' };

const startNative = async (options: StartLdapOptions = {}) => (await startLdap({ runtime: 'native', ...options })) as StartedNativeLdap;
const noContainers = await containersUnusable(testImages.ldap);
const admin = (ldap: StartedLdap) => ({ dn: ldap.bindDn, password: ldap.bindPassword });
const findPerson = async (ldap: StartedLdap, uid: string, attributes = ['*', 'entryUUID']) =>
  ldapsearch(ldap.url, ldap.usersDn, `(uid=${uid})`, attributes, admin(ldap));

/** slapd processes whose command line names `home` (the directory's temporary folder). */
function slapdProcessesOf(home: string): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'slapd' && readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(home);
      } catch {
        return false;
      }
    })
    .map(Number);
}

for (const runtime of ['native', 'container'] as const) {
  describe.skipIf(runtime === 'container' && noContainers !== undefined)(`startLdap, ${runtime} runtime`, () => {
    const start = (options: StartLdapOptions = {}) => startLdap({ runtime, ...options });

    it('a person with mail and givenName has both; a person without them has neither', async () => {
      await using ldap = await start({ entries: [alice, bob] });
      const [withAll] = await findPerson(ldap, 'alice');
      const [without] = await findPerson(ldap, 'bob');
      expect(withAll?.attributes).toMatchObject({
        mail: ['alice@example.org'],
        givenName: ['Alice'],
        cn: ['Alice Liddell'],
        sn: ['Liddell'],
      });
      expect(without?.attributes).toMatchObject({ cn: ['Bob Builder'], sn: ['Builder'] });
      expect(without?.attributes).not.toHaveProperty('mail');
      expect(without?.attributes).not.toHaveProperty('givenName');
    });

    it('a person binds with their password and not with another; nobody but the admin reads a password', async () => {
      await using ldap = await start({ entries: [alice] });
      const self = await ldapwhoami(ldap.url, { dn: ldap.personDn('alice'), password: 'alice-pw' });
      expect(self).toEqual({ exitCode: 0, output: `dn:${ldap.personDn('alice')}\n` });
      expect((await ldapwhoami(ldap.url, { dn: ldap.personDn('alice'), password: 'bob-pw' })).exitCode).toBe(49);
      const [anonymous] = await ldapsearch(ldap.url, ldap.usersDn, '(uid=alice)', ['userPassword', 'cn']);
      expect(anonymous?.attributes).toEqual({ cn: ['Alice Liddell'] });
      const [asAdmin] = await findPerson(ldap, 'alice', ['userPassword']);
      expect(asAdmin?.attributes.userPassword?.[0]).toMatch(/^\{SSHA\}/);
    });

    it('addPeople adds people who can then bind; removePerson deletes one', async () => {
      await using ldap = await start({ entries: [alice] });
      await ldap.addPeople([bob, { ...bob, uid: 'carol', password: 'carol-pw', mail: 'carol@example.org' }]);
      expect((await ldapwhoami(ldap.url, { dn: ldap.personDn('carol'), password: 'carol-pw' })).exitCode).toBe(0);
      expect((await findPerson(ldap, 'carol'))[0]?.attributes.mail).toEqual(['carol@example.org']);
      await ldap.removePerson('bob');
      expect(await findPerson(ldap, 'bob')).toEqual([]);
      expect((await ldapwhoami(ldap.url, { dn: ldap.personDn('bob'), password: 'bob-pw' })).exitCode).toBe(49);
    });

    it('adding a uid already there, or removing one that is not, is a TypeError and changes nothing', async () => {
      await using ldap = await start({ entries: [alice] });
      await expect(ldap.addPeople([bob, { ...alice, cn: 'Other Alice' }])).rejects.toThrow(TypeError);
      await expect(ldap.removePerson('nobody')).rejects.toThrow(TypeError);
      expect(await findPerson(ldap, 'bob')).toEqual([]);
      expect((await findPerson(ldap, 'alice'))[0]?.attributes.cn).toEqual(['Alice Liddell']);
    });

    it('a uid with DN specials and non-ASCII names survive: stored as given, and the person binds', async () => {
      const odd: LdapPerson = { uid: "o'neil, jr+1", password: 'pw with spaces', cn: 'Zoë Ünal', sn: 'Ünal', givenName: ' Zoë' };
      await using ldap = await start({ entries: [odd] });
      const [found] = await ldapsearch(ldap.url, ldap.usersDn, '(cn=Zoë Ünal)', ['uid', 'cn', 'givenName'], admin(ldap));
      expect(found?.attributes).toEqual({ uid: [odd.uid], cn: ['Zoë Ünal'], givenName: [' Zoë'] });
      expect((await ldapwhoami(ldap.url, { dn: ldap.personDn(odd.uid), password: 'pw with spaces' })).exitCode).toBe(0);
      await ldap.addPeople([{ ...odd, uid: 'zoë' }]);
      await ldap.removePerson(odd.uid);
      const left = await ldapsearch(ldap.url, ldap.usersDn, '(sn=Ünal)', ['uid'], admin(ldap));
      expect(left.map((entry) => entry.attributes.uid)).toEqual([['zoë']]);
    });

    it('two directories run side by side on their own ports, base DNs and admins', async () => {
      await using first = await start({ entries: [alice] });
      await using second = await start({ baseDn: 'o=Acme\\, Inc.', adminPassword: 'acme-admin', entries: [bob] });
      expect(first.url).not.toBe(second.url);
      expect(second.usersDn).toBe('ou=people,o=Acme\\, Inc.');
      expect((await findPerson(first, '*')).map((entry) => entry.attributes.uid)).toEqual([['alice']]);
      expect((await findPerson(second, '*')).map((entry) => entry.attributes.uid)).toEqual([['bob']]);
      expect((await ldapwhoami(second.url, { dn: 'cn=admin,o=Acme\\, Inc.', password: 'acme-admin' })).exitCode).toBe(0);
      expect((await ldapwhoami(second.url, admin(first))).exitCode).toBe(49);
    });
  });
}

describe('startLdap, auto', () => {
  it('auto starts a container where an engine runs and the image is there, else slapd; either holds the base, ou=people and its people, each with an entryUUID', async () => {
    const expected = (await imageAvailability(testImages.ldap)).available ? 'container' : 'native';
    await using ldap = await startLdap({ entries: [alice, bob] });
    expect(ldap.runtime).toBe(expected);
    expect(ldap.url).toMatch(/^ldap:\/\/(127\.0\.0\.1|localhost):\d+$/);
    expect([ldap.baseDn, ldap.usersDn, ldap.bindDn]).toEqual([
      'dc=example,dc=org',
      'ou=people,dc=example,dc=org',
      'cn=admin,dc=example,dc=org',
    ]);
    const all = await ldapsearch(ldap.url, ldap.baseDn, '(objectClass=*)', ['dn'], admin(ldap));
    expect(all.map((entry) => entry.dn)).toEqual([
      'dc=example,dc=org',
      'ou=people,dc=example,dc=org',
      'uid=alice,ou=people,dc=example,dc=org',
      'uid=bob,ou=people,dc=example,dc=org',
    ]);
    const [found] = await findPerson(ldap, 'alice');
    expect(found?.attributes.entryUUID?.[0]).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('startLdap, native runtime', () => {
  it('stop() ends slapd, removes its folder and frees its port; the log stays', async () => {
    const ldap = await startNative({ entries: [alice] });
    expect(slapdProcessesOf(ldap.home)).toContain(ldap.pid);
    await ldap.stop();
    expect(slapdProcessesOf(ldap.home)).toEqual([]);
    expect(existsSync(ldap.home)).toBe(false);
    expect(await isPortFree(ldap.port)).toBe(true);
    expect(readFileSync(ldap.log.file as string, 'utf8')).toContain('slapd stopped.');
    await expect(ldap.addPeople([bob])).rejects.toThrow(TypeError);
    await ldap.stop();
  });

  it('a port in use fails with PORT_IN_USE', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const address = blocker.address();
    try {
      const error = await startNative({ port: typeof address === 'object' && address ? address.port : 0 }).catch((caught: unknown) => caught);
      expect(HarnessError.is(error, 'PORT_IN_USE')).toBe(true);
    } finally {
      blocker.close();
    }
  });

  it('a mail the schema refuses (non-ASCII) fails LDAP_OPERATION_FAILED, result 21, at start as when added', async () => {
    const zoe: LdapPerson = { uid: 'zoe', password: 'pw', cn: 'Zoë', sn: 'Ünal', mail: 'zoë@example.org' };
    const atStart = (await startNative({ entries: [zoe] }).catch((caught: unknown) => caught)) as LdapOperationError;
    expect([atStart.code, atStart.resultCode]).toEqual(['LDAP_OPERATION_FAILED', 21]);
    await using ldap = await startNative();
    const added = (await ldap.addPeople([zoe]).catch((caught: unknown) => caught)) as LdapOperationError;
    expect([added.code, added.resultCode]).toEqual(['LDAP_OPERATION_FAILED', 21]);
    expect(added.message).toContain('mail: value #0 invalid per syntax');
    await ldap.addPeople([{ ...zoe, mail: 'zoe@example.org' }]);
  });

  it('a write to a directory that died fails LDAP_OPERATION_FAILED with no LDAP answer (-1)', async () => {
    await using ldap = await startNative({ entries: [alice] });
    process.kill(ldap.pid, 'SIGKILL');
    const error = (await ldap.addPeople([bob]).catch((caught: unknown) => caught)) as LdapOperationError;
    expect(error.code).toBe('LDAP_OPERATION_FAILED');
    expect(error.resultCode).toBe(-1);
  });

  it('without ldap-utils on PATH, the install is reported LDAP_UNAVAILABLE naming the missing program', () => {
    const error = (() => {
      try {
        return findOpenLdap('/nonexistent');
      } catch (caught) {
        return caught;
      }
    })();
    expect(HarnessError.is(error, 'LDAP_UNAVAILABLE')).toBe(true);
    expect((error as HarnessError).message).toContain('ldapadd (package ldap-utils)');
    expect((error as HarnessError).fix).toContain('apt-get install slapd ldap-utils');
  });
});

describe.skipIf(noContainers !== undefined)('startLdap, container runtime', () => {
  const labelled = async () => {
    const docker = (await containerEngine())!.container.dockerode;
    return docker.listContainers({ all: true, filters: { label: [`${ownerPidLabel}=${process.pid}`] } });
  };

  it("runs in the image the setting names, with the harness's labels, and stop() removes the container", async () => {
    const before = (await labelled()).length;
    const ldap = await startLdap({ runtime: 'container', entries: [alice] });
    expect(ldap.runtime).toBe('container');
    const mine = await labelled();
    expect(mine).toHaveLength(before + 1);
    expect(mine.map((container) => container.Image)).toContain(testImages.ldap);
    await ldap.stop();
    expect(await labelled()).toHaveLength(before);
    await expect(ldap.addPeople([bob])).rejects.toThrow(TypeError);
  });

  it('an image without slapd fails LDAP_START_FAILED with what the start script said, and leaves no container', async () => {
    const before = (await labelled()).length;
    const error = (await startLdap({ runtime: 'container', image: testImages.keycloak }).catch((caught: unknown) => caught)) as HarnessError;
    expect(error.code).toBe('LDAP_START_FAILED');
    expect(error.message).toContain('this image has no slapd');
    expect(await labelled()).toHaveLength(before);
  });

  it('an image that cannot be pulled fails LDAP_IMAGE_UNAVAILABLE with the fix', async () => {
    const error = (await startLdap({ runtime: 'container', image: 'registry.invalid/openldap:1' }).catch((caught: unknown) => caught)) as HarnessError;
    expect(error.code).toBe('LDAP_IMAGE_UNAVAILABLE');
    expect(error.fix).toContain('--ldap-runtime native');
  });
});
