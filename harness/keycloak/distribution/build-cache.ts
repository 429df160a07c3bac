/**
 * What makes a cached start fast: per (version, JDK, build options) a copy of the distribution whose
 * Quarkus build step has already run, a template of `data/` with the schema, the master realm and the
 * admin already created, and (JDK 19+) a class-data archive of a real run.
 *
 * Instances never write into these: each runs in its own scratch folder with a copy of `bin/`, `conf/`
 * and the template `data/`, and symbolic links to the shared `lib/`, `providers/` and `themes/`
 * (kc.sh takes its home from its own resolved path, so a real copy of bin/ makes the scratch folder home).
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { cp, mkdir, mkdtemp, rename, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cacheDir } from '../../cache.ts';
import type { AdminCredentials } from '../started-keycloak.ts';
import type { Distribution } from './distribution.ts';
import type { Jdk } from './jdk.ts';

export interface BuildOptions {
  relativePath: string;
}

export interface BuildCache {
  /** A copy of the distribution; its lib/quarkus holds the build for these options. */
  home: string;
  /** Present once a first start has run the build step. */
  builtMarker: string;
  /** `data/` with the master realm, this admin and the realm pool. */
  templateData: string;
  /** The names of the pooled realms in the template (realm-pool.ts). */
  realmPoolFile: string;
  /** A dynamic class-data archive, written by the first instance that ends cleanly (JDK 19+). */
  classDataArchive: string | undefined;
}

export function buildKey(distribution: Distribution, jdk: Jdk, options: BuildOptions): string {
  return createHash('sha256')
    .update(JSON.stringify([distribution.version, jdk.home, jdk.version, options.relativePath]))
    .digest('hex')
    .slice(0, 12);
}

export function buildCacheFor(
  distribution: Distribution,
  jdk: Jdk,
  options: BuildOptions,
  admin: AdminCredentials,
): BuildCache {
  const root = join(cacheDir('builds'), `${distribution.version}-java${jdk.feature}-${buildKey(distribution, jdk, options)}`);
  const adminKey = createHash('sha256').update(`${admin.username}\n${admin.password}`).digest('hex').slice(0, 12);
  return {
    home: join(root, 'keycloak'),
    builtMarker: join(root, 'keycloak', '.saml-harness-built'),
    templateData: join(root, `data-template-v2-${adminKey}`),
    realmPoolFile: join(root, `data-template-v2-${adminKey}.realms.json`),
    classDataArchive: jdk.feature >= 19 ? join(root, 'keycloak.jsa') : undefined,
  };
}

/** Copies the unpacked distribution for this build key (once; the caller holds the build lock). */
export async function ensureBuildCopy(distribution: Distribution, cache: BuildCache): Promise<void> {
  if (existsSync(cache.home)) return;
  const staging = `${cache.home}.tmp-${process.pid}`;
  await rm(staging, { recursive: true, force: true });
  await cp(distribution.home, staging, { recursive: true, preserveTimestamps: true });
  await rename(staging, cache.home);
}

export function readRealmPool(cache: BuildCache): string[] {
  return existsSync(cache.realmPoolFile) ? (JSON.parse(readFileSync(cache.realmPoolFile, 'utf8')) as string[]) : [];
}

export async function markBuilt(cache: BuildCache): Promise<void> {
  await writeFile(cache.builtMarker, new Date().toISOString());
}

/**
 * Saves a data folder as the template, with the names of its pooled realms: `fill` writes it into a
 * staging folder (a copy of a stopped server's data, or H2's backup of a running one), renamed into place
 * once complete.
 */
export async function saveTemplate(cache: BuildCache, realmPool: readonly string[], fill: (staging: string) => Promise<void>): Promise<void> {
  const staging = `${cache.templateData}.tmp-${process.pid}`;
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging, { recursive: true });
  try {
    await fill(staging);
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
  await writeFile(cache.realmPoolFile, JSON.stringify(realmPool));
  await rm(cache.templateData, { recursive: true, force: true });
  await rename(staging, cache.templateData);
}

/** The data folder of a cleanly stopped server, without its scratch files. */
export async function copyStoppedData(dataDirectory: string, staging: string): Promise<void> {
  await cp(dataDirectory, staging, { recursive: true });
  await rm(join(staging, 'tmp'), { recursive: true, force: true });
}

/** A scratch home for one server: private bin/, conf/, data/; shared lib/, providers/, themes/. */
export async function createInstanceHome(cache: BuildCache, withTemplate: boolean): Promise<string> {
  const home = await mkdtemp(join(tmpdir(), 'saml-harness-keycloak-'));
  await cp(join(cache.home, 'bin'), join(home, 'bin'), { recursive: true });
  await cp(join(cache.home, 'conf'), join(home, 'conf'), { recursive: true });
  for (const shared of ['lib', 'providers', 'themes']) {
    await symlink(join(cache.home, shared), join(home, shared));
  }
  if (withTemplate) await cp(cache.templateData, join(home, 'data'), { recursive: true });
  else await mkdir(join(home, 'data'));
  return home;
}
