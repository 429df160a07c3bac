/**
 * A consistent copy of a running server's dev-file database, made by H2 itself: `BACKUP TO` through the
 * port H2 opens for other processes (AUTO_SERVER), then H2's Restore into a data folder. It lets the first
 * start save its data template while it keeps running, so that the instance which made the template
 * serves the first run instead of being stopped and started again from it (that second boot was 10 s of a
 * 90 s first run on 26.7.3, 2 cores). Done with H2's own tools from the distribution's jar: a copy of the
 * files of a database in use may be torn, and only H2 knows when its pages are consistent.
 */
import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { HarnessError } from '../../errors.ts';
import type { VersionRules } from '../versions.ts';

const run = promisify(execFile);

/**
 * Where H2 listens when a server lets other processes in (AUTO_SERVER): loopback, as the server itself.
 * H2 binds every interface by default, and Keycloak 21's dev-file URL turns AUTO_SERVER on for every
 * server, so every distribution server of the harness starts with this.
 */
export const h2OnLoopback = '-Dh2.bindAddress=127.0.0.1';

/**
 * What a server needs for the backup: H2's port for other processes. H2 refuses AUTO_SERVER with the
 * DB_CLOSE_ON_EXIT=FALSE Keycloak adds unless the URL says otherwise: the database then closes with the
 * JVM, as H2 does by default, which costs this server nothing (its data is saved before it stops). Set in
 * the environment, not as an argument: kc.sh of 21 (24 quotes them) passes its arguments through `eval`, and
 * the semicolons would end the command there.
 */
export const onlineBackupEnvironment = { KC_DB_URL_PROPERTIES: ';AUTO_SERVER=TRUE;DB_CLOSE_ON_EXIT=TRUE' } as const;

/** H2's jar in a distribution (lib/lib/main/com.h2database.h2-<version>.jar). */
function h2Jar(home: string): string {
  const folder = join(home, 'lib', 'lib', 'main');
  const jar = readdirSync(folder).find((name) => /^com\.h2database\.h2-[\d.]+\.jar$/.test(name));
  if (!jar) throw new HarnessError('KC_DATA_BACKUP_FAILED', `No H2 jar in ${folder}`, 'Delete the harness cache folder for this version and start again.');
  return join(folder, jar);
}

/**
 * Copies the database of the server running in `home` (started with `onlineBackupEnvironment`) into
 * `dataFolder/h2/`, as a data folder a later server starts from.
 */
export async function backUpRunningDatabase(options: { home: string; java: string; rules: VersionRules; dataFolder: string }): Promise<void> {
  const jar = h2Jar(options.home);
  // The server's own JVM writes the backup: into its scratch home, removed with it.
  const scratch = await mkdtemp(join(options.home, 'backup-'));
  const zip = join(scratch, 'keycloakdb.zip');
  const { user, password } = options.rules.devFileCredentials;
  try {
    // IFEXISTS: a wrong path must fail, not create an empty database.
    const url = `jdbc:h2:file:${join(options.home, 'data', 'h2', 'keycloakdb')};AUTO_SERVER=TRUE;IFEXISTS=TRUE`;
    await run(options.java, ['-cp', jar, 'org.h2.tools.Shell', '-url', url, '-user', user, '-password', password, '-sql', `BACKUP TO '${zip.replaceAll("'", "''")}'`]);
    await mkdir(join(options.dataFolder, 'h2'), { recursive: true });
    await run(options.java, ['-cp', jar, 'org.h2.tools.Restore', '-file', zip, '-dir', join(options.dataFolder, 'h2'), '-db', 'keycloakdb']);
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr?.trim().split('\n')[0];
    throw new HarnessError(
      'KC_DATA_BACKUP_FAILED',
      `H2 could not copy the running server's database: ${stderr || (error as Error).message}`,
      'The harness falls back to stopping the server and copying its data; if this repeats, delete the harness cache folder for this version.',
      { cause: error },
    );
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
