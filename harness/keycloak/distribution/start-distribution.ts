/** Keycloak from its server distribution on a local JDK: no Docker needed. */
import { existsSync, openSync, closeSync, statSync } from 'node:fs';
import type { StdioOptions } from 'node:child_process';
import { copyFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { withCacheLock } from '../../cache.ts';
import { HarnessError } from '../../errors.ts';
import { lastLinesOf, newLogFile } from '../../process/log-file.ts';
import { spawnManaged, type ManagedProcess } from '../../process/process-group.ts';
import { endWithHarness } from '../../process/shutdown.ts';
import { freePort, requirePort } from '../../process/ports.ts';
import { waitForHttp } from '../../process/wait-for-http.ts';
import { formatSeconds, silent, type ProgressListener } from '../../progress.ts';
import { connectAdminClient } from '../admin-client.ts';
import type { AdminCredentials, StartedKeycloak } from '../started-keycloak.ts';
import { normaliseRelativePath } from '../relative-path.ts';
import { testServerJavaOptions } from '../jvm-options.ts';
import { themeCachingOptions } from '../server-options.ts';
import { versionRules, type VersionRules } from '../versions.ts';
import {
  buildCacheFor,
  createInstanceHome,
  ensureBuildCopy,
  markBuilt,
  copyStoppedData,
  readRealmPool,
  saveTemplate,
  type BuildCache,
} from './build-cache.ts';
import { ensureDistribution } from './distribution.ts';
import { chooseJdk, findJdks, type Jdk } from './jdk.ts';
import { fillPlaceholders, javaArguments, readRecordedLaunch, recordJavaLaunch } from './java-launch.ts';
import { backUpRunningDatabase, h2OnLoopback, onlineBackupEnvironment } from './online-backup.ts';
import { createRealmPool, realmPoolSize } from './realm-pool.ts';

export interface DistributionStartOptions {
  version: string;
  /** An archive the user has (e.g. 21.1.2); otherwise the distribution is fetched from Maven. */
  distributionArchive?: string;
  relativePath?: string;
  admin: AdminCredentials;
  httpPort?: number;
  managementPort?: number;
  javaHome?: string;
  /** Extra JVM options, appended to Keycloak's own. */
  javaOptions?: readonly string[];
  readyTimeoutMs?: number;
  /** Keep running after this process exits (for `keycloak start --detach`). */
  outliveParent?: boolean;
  progress?: ProgressListener;
}

export interface StartedDistributionKeycloak extends StartedKeycloak {
  readonly runtime: 'distribution';
  readonly pid: number;
  readonly home: string;
  readonly jdk: Jdk;
  readonly httpPort: number;
  readonly managementPort: number | undefined;
}

export async function startDistributionKeycloak(options: DistributionStartOptions): Promise<StartedDistributionKeycloak> {
  const progress = options.progress ?? silent;
  const rules = versionRules(options.version);
  const relativePath = normaliseRelativePath(options.relativePath);
  const distribution = await ensureDistribution({
    version: options.version,
    ...(options.distributionArchive ? { archive: options.distributionArchive } : {}),
    progress,
  });
  const choice = chooseJdk(rules, findJdks({ javaHome: options.javaHome ?? process.env.JAVA_HOME, path: process.env.PATH }));
  progress(`Java ${choice.jdk.version} at ${choice.jdk.home}: ${choice.reason}`);
  if (choice.warning) progress(`warning: ${choice.warning}`);

  const cache = buildCacheFor(distribution, choice.jdk, { relativePath }, options.admin);
  const launch: Launch = {
    rules,
    jdk: choice.jdk,
    relativePath,
    admin: options.admin,
    cache,
    progress,
    javaOptions: [...testServerJavaOptions, ...(options.javaOptions ?? [])],
  };
  const callerPorts = {
    ...(options.httpPort ? { httpPort: options.httpPort } : {}),
    ...(options.managementPort ? { managementPort: options.managementPort } : {}),
    ...(options.outliveParent ? { outliveParent: true } : {}),
  };
  // A detached server outlives this run: its realms are not this run's to hand out or to leave behind.
  const realmsOf = () => (options.outliveParent ? { realmPool: [], disposable: false } : { realmPool: readRealmPool(cache), disposable: true });
  if (!existsSync(cache.builtMarker) || !existsSync(cache.templateData)) {
    const first = await withCacheLock(`build-${cache.home.split('/').at(-2)}`, async () => {
      await ensureBuildCopy(distribution, cache);
      if (existsSync(cache.builtMarker) && existsSync(cache.templateData)) return undefined;
      return firstStart(launch, options.version, { ...callerPorts, readyTimeoutMs: (options.readyTimeoutMs ?? 180_000) * 2 });
    });
    if (first) return handleFor(launch, first, realmsOf(), options.outliveParent ?? false);
  } else {
    progress(
      `Reusing Keycloak ${options.version}'s build step and data template (${readRealmPool(cache).length} realms)` +
        `${cache.classDataArchive && existsSync(cache.classDataArchive) ? ' and class-data archive' : ''} from the cache`,
    );
  }
  const instance = await launchInstance(launch, { template: true, readyTimeoutMs: options.readyTimeoutMs ?? 180_000, ...callerPorts });
  return handleFor(launch, instance, realmsOf(), options.outliveParent ?? false);
}

/**
 * The first start of a build (the caller holds its lock): Keycloak's build step and master realm, the
 * realm pool, and the data template saved by H2 while the server runs, so that this server goes on to
 * serve the run. Where H2 cannot copy it, the server is stopped, its data saved, and `undefined` says
 * that a server is to be started from the template.
 */
async function firstStart(launch: Launch, version: string, options: Omit<InstanceOptions, 'template'>): Promise<Instance | undefined> {
  const { cache, progress } = launch;
  const steps = firstStartSteps(version);
  progress(
    `First start of Keycloak ${version} on Java ${launch.jdk.feature}, once (later starts reuse it), about ` +
      `${steps.map((step) => `${step.what} ~${step.seconds} s`).join(', ')}: ~${steps.reduce((sum, step) => sum + step.seconds, 0)} s in all`,
  );
  const timed = async <T>(index: number, work: () => Promise<T>): Promise<T> => {
    const started = Date.now();
    progress(`  ${index + 1}/${steps.length} ${steps[index]!.what}…`);
    const result = await work();
    progress(`  ${index + 1}/${steps.length} ${steps[index]!.what}: ${formatSeconds(Date.now() - started)}`);
    return result;
  };
  const started = Date.now();
  const first = await timed(0, () => launchInstance(launch, { ...options, template: false, onlineBackup: true }));
  try {
    const pool = await timed(1, () => createRealmPool(`http://127.0.0.1:${first.httpPort}${launch.relativePath}`, launch.admin, version));
    return await timed(2, async () => {
      const copied = await saveTemplate(cache, pool, (staging) =>
        backUpRunningDatabase({ home: first.home, java: join(launch.jdk.home, 'bin', 'java'), rules: launch.rules, dataFolder: staging }),
      ).then(
        () => true,
        (error: unknown) => {
          progress(`warning: ${HarnessError.is(error) ? `${error.code}: ` : ''}${(error as Error).message}; stopping the server to copy its data instead`);
          return false;
        },
      );
      if (copied) {
        await markBuilt(cache);
        // Ready for the run once the template is saved.
        return { ...first, readyAfterMs: Date.now() - started };
      }
      await first.process.stop();
      await markBuilt(cache);
      await saveTemplate(cache, pool, (staging) => copyStoppedData(join(first.home, 'data'), staging));
      await rm(first.home, { recursive: true, force: true });
      return undefined;
    });
  } catch (error) {
    await first.process.stop();
    await rm(first.home, { recursive: true, force: true });
    throw error;
  }
}

/**
 * The first start's steps with their usual length on a 2-core machine (measured for 26.7.3 and 21.0.2 on
 * a fresh cache), so that a first run says what it waits for and about how long.
 */
function firstStartSteps(version: string): Array<{ what: string; seconds: number }> {
  const serialRealms = versionRules(version).parallelRealmWrites === 1;
  return [
    { what: "Keycloak's build step and master realm", seconds: 40 },
    { what: `${realmPoolSize} scenario realms`, seconds: serialRealms ? 30 : 15 },
    { what: 'saving the data template', seconds: 2 },
  ];
}


interface Launch {
  javaOptions: readonly string[];
  rules: VersionRules;
  jdk: Jdk;
  relativePath: string;
  admin: AdminCredentials;
  cache: BuildCache;
  progress: ProgressListener;
}

interface Instance {
  process: ManagedProcess;
  home: string;
  logFile: string;
  httpPort: number;
  managementPort: number | undefined;
  readyAfterMs: number;
  /** Where this instance writes a class-data archive on a clean exit, when none is cached yet. */
  pendingArchive: string | undefined;
}

/** Stand in the recorded launch for the ports, chosen anew at each start. */
const httpPortPlaceholder = '@saml-harness-http-port@';
const managementPortPlaceholder = '@saml-harness-management-port@';
/** Keycloak's exit code after it re-augmented its build at start, for kc.sh to run it again. */
const rebuiltExitCode = 10;

interface InstanceOptions {
  template: boolean;
  /** Through kc.sh even where a recorded launch exists (after Keycloak rebuilt itself at start). */
  throughScript?: boolean;
  /** Lets H2 copy the database while the server runs (online-backup.ts). */
  onlineBackup?: boolean;
  readyTimeoutMs: number;
  httpPort?: number;
  managementPort?: number;
  outliveParent?: boolean;
}

async function launchInstance(launch: Launch, options: InstanceOptions): Promise<Instance> {
  const { rules, cache, relativePath } = launch;
  const started = Date.now();
  const httpPort = options.httpPort
    ? await requirePort(options.httpPort, `Keycloak's HTTP port`)
    : await freePort();
  const managementPort = !rules.hasManagementInterface
    ? undefined
    : options.managementPort
      ? await requirePort(options.managementPort, `Keycloak's management port`)
      : await freePort('127.0.0.1', [httpPort]);
  const home = await createInstanceHome(cache, options.template);
  const logFile = newLogFile('keycloak', `${rules.version}-${httpPort}`);
  const serverArguments = ['start-dev', `--http-port=${httpPortPlaceholder}`, '--http-host=127.0.0.1', ...themeCachingOptions];
  if (managementPort) serverArguments.push(`--http-management-port=${managementPortPlaceholder}`);
  if (relativePath) serverArguments.push(`--http-relative-path=${relativePath}`);
  const ports = { [httpPortPlaceholder]: String(httpPort), ...(managementPort ? { [managementPortPlaceholder]: String(managementPort) } : {}) };

  const javaOptions: string[] = [...launch.javaOptions, h2OnLoopback];
  let pendingArchive: string | undefined;
  if (options.template && cache.classDataArchive) {
    if (existsSync(cache.classDataArchive)) {
      javaOptions.push(`-XX:SharedArchiveFile=${cache.classDataArchive}`);
    } else {
      pendingArchive = join(home, 'keycloak.jsa');
      javaOptions.push('-XX:+AutoCreateSharedArchive', `-XX:SharedArchiveFile=${pendingArchive}`);
    }
  }
  // A cached build starts Java as its kc.sh would, without the script's own second or so (java-launch.ts).
  const recorded =
    options.template && !options.throughScript
      ? (readRecordedLaunch(cache, serverArguments) ?? (await recordJavaLaunch(cache, serverArguments)))
      : undefined;
  const log = openSync(logFile, 'a');
  let process: ManagedProcess;
  try {
    const common = { cwd: home, stdio: ['ignore', log, log] satisfies StdioOptions, scratchDirectory: home, ...(options.outliveParent ? { outliveParent: true } : {}) };
    const backup = options.onlineBackup ? onlineBackupEnvironment : {};
    process = recorded
      ? spawnManaged(join(launch.jdk.home, 'bin', 'java'), javaArguments(recorded, home, javaOptions, ports), {
          ...common,
          env: { ...serverEnvironment(launch, []), ...backup },
        })
      : spawnManaged(join(home, 'bin', 'kc.sh'), serverArguments.map((argument) => fillPlaceholders(argument, ports)), {
          ...common,
          env: { ...serverEnvironment(launch, javaOptions), ...backup },
        });
  } finally {
    closeSync(log);
  }
  const baseUrl = `http://127.0.0.1:${httpPort}${relativePath}`;
  const subject = `Keycloak ${rules.version}`;
  try {
    await waitForHttp(`${baseUrl}/realms/master`, {
      subject,
      timeoutMs: options.readyTimeoutMs,
      lastLines: () => lastLinesOf(logFile, 20),
      timeout: {
        code: 'KC_READY_TIMEOUT',
        fix: 'Look at the server log for the cause; on a slow or busy machine raise the timeout with --ready-timeout.',
      },
      checkAlive: async () => {
        if (!process.hasExited()) return;
        throw await exitedDuringStart(subject, await process.exited, logFile);
      },
    });
  } catch (error) {
    await process.stop(5000);
    await rm(home, { recursive: true, force: true });
    if (recorded && (await process.exited) === rebuiltExitCode) {
      launch.progress(`Keycloak ${rules.version} rebuilt its build at start (exit ${rebuiltExitCode}): starting it through kc.sh`);
      return launchInstance(launch, { ...options, throughScript: true });
    }
    throw error;
  }
  return { process, home, logFile, httpPort, managementPort, readyAfterMs: Date.now() - started, pendingArchive };
}

/** Only what we set: a user's KC_* or JAVA_OPTS would silently change the server we test. */
function serverEnvironment(launch: Launch, javaOptions: string[]): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (!/^(KC_|KEYCLOAK_|QUARKUS_|JAVA_OPTS|JAVA_ADD_OPENS|JAVA_HOME$|JAVA$)/.test(name)) env[name] = value;
  }
  env.JAVA_HOME = launch.jdk.home;
  env[launch.rules.adminEnv.username] = launch.admin.username;
  env[launch.rules.adminEnv.password] = launch.admin.password;
  if (javaOptions.length) env.JAVA_OPTS_APPEND = javaOptions.join(' ');
  return env;
}

