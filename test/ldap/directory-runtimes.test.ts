/**
 * A real directory, started by startLdap and checked over LDAP as Keycloak and people use it, on every
 * runtime this machine has: slapd from this machine (native), the same slapd.conf in a container, and
 * the embedded directory (UnboundID's in-memory server on a JDK). A runtime this machine lacks is
 * skipped, and says why.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { HarnessError } from '../../harness/errors.ts';
import { jdkForEmbeddedDirectory, type StartedEmbeddedLdap } from '../../harness/ldap/embedded/start-embedded-ldap.ts';
import { unboundIdJar } from '../../harness/ldap/embedded/unboundid.ts';
import type { LdapOperationError } from '../../harness/ldap/ldap-operation-error.ts';
import { findOpenLdap } from '../../harness/ldap/native/openldap-install.ts';
import type { StartedNativeLdap } from '../../harness/ldap/native/start-native-ldap.ts';
import { startLdap, type StartLdapOptions } from '../../harness/ldap/start-ldap.ts';
import type { LdapPerson, LdapRuntimeName, StartedLdap } from '../../harness/ldap/started-ldap.ts';
import { cachedArtifactPath } from '../../harness/maven/cached-artifact.ts';
import { containerEngine, imageAvailability } from '../../harness/process/containers.ts';
import { ownerPidLabel } from '../../harness/process/container-sweep.ts';
import { isPortFree } from '../../harness/process/ports.ts';
import { containersUnusable, testImages } from '../support/container-engine.ts';
import { isAlive } from '../support/processes.ts';
import { search, whoAmI } from './support/ldap-client.ts';

const alice: LdapPerson = {
  uid: 'alice',
  password: 'alice-pw',
  cn: 'Alice Liddell',
  sn: 'Liddell',
  givenName: 'Alice',
  mail: 'alice@example.org',
};
const bob: LdapPerson = { uid: 'bob', password: 'bob-pw', cn: 'Bob Builder', sn: 'Builder' };

const slapdHere = (() => {
  try {
    return Boolean(findOpenLdap());
  } catch {
    return false;
  }
})();
const unavailable: Record<LdapRuntimeName, string | undefined> = {
  native: slapdHere ? undefined : 'slapd and ldap-utils are not installed',
  container: await containersUnusable(testImages.ldap),
  embedded: jdkForEmbeddedDirectory() ? undefined : 'no JDK on this machine',
};
for (const [runtime, why] of Object.entries(unavailable)) if (why) console.warn(`the ${runtime} directory runtime is skipped: ${why}`);

const admin = (ldap: StartedLdap) => ({ dn: ldap.bindDn, password: ldap.bindPassword });
const findPerson = async (ldap: StartedLdap, uid: string, attributes = ['*', 'entryUUID']) =>
  search(ldap.url, ldap.usersDn, `(uid=${uid})`, attributes, admin(ldap));

/** Processes named `name` whose command line holds `marker`. */
function processesOf(name: string, marker: string): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === name && readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(marker);
      } catch {
        return false;
      }
    })
    .map(Number);
}

