/**
 * An unpacked Keycloak server distribution in the cache, fetched and checked once per version.
 * Concurrent runs wait on a lock; archives are unpacked under a temporary name and renamed when complete.
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as tar from 'tar';
import { cacheDir, withCacheLock } from '../../cache.ts';
import { HarnessError } from '../../errors.ts';
import { fetchVerified, readSha1File, verifyChecksum, type ArtifactFetcher } from '../../maven/fetchers.ts';
import { formatSeconds, silent, type ProgressListener } from '../../progress.ts';
import { parseVersion } from '../versions.ts';
import { keycloakArchive } from './keycloak-archive.ts';

export interface Distribution {
  version: string;
  /** The unpacked `keycloak-<version>` folder, holding bin/kc.sh. */
  home: string;
}

export interface DistributionOptions {
  version?: string;
  /** An archive the user already has (e.g. 21.1.2, which Maven Central does not serve). */
  archive?: string;
  fetcher?: ArtifactFetcher;
  progress?: ProgressListener;
}

const completeMarker = '.complete';

export function cachedDistribution(version: string): Distribution | undefined {
  const root = join(cacheDir('dist'), version);
  return existsSync(join(root, completeMarker)) ? { version, home: join(root, `keycloak-${version}`) } : undefined;
}

export async function ensureDistribution(options: DistributionOptions): Promise<Distribution> {
  const progress = options.progress ?? silent;
  const version = options.archive ? await versionInArchive(options.archive) : options.version;
  if (!version) throw new TypeError('ensureDistribution needs a version or an archive');
  if (options.version && options.archive && options.version !== version) {
    throw new HarnessError(
      'KC_ARCHIVE_INVALID',
      `${options.archive} holds Keycloak ${version}, not the requested ${options.version}`,
      `Pass --keycloak-version ${version}, or the archive of ${options.version}.`,
    );
  }
  parseVersion(version);
  const cached = cachedDistribution(version);
  if (cached) return cached;
  return withCacheLock(`dist-${version}`, async () => {
    const again = cachedDistribution(version);
    if (again) return again;
    const started = Date.now();
    const distribution = options.archive
      ? await unpackUserArchive(version, options.archive, progress)
      : await fetchVerified(
          keycloakArchive(version),
          { progress, ...(options.fetcher ? { fetcher: options.fetcher } : {}), isDamage: (error) => HarnessError.is(error, 'KC_ARCHIVE_INVALID') },
          (file) => unpack(version, file, progress),
        );
    progress(`Keycloak ${version} is ready in the cache (${formatSeconds(Date.now() - started)})`);
    return distribution;
  });
}

async function unpackUserArchive(version: string, archive: string, progress: ProgressListener) {
  const sha1File = `${archive}.sha1`;
  if (existsSync(sha1File)) {
    await verifyChecksum({ file: archive, expectedSha1: readSha1File(sha1File), source: archive }, 'KC_CHECKSUM_MISMATCH');
  }
  return unpack(version, archive, progress);
}

/** The version from the archive's top folder, `keycloak-<version>/`. */
async function versionInArchive(archive: string): Promise<string> {
  if (!existsSync(archive)) {
    throw new HarnessError('KC_ARCHIVE_INVALID', `No file at ${archive}`, 'Pass the path of a keycloak-<version>.tar.gz you have.');
  }
  let top: string | undefined;
  try {
    await tar.t({
      file: archive,
      onReadEntry: (entry) => {
        top ??= entry.path.split('/')[0];
      },
      maxReadSize: 64 * 1024,
    });
  } catch (error) {
    if (!top) throw archiveInvalid(archive, (error as Error).message, error);
  }
  const version = /^keycloak-(\d+\.\d+\.\d+)$/.exec(top ?? '')?.[1];
  if (!version) throw archiveInvalid(archive, `its top folder is "${top}", not keycloak-<version>`);
  return version;
}

function archiveInvalid(archive: string, why: string, cause?: unknown) {
  return new HarnessError(
    'KC_ARCHIVE_INVALID',
    `${archive} is not a usable Keycloak server archive: ${why}`,
    'Fetch the archive again (the keycloak-<version>.tar.gz from keycloak.org or Maven Central) and retry.',
    { cause },
  );
}

async function unpack(version: string, archive: string, progress: ProgressListener): Promise<Distribution> {
  progress(`Unpacking ${archive}`);
  const target = join(cacheDir('dist'), version);
  const staging = await mkdtemp(join(cacheDir('tmp'), `unpack-${version}-`));
  try {
    try {
      await tar.x({ file: archive, cwd: staging, strict: true });
    } catch (error) {
      throw archiveInvalid(archive, (error as Error).message, error);
    }
    const home = join(staging, `keycloak-${version}`);
    const versionFile = join(home, 'version.txt');
    if (!existsSync(join(home, 'bin', 'kc.sh')) || !existsSync(versionFile)) {
      throw archiveInvalid(archive, `keycloak-${version}/bin/kc.sh or version.txt is missing`);
    }
    if (!readFileSync(versionFile, 'utf8').includes(version)) {
      throw archiveInvalid(archive, `version.txt says "${(await readFile(versionFile, 'utf8')).trim()}"`);
    }
    await writeFile(join(staging, completeMarker), new Date().toISOString());
    await rm(target, { recursive: true, force: true });
    await rename(staging, target);
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
  return { version, home: join(target, `keycloak-${version}`) };
}
