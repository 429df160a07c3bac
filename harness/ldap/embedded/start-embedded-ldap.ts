/**
 * The embedded directory as a child process: UnboundID's in-memory server (unboundid.ts) on a free port,
 * its entries added online from this process, as the other runtimes add theirs. Needs only a JDK.
 */
import { closeSync, openSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { HarnessError } from '../../errors.ts';
import { findJdks, type Jdk } from '../../keycloak/distribution/jdk.ts';
import { ensureCachedArtifact } from '../../maven/cached-artifact.ts';
import { lastLinesOf, newLogFile } from '../../process/log-file.ts';
import { freePort, requirePort } from '../../process/ports.ts';
import { spawnManaged, type ManagedProcess } from '../../process/process-group.ts';
import { endWithHarness } from '../../process/shutdown.ts';
import { formatSeconds, silent } from '../../progress.ts';
import { directoryEntries, personDn, personEntry, Roster, type LocalLdapOptions } from '../directory.ts';
import { addEntries, asAdministrator, type DirectoryLogin } from '../ldap-client.ts';
import type { StartedLdap } from '../started-ldap.ts';
import { listeningLine, serverArguments, serverClass, unboundIdJar } from './unboundid.ts';

export type EmbeddedLdapOptions = LocalLdapOptions;

export interface StartedEmbeddedLdap extends StartedLdap {
  readonly runtime: 'embedded';
  readonly pid: number;
  readonly port: number;
}

/** A small, quickly started JVM: the directory holds a few dozen people for a few seconds. */
const javaOptions = ['-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC', '-Xms16m', '-Xmx192m'];

/** JAVA_HOME when set, else the newest JDK found: UnboundID's server runs on any Java from 8 on. */
export function jdkForEmbeddedDirectory(jdks: readonly Jdk[] = findJdks({ javaHome: process.env.JAVA_HOME, path: process.env.PATH })): Jdk | undefined {
  return jdks.find((jdk) => jdk.foundIn === 'JAVA_HOME') ?? [...jdks].sort((a, b) => b.feature - a.feature)[0];
}

export async function startEmbeddedLdap(options: EmbeddedLdapOptions): Promise<StartedEmbeddedLdap> {
  const started = Date.now();
  const progress = options.progress ?? silent;
  const jdk = jdkForEmbeddedDirectory();
  if (!jdk) {
    throw new HarnessError('LDAP_UNAVAILABLE', 'The embedded directory needs a JDK, and none was found (JAVA_HOME, PATH, /usr/lib/jvm)', 'Install a JDK 17+ and set JAVA_HOME to it.');
  }
  const roster = new Roster();
  roster.checkNew(options.people);
  const jar = await ensureCachedArtifact(unboundIdJar, { progress });
  const port = options.port ? await requirePort(options.port, 'the LDAP directory') : await freePort();
  const login: DirectoryLogin = { url: `ldap://127.0.0.1:${port}`, bindDn: options.layout.bindDn, bindPassword: options.adminPassword };
  const logFile = newLogFile('ldap-embedded', String(port));
  const args = [...javaOptions, '-cp', jar, serverClass, ...serverArguments({ baseDn: options.layout.baseDn, port, bindDn: login.bindDn, bindPassword: login.bindPassword })];
  const log = openSync(logFile, 'a');
  let server: ManagedProcess;
  try {
    server = spawnManaged(`${jdk.home}/bin/java`, args, { stdio: ['ignore', log, log] });
  } finally {
    closeSync(log);
  }
  try {
    await waitUntilListening(server, login.url, logFile, options.readyTimeoutMs ?? 30_000);
    await asAdministrator(login, "Loading the directory's entries", (client) => addEntries(client, directoryEntries(options.layout, options.people)));
  } catch (error) {
    await server.stop(2000);
    throw error;
  }
  roster.add(options.people);
  const readyAfterMs = Date.now() - started;
  progress(`Embedded directory (UnboundID, Java ${jdk.feature}) ready at ${login.url} with ${options.people.length} people (${formatSeconds(readyAfterMs)})`);
  return handleFor(server, options, login, port, logFile, roster, readyAfterMs);
}

async function waitUntilListening(server: ManagedProcess, url: string, logFile: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if ((await lastLinesOf(logFile, 50)).some((line) => listeningLine.test(line))) return;
    if (server.hasExited()) {
      throw new HarnessError(
        'LDAP_START_FAILED',
        `The embedded directory at ${url} exited during start (exit ${await server.exited}); last log lines:\n${(await lastLinesOf(logFile, 20)).join('\n')}`,
        `Read the log (${logFile}); a port taken meanwhile or a damaged jar in the cache (delete it) are common causes.`,
      );
    }
    await sleep(25);
  }
  throw new HarnessError(
    'LDAP_START_FAILED',
    `The embedded directory not ready at ${url} after ${timeoutMs} ms; last log lines:\n${(await lastLinesOf(logFile, 20)).join('\n')}`,
    `Read the log (${logFile}); on a slow or busy machine raise readyTimeoutMs.`,
  );
}

function handleFor(
  server: ManagedProcess,
  options: EmbeddedLdapOptions,
  login: DirectoryLogin,
  port: number,
  logFile: string,
  roster: Roster,
  readyAfterMs: number,
): StartedEmbeddedLdap {
  const { layout } = options;
  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      release();
      await server.stop(5000);
    })());
  const release = endWithHarness(stop);
  return {
    runtime: 'embedded',
    url: login.url,
    containerUrl: undefined,
    baseDn: layout.baseDn,
    usersDn: layout.usersDn,
    bindDn: layout.bindDn,
    bindPassword: options.adminPassword,
    readyAfterMs,
    pid: server.pid,
    port,
    log: { file: logFile, lastLines: (count = 20) => lastLinesOf(logFile, count) },
    personDn: (uid) => personDn(layout, uid),
    addPeople: async (people) => {
      if (stopping) throw new TypeError('the directory has been stopped');
      roster.checkNew(people);
      if (people.length === 0) return;
      await asAdministrator(login, `Adding ${people.map((person) => person.uid).join(', ')}`, (client) =>
        addEntries(client, people.map((person) => personEntry(layout, person))),
      );
      roster.add(people);
    },
    removePerson: async (uid) => {
      if (stopping) throw new TypeError('the directory has been stopped');
      roster.checkPresent(uid);
      await asAdministrator(login, `Removing ${uid}`, (client) => client.del(personDn(layout, uid)));
      roster.remove(uid);
    },
    stop,
    [Symbol.asyncDispose]: stop,
  };
}