for (const runtime of ['native', 'container', 'embedded'] as const) {
  describe.skipIf(unavailable[runtime] !== undefined)(`startLdap, ${runtime} runtime`, () => {
    const start = (options: StartLdapOptions = {}) => startLdap({ runtime, ...options });

    it('holds the base, ou=people and its people, each with an entryUUID (Keycloak keys users by it)', async () => {
      await using ldap = await start({ entries: [alice, bob] });
      expect(ldap.runtime).toBe(runtime);
      expect([ldap.baseDn, ldap.usersDn, ldap.bindDn]).toEqual(['dc=example,dc=org', 'ou=people,dc=example,dc=org', 'cn=admin,dc=example,dc=org']);
      const all = await search(ldap.url, ldap.baseDn, '(objectClass=*)', ['dn'], admin(ldap));
      expect(all.map((entry) => entry.dn)).toEqual([
        'dc=example,dc=org',
        'ou=people,dc=example,dc=org',
        'uid=alice,ou=people,dc=example,dc=org',
        'uid=bob,ou=people,dc=example,dc=org',
      ]);
      const [found] = await findPerson(ldap, 'alice');
      expect(found?.attributes.entryUUID?.[0]).toMatch(/^[0-9a-f-]{36}$/);
    });

    it('a person with mail and givenName has both; a person without them has neither', async () => {
      await using ldap = await start({ entries: [alice, bob] });
      const [withAll] = await findPerson(ldap, 'alice');
      const [without] = await findPerson(ldap, 'bob');
      expect(withAll?.attributes).toMatchObject({ mail: ['alice@example.org'], givenName: ['Alice'], cn: ['Alice Liddell'], sn: ['Liddell'] });
      expect(without?.attributes).toMatchObject({ cn: ['Bob Builder'], sn: ['Builder'] });
      expect(without?.attributes).not.toHaveProperty('mail');
      expect(without?.attributes).not.toHaveProperty('givenName');
    });

    it('a person binds with their password (stored hashed) and not with another, which is result 49', async () => {
      await using ldap = await start({ entries: [alice] });
      expect(await whoAmI(ldap.url, { dn: ldap.personDn('alice'), password: 'alice-pw' })).toEqual({ resultCode: 0, identity: `dn:${ldap.personDn('alice')}` });
      expect((await whoAmI(ldap.url, { dn: ldap.personDn('alice'), password: 'bob-pw' })).resultCode).toBe(49);
      const [asAdmin] = await findPerson(ldap, 'alice', ['userPassword']);
      expect(asAdmin?.attributes.userPassword?.[0]).toMatch(/^\{SSHA\}/);
    });

    it(
      runtime === 'embedded'
        ? 'anonymous searches read every attribute, userPassword included: the embedded directory has no access control'
        : 'nobody but the administrator reads a password (the access rule of Debian\'s default)',
      async () => {
        await using ldap = await start({ entries: [alice] });
        const [anonymous] = await search(ldap.url, ldap.usersDn, '(uid=alice)', ['userPassword', 'cn']);
        if (runtime === 'embedded') expect(Object.keys(anonymous?.attributes ?? {}).sort()).toEqual(['cn', 'userPassword']);
        else expect(anonymous?.attributes).toEqual({ cn: ['Alice Liddell'] });
      },
    );

    it('addPeople adds people who can then bind; removePerson deletes one', async () => {
      await using ldap = await start({ entries: [alice] });
      await ldap.addPeople([bob, { ...bob, uid: 'carol', password: 'carol-pw', mail: 'carol@example.org' }]);
      expect((await whoAmI(ldap.url, { dn: ldap.personDn('carol'), password: 'carol-pw' })).resultCode).toBe(0);
      expect((await findPerson(ldap, 'carol'))[0]?.attributes.mail).toEqual(['carol@example.org']);
      await ldap.removePerson('bob');
      expect(await findPerson(ldap, 'bob')).toEqual([]);
      expect((await whoAmI(ldap.url, { dn: ldap.personDn('bob'), password: 'bob-pw' })).resultCode).toBe(49);
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
      const [found] = await search(ldap.url, ldap.usersDn, '(cn=Zoë Ünal)', ['uid', 'cn', 'givenName'], admin(ldap));
      expect(found?.attributes).toEqual({ uid: [odd.uid], cn: ['Zoë Ünal'], givenName: [' Zoë'] });
      expect((await whoAmI(ldap.url, { dn: ldap.personDn(odd.uid), password: 'pw with spaces' })).resultCode).toBe(0);
      await ldap.addPeople([{ ...odd, uid: 'zoë' }]);
      await ldap.removePerson(odd.uid);
      const left = await search(ldap.url, ldap.usersDn, '(sn=Ünal)', ['uid'], admin(ldap));
      expect(left.map((entry) => entry.attributes.uid)).toEqual([['zoë']]);
    });

    it(
      runtime === 'embedded'
        ? 'a non-ASCII mail is stored: the embedded directory does not check IA5String, as OpenLDAP does'
        : 'a mail the schema refuses (non-ASCII) fails LDAP_OPERATION_FAILED, result 21 (invalid syntax), with slapd\'s words',
      async () => {
        const zoe: LdapPerson = { uid: 'zoe', password: 'pw', cn: 'Zoë', sn: 'Ünal', mail: 'zoë@example.org' };
        await using ldap = await start();
        const added = (await ldap.addPeople([zoe]).then(() => undefined, (caught: unknown) => caught)) as LdapOperationError | undefined;
        if (runtime === 'embedded') {
          expect(added).toBeUndefined();
          expect((await findPerson(ldap, 'zoe'))[0]?.attributes.mail).toEqual(['zoë@example.org']);
        } else {
          expect([added?.code, added?.resultCode]).toEqual(['LDAP_OPERATION_FAILED', 21]);
          expect(added?.message).toContain('mail: value #0 invalid per syntax');
          await ldap.addPeople([{ ...zoe, mail: 'zoe@example.org' }]);
        }
      },
    );

    it('two directories run side by side on their own ports, base DNs and admins', async () => {
      await using first = await start({ entries: [alice] });
      await using second = await start({ baseDn: 'o=Acme\\, Inc.', adminPassword: 'acme-admin', entries: [bob] });
      expect(first.url).not.toBe(second.url);
      expect(second.usersDn).toBe('ou=people,o=Acme\\, Inc.');
      expect((await findPerson(first, '*')).map((entry) => entry.attributes.uid)).toEqual([['alice']]);
      expect((await findPerson(second, '*')).map((entry) => entry.attributes.uid)).toEqual([['bob']]);
      expect((await whoAmI(second.url, { dn: 'cn=admin,o=Acme\\, Inc.', password: 'acme-admin' })).resultCode).toBe(0);
      expect((await whoAmI(second.url, admin(first))).resultCode).toBe(49);
    });

    it('once stopped, it refuses connections, as Keycloak finds a directory that is down', async () => {
      const ldap = await start({ entries: [alice] });
      await ldap.stop();
      await expect(whoAmI(ldap.url, admin(ldap))).rejects.toThrow(/ECONNREFUSED|connect/i);
      await expect(ldap.addPeople([bob])).rejects.toThrow(TypeError);
    });
  });
}