async function exitedDuringStart(subject: string, exit: number | string, logFile: string): Promise<HarnessError> {
  const lines = await lastLinesOf(logFile, 20);
  const text = lines.join('\n');
  const port = /(?:Port|Address) already in use[^\n]*?(\d{2,5})?/i.exec(text);
  if (port) {
    return new HarnessError(
      'PORT_IN_USE',
      `${subject} could not bind its port (another process took it): ${port[0]}`,
      'Run again (free ports are chosen anew), or stop what listens on that port.',
    );
  }
  return new HarnessError(
    'KC_EXITED_DURING_START',
    `${subject} exited during start (exit ${exit}); last log lines:\n${text}`,
    `Read the log (${logFile}) for the cause; a JDK the version does not support or a damaged cache (delete it) are common ones.`,
  );
}

function handleFor(
  launch: Launch,
  instance: Instance,
  realms: { realmPool: readonly string[]; disposable: boolean },
  detached: boolean,
): StartedDistributionKeycloak {
  const baseUrl = `http://127.0.0.1:${instance.httpPort}${launch.relativePath}`;
  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      await instance.process.stop();
      await keepClassDataArchive(instance, launch.cache);
      await rm(instance.home, { recursive: true, force: true });
      release();
    })());
  const release = detached ? () => false : endWithHarness(stop);
  return {
    runtime: 'distribution',
    version: launch.rules.version,
    baseUrl,
    relativePath: launch.relativePath,
    admin: launch.admin,
    adminConsoleUrl: `${baseUrl}/admin/master/console/`,
    readyAfterMs: instance.readyAfterMs,
    ...realms,
    directoryRoute: { kind: 'local' },
    pid: instance.process.pid,
    home: instance.home,
    jdk: launch.jdk,
    httpPort: instance.httpPort,
    managementPort: instance.managementPort,
    log: { file: instance.logFile, lastLines: (count = 20) => lastLinesOf(instance.logFile, count) },
    adminClient: () => connectAdminClient(baseUrl, launch.admin),
    stop,
    [Symbol.asyncDispose]: stop,
  };
}

async function keepClassDataArchive(instance: Instance, cache: BuildCache): Promise<void> {
  const pending = instance.pendingArchive;
  if (!pending || !cache.classDataArchive || !existsSync(pending) || statSync(pending).size === 0) return;
  if (existsSync(cache.classDataArchive)) return;
  // The scratch folder may sit on another file system than the cache: copy, then rename atomically.
  const staging = `${cache.classDataArchive}.tmp-${process.pid}-${instance.httpPort}`;
  await copyFile(pending, staging);
  await rename(staging, cache.classDataArchive);
}
