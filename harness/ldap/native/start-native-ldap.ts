/**
 * OpenLDAP's slapd as a child process: a generated slapd.conf in a fresh temporary folder, slapd in the
 * foreground on a loopback port, then the entries added with ldapadd. Nothing of the system's own slapd
 * (its cn=config, its database, its port 389) is read or touched.
 */
import { closeSync, openSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from 'ldapts';
import { HarnessError } from '../../errors.ts';
import { lastLinesOf, newLogFile } from '../../process/log-file.ts';
import { freePort, requirePort } from '../../process/ports.ts';
import { spawnManaged, type ManagedProcess } from '../../process/process-group.ts';
import { endWithHarness } from '../../process/shutdown.ts';
import { formatSeconds, silent } from '../../progress.ts';
import { directoryEntries, personDn, personEntry, Roster, type LocalLdapOptions } from '../directory.ts';
import { ldapOperationFailed } from '../ldap-operation-error.ts';
import { toLdif } from '../ldif.ts';
import { sshaHash } from '../password-hash.ts';
import type { StartedLdap } from '../started-ldap.ts';
import { runLdapClient, type BindAs } from './ldap-tools.ts';
import { findOpenLdap, type OpenLdapInstall } from './openldap-install.ts';
import { slapdConfig } from './slapd-config.ts';
import { slapdExitedDuringStart } from './slapd-failure.ts';

export type NativeLdapOptions = LocalLdapOptions;

export interface StartedNativeLdap extends StartedLdap {
  readonly runtime: 'native';
  readonly pid: number;
  readonly port: number;
  /** The temporary folder holding slapd.conf and the database; gone once stopped. */
  readonly home: string;
}

export async function startNativeLdap(options: NativeLdapOptions): Promise<StartedNativeLdap> {
  const started = Date.now();
  const progress = options.progress ?? silent;
  const install = findOpenLdap();
  const roster = new Roster();
  roster.checkNew(options.people);
  const port = options.port ? await requirePort(options.port, 'the LDAP directory') : await freePort();
  const url = `ldap://127.0.0.1:${port}`;
  const home = await mkdtemp(join(tmpdir(), 'saml-harness-ldap-'));
  const logFile = newLogFile('ldap', String(port));
  const bind: BindAs = { url, dn: options.layout.bindDn, passwordFile: join(home, 'bind-password') };
  let slapd: ManagedProcess | undefined;
  try {
    await prepareHome(home, install, options, bind.passwordFile);
    slapd = launchSlapd(install, home, url, logFile);
    await waitUntilBound(slapd, bind, options.adminPassword, logFile, options.readyTimeoutMs ?? 10_000);
    // Online, not with slapadd: slapadd skips the syntax checks (a non-ASCII mail) a real directory makes.
    await ldapAdd(install, bind, toLdif(directoryEntries(options.layout, options.people)), "Loading the directory's entries");
  } catch (error) {
    await slapd?.stop(2000);
    await rm(home, { recursive: true, force: true });
    throw error;
  }
  roster.add(options.people);
  const readyAfterMs = Date.now() - started;
  progress(`OpenLDAP ready at ${url} with ${options.people.length} people (${formatSeconds(readyAfterMs)})`);
  return handleFor({ ...options, slapd, install, home, logFile, port, url, bind, roster, readyAfterMs });
}

async function prepareHome(home: string, install: OpenLdapInstall, options: NativeLdapOptions, passwordFile: string): Promise<void> {
  await mkdir(join(home, 'data'));
  await writeFile(passwordFile, options.adminPassword, { mode: 0o600 });
  await writeFile(
    join(home, 'slapd.conf'),
    slapdConfig({
      suffix: options.layout.baseDn,
      rootDn: options.layout.bindDn,
      rootPasswordHash: sshaHash(options.adminPassword),
      schemaDirectory: install.schemaDirectory,
      modulePath: install.modulePath,
      dataDirectory: join(home, 'data'),
      runDirectory: home,
    }),
    { mode: 0o600 },
  );
}

function launchSlapd(install: OpenLdapInstall, home: string, url: string, logFile: string): ManagedProcess {
  const log = openSync(logFile, 'a');
  try {
    // -d keeps slapd in the foreground (a child we manage) and writes each operation to the log.
    return spawnManaged(install.slapd, ['-f', join(home, 'slapd.conf'), '-h', `${url}/`, '-d', 'stats'], {
      cwd: home,
      stdio: ['ignore', log, log],
      scratchDirectory: home,
    });
  } finally {
    closeSync(log);
  }
}

/**
 * Polls with the administrator's bind (which proves rootdn and rootpw too) until slapd answers. The bind
 * is made from this process: a client process per attempt cost this process 15–50 ms of blocking spawn
 * each, several times per directory.
 */
async function waitUntilBound(slapd: ManagedProcess, bind: BindAs, password: string, logFile: string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  let lastAnswer = 'no answer';
  while (Date.now() < deadline) {
    if (slapd.hasExited()) throw slapdExitedDuringStart(bind.url, await slapd.exited, await lastLinesOf(logFile, 20), logFile);
    const client = new Client({ url: bind.url, connectTimeout: 2000, timeout: 5000 });
    try {
      await client.bind(bind.dn, password);
      return;
    } catch (error) {
      lastAnswer = error instanceof Error ? error.message : String(error);
      // An LDAP result code is slapd's answer (49: invalid credentials); a socket error's code is a name.
      if (typeof (error as { code?: unknown }).code === 'number') {
        throw new HarnessError(
          'LDAP_START_FAILED',
          `slapd at ${bind.url} refused its administrator ${bind.dn}: ${lastAnswer}`,
          `The generated configuration and the bind disagree; read the log (${logFile}).`,
        );
      }
    } finally {
      await client.unbind().catch(() => {});
    }
    await sleep(20);
  }
  const lines = await lastLinesOf(logFile, 20);
  throw new HarnessError(
    'LDAP_START_FAILED',
    `slapd not ready at ${bind.url} after ${timeoutMs} ms (last answer: ${lastAnswer})` +
      (lines.length ? `; last log lines:\n${lines.join('\n')}` : ''),
    `Read the log (${logFile}); on a slow or busy machine raise readyTimeoutMs.`,
  );
}

interface Running extends NativeLdapOptions {
  slapd: ManagedProcess;
  install: OpenLdapInstall;
  home: string;
  logFile: string;
  port: number;
  url: string;
  bind: BindAs;
  roster: Roster;
  readyAfterMs: number;
}

function handleFor(running: Running): StartedNativeLdap {
  const { slapd, install, layout, bind, roster } = running;
  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      release();
      await slapd.stop(5000);
      await rm(running.home, { recursive: true, force: true });
    })());
  const release = endWithHarness(stop);
  return {
    runtime: 'native',
    url: running.url,
    containerUrl: undefined,
    baseDn: layout.baseDn,
    usersDn: layout.usersDn,
    bindDn: layout.bindDn,
    bindPassword: running.adminPassword,
    readyAfterMs: running.readyAfterMs,
    pid: slapd.pid,
    port: running.port,
    home: running.home,
    log: { file: running.logFile, lastLines: (count = 20) => lastLinesOf(running.logFile, count) },
    personDn: (uid) => personDn(layout, uid),
    addPeople: async (people) => {
      if (stopping) throw new TypeError('the directory has been stopped');
      roster.checkNew(people);
      if (people.length === 0) return;
      const ldif = toLdif(people.map((person) => personEntry(layout, person)));
      await ldapAdd(install, bind, ldif, `Adding ${people.map((person) => person.uid).join(', ')}`);
      roster.add(people);
    },
    removePerson: async (uid) => {
      if (stopping) throw new TypeError('the directory has been stopped');
      roster.checkPresent(uid);
      const result = await runLdapClient(install.ldapdelete, bind, [personDn(layout, uid)]);
      if (result.exitCode !== 0) throw ldapOperationFailed(`Removing ${uid}`, result.exitCode, result.output);
      roster.remove(uid);
    },
    stop,
    [Symbol.asyncDispose]: stop,
  };
}

async function ldapAdd(install: OpenLdapInstall, bind: BindAs, ldif: string, operation: string): Promise<void> {
  const result = await runLdapClient(install.ldapadd, bind, [], ldif);
  if (result.exitCode !== 0) throw ldapOperationFailed(operation, result.exitCode, result.output);
}