describe('startLdap, auto', () => {
  it('takes a container where an engine runs and the image is there, else slapd, else the embedded directory', async () => {
    const expected = (await imageAvailability(testImages.ldap)).available ? 'container' : slapdHere ? 'native' : 'embedded';
    await using ldap = await startLdap({ entries: [alice] });
    expect(ldap.runtime).toBe(expected);
    expect((await whoAmI(ldap.url, { dn: ldap.personDn('alice'), password: 'alice-pw' })).resultCode).toBe(0);
  });

  it('SAML_HARNESS_LDAP_RUNTIME picks the runtime when none is given; a misspelt one is a USAGE error naming the choices', async () => {
    const previous = process.env.SAML_HARNESS_LDAP_RUNTIME;
    try {
      process.env.SAML_HARNESS_LDAP_RUNTIME = 'embedded';
      await using ldap = await startLdap();
      expect(ldap.runtime).toBe('embedded');
      process.env.SAML_HARNESS_LDAP_RUNTIME = 'slapd';
      await expect(startLdap()).rejects.toMatchObject({ code: 'USAGE', message: expect.stringContaining('auto, container, native, embedded') });
    } finally {
      if (previous === undefined) delete process.env.SAML_HARNESS_LDAP_RUNTIME;
      else process.env.SAML_HARNESS_LDAP_RUNTIME = previous;
    }
  });
});

describe.skipIf(unavailable.native !== undefined)('startLdap, native runtime', () => {
  const startNative = async (options: StartLdapOptions = {}) => (await startLdap({ runtime: 'native', ...options })) as StartedNativeLdap;

  it('stop() ends slapd, removes its folder and frees its port; the log stays', async () => {
    const ldap = await startNative({ entries: [alice] });
    expect(processesOf('slapd', ldap.home)).toContain(ldap.pid);
    await ldap.stop();
    expect(processesOf('slapd', ldap.home)).toEqual([]);
    expect(existsSync(ldap.home)).toBe(false);
    expect(await isPortFree(ldap.port)).toBe(true);
    expect(readFileSync(ldap.log.file as string, 'utf8')).toContain('slapd stopped.');
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

  it('a mail the schema refuses fails at start too: entries are loaded online, checked as later ones', async () => {
    const zoe: LdapPerson = { uid: 'zoe', password: 'pw', cn: 'Zoë', sn: 'Ünal', mail: 'zoë@example.org' };
    const atStart = (await startNative({ entries: [zoe] }).catch((caught: unknown) => caught)) as LdapOperationError;
    expect([atStart.code, atStart.resultCode]).toEqual(['LDAP_OPERATION_FAILED', 21]);
  });

  it('a write to a directory that died fails LDAP_OPERATION_FAILED with no LDAP answer (-1)', async () => {
    await using ldap = await startNative({ entries: [alice] });
    process.kill(ldap.pid, 'SIGKILL');
    const error = (await ldap.addPeople([bob]).catch((caught: unknown) => caught)) as LdapOperationError;
    expect(error.code).toBe('LDAP_OPERATION_FAILED');
    expect(error.resultCode).toBe(-1);
  });
});

describe('finding OpenLDAP on this machine', () => {
  it('without OpenLDAP on PATH, the install is reported LDAP_UNAVAILABLE naming the missing program and its package', () => {
    const error = (() => {
      try {
        return findOpenLdap('/nonexistent');
      } catch (caught) {
        return caught;
      }
    })();
    expect(HarnessError.is(error, 'LDAP_UNAVAILABLE')).toBe(true);
    expect((error as HarnessError).message).toMatch(/OpenLDAP's (slapd \(package slapd\)|ldapadd \(package ldap-utils\)) is not installed/);
    expect((error as HarnessError).fix).toContain('apt-get install slapd ldap-utils');
  });
});

describe.skipIf(unavailable.embedded !== undefined)('startLdap, embedded runtime', () => {
  const startEmbedded = async (options: StartLdapOptions = {}) => (await startLdap({ runtime: 'embedded', ...options })) as StartedEmbeddedLdap;

  it('runs the UnboundID jar from the cache, and stop() ends its JVM and frees its port', async () => {
    const ldap = await startEmbedded({ entries: [alice] });
    expect(processesOf('java', cachedArtifactPath(unboundIdJar))).toEqual([ldap.pid]);
    await ldap.stop();
    expect(isAlive(ldap.pid)).toBe(false);
    expect(await isPortFree(ldap.port)).toBe(true);
    expect(readFileSync(ldap.log.file as string, 'utf8')).toMatch(/Listening for client connections on port \d+/);
  });

  it('a port in use fails with PORT_IN_USE', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const address = blocker.address();
    try {
      const error = await startEmbedded({ port: typeof address === 'object' && address ? address.port : 0 }).catch((caught: unknown) => caught);
      expect(HarnessError.is(error, 'PORT_IN_USE')).toBe(true);
    } finally {
      blocker.close();
    }
  });
});

describe.skipIf(unavailable.container !== undefined)('startLdap, container runtime', () => {
  const labelled = async () => {
    const docker = (await containerEngine())!.container.dockerode;
    return docker.listContainers({ all: true, filters: { label: [`${ownerPidLabel}=${process.pid}`] } });
  };

  it("runs in the image the setting names, with the harness's labels, and stop() removes the container", async () => {
    const before = (await labelled()).length;
    const ldap = await startLdap({ runtime: 'container', entries: [alice] });
    const mine = await labelled();
    expect(mine).toHaveLength(before + 1);
    expect(mine.map((container) => container.Image)).toContain(testImages.ldap);
    await ldap.stop();
    expect(await labelled()).toHaveLength(before);
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
    expect(error.fix).toContain('--ldap-runtime native or embedded');
  });
});
