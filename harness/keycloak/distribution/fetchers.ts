/**
 * Two ways to fetch `org.keycloak:keycloak-quarkus-dist:<v>:tar.gz`: Maven (so the user's mirrors and
 * proxies apply) where `mvn` is installed, plain HTTPS from the same repository otherwise.
 */
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, readFileSync } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { HarnessError } from '../../errors.ts';
import { formatBytes, type ProgressListener } from '../../progress.ts';
import { nearestVersions, supportedVersions } from '../versions.ts';

export const groupPath = 'org/keycloak/keycloak-quarkus-dist';
export const archiveName = (version: string) => `keycloak-quarkus-dist-${version}.tar.gz`;
export const mavenRepositoryUrl = () =>
  (process.env.SAML_HARNESS_MAVEN_URL || 'https://repo.maven.apache.org/maven2').replace(/\/$/, '');

export interface FetchedArchive {
  file: string;
  /** The checksum the repository publishes beside the archive. */
  expectedSha1: string;
  source: string;
}

export interface ArchiveFetcher {
  readonly name: string;
  /** Puts the archive into `directory` (which the caller owns and cleans). */
  fetch(version: string, directory: string, progress: ProgressListener): Promise<FetchedArchive>;
  /** Forgets any copy this fetcher keeps, so that the next fetch downloads again. */
  forget(version: string): Promise<void>;
}

export function readSha1File(file: string): string {
  return readFileSync(file, 'utf8').trim().split(/\s+/)[0]!.toLowerCase();
}

/** Versions the repository serves, from its maven-metadata.xml; the pinned list when it cannot be read. */
export async function servedVersions(baseUrl = mavenRepositoryUrl()): Promise<string[]> {
  try {
    const response = await fetch(`${baseUrl}/${groupPath}/maven-metadata.xml`, {
      signal: AbortSignal.timeout(10_000),
    });
    if (response.ok) {
      const versions = [...(await response.text()).matchAll(/<version>([^<]+)<\/version>/g)].map((m) => m[1]!);
      if (versions.length) return versions;
    }
  } catch {
    // Offline or blocked: fall back to what we pinned.
  }
  return supportedVersions.filter((v) => v.source === 'distribution').map((v) => v.version);
}

export async function versionNotServed(version: string, where: string, baseUrl?: string): Promise<HarnessError> {
  const nearest = nearestVersions(version, await servedVersions(baseUrl));
  return new HarnessError(
    'KC_VERSION_NOT_SERVED',
    `${where} does not serve the Keycloak ${version} server distribution; nearest served: ${nearest.join(', ')}`,
    `Pick one of ${nearest.join(', ')}, run ${version} with --runtime container, or pass an archive you have with --distribution-archive PATH.`,
  );
}

/** The local repository Maven uses, which we pass explicitly so that we know where the .sha1 lands. */
export function localMavenRepository(): string {
  if (process.env.SAML_HARNESS_MAVEN_REPO_LOCAL) return process.env.SAML_HARNESS_MAVEN_REPO_LOCAL;
  const settings = join(homedir(), '.m2', 'settings.xml');
  if (existsSync(settings)) {
    const configured = /<localRepository>\s*([^<]+?)\s*<\/localRepository>/.exec(readFileSync(settings, 'utf8'))?.[1];
    if (configured) return configured.replace(/^~|\$\{user\.home\}/, homedir());
  }
  return join(homedir(), '.m2', 'repository');
}

export class MavenFetcher implements ArchiveFetcher {
  readonly name = 'maven';

  constructor(
    private readonly mvn = 'mvn',
    private readonly repository = localMavenRepository(),
  ) {}

  private artifactDir(version: string) {
    return join(this.repository, groupPath, version);
  }

  async fetch(version: string, directory: string, progress: ProgressListener): Promise<FetchedArchive> {
    const args = [
      '-C',
      '-Dstyle.color=never',
      `-Dmaven.repo.local=${this.repository}`,
      'dependency:copy',
      `-Dartifact=org.keycloak:keycloak-quarkus-dist:${version}:tar.gz`,
      `-DoutputDirectory=${directory}`,
    ];
    progress(`Fetching Keycloak ${version} with ${this.mvn} dependency:copy (Maven's mirrors and proxies apply)`);
    const output = await runMaven(this.mvn, args, progress);
    if (output.code !== 0) {
      if (/Could not find artifact|could not be resolved.*not found/i.test(output.text)) {
        throw await versionNotServed(version, 'Your Maven repositories');
      }
      throw new HarnessError(
        'KC_DOWNLOAD_FAILED',
        `mvn could not fetch Keycloak ${version} (exit ${output.code}): ${lastLines(output.text, 8)}`,
        'Check network access to Maven Central (or your mirror in ~/.m2/settings.xml) and try again; set SAML_HARNESS_FETCH=https to bypass Maven.',
      );
    }
    const sha1File = join(this.artifactDir(version), `${archiveName(version)}.sha1`);
    if (!existsSync(sha1File)) {
      throw new HarnessError(
        'KC_DOWNLOAD_FAILED',
        `Maven fetched Keycloak ${version} but left no checksum at ${sha1File}`,
        'Delete that folder of your local Maven repository and run again, or set SAML_HARNESS_FETCH=https.',
      );
    }
    return {
      file: join(directory, archiveName(version)),
      expectedSha1: readSha1File(sha1File),
      source: `Maven (${this.repository})`,
    };
  }

  async forget(version: string): Promise<void> {
    await rm(join(this.artifactDir(version), archiveName(version)), { force: true });
    await rm(join(this.artifactDir(version), `${archiveName(version)}.sha1`), { force: true });
  }
}

function runMaven(mvn: string, args: string[], progress: ProgressListener): Promise<{ code: number; text: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(mvn, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let text = '';
    let lastReport = 0;
    const onData = (chunk: Buffer) => {
      const piece = chunk.toString();
      text = (text + piece).slice(-64_000);
      // Interactive mode prints "Progress (1): 45/172 MB" with carriage returns.
      const matches = [...piece.matchAll(/Progress \(\d+\): ([\d.]+)\/([\d.]+) (kB|MB)/g)];
      const last = matches.at(-1);
      if (last && Date.now() - lastReport > 2000) {
        lastReport = Date.now();
        progress(`  downloaded ${last[1]}/${last[2]} ${last[3]}`);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, text }));
  });
}

function lastLines(text: string, count: number): string {
  return text
    .replace(/\r/g, '\n')
    .split('\n')
    .filter((line) => /ERROR|FAIL/i.test(line))
    .slice(-count)
    .join(' | ');
}

export class HttpsFetcher implements ArchiveFetcher {
  readonly name = 'https';

  constructor(private readonly baseUrl = mavenRepositoryUrl()) {}

  async fetch(version: string, directory: string, progress: ProgressListener): Promise<FetchedArchive> {
    const url = `${this.baseUrl}/${groupPath}/${version}/${archiveName(version)}`;
    progress(`Fetching Keycloak ${version} from ${url}`);
    const sha1Response = await this.get(`${url}.sha1`, version);
    const expectedSha1 = (await sha1Response.text()).trim().split(/\s+/)[0]!.toLowerCase();
    const response = await this.get(url, version);
    const total = Number(response.headers.get('content-length')) || 0;
    const file = join(directory, archiveName(version));
    let received = 0;
    let lastReport = 0;
    const body = Readable.fromWeb(response.body as import('node:stream/web').ReadableStream<Uint8Array>);
    body.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (Date.now() - lastReport > 2000) {
        lastReport = Date.now();
        progress(`  downloaded ${formatBytes(received)}${total ? ` of ${formatBytes(total)}` : ''}`);
      }
    });
    try {
      await pipeline(body, createWriteStream(`${file}.part`));
    } catch (error) {
      throw new HarnessError(
        'KC_DOWNLOAD_FAILED',
        `The download of ${url} broke off after ${formatBytes(received)}: ${(error as Error).message}`,
        'Check the network and run again; the partial file is discarded.',
        { cause: error },
      );
    }
    await rename(`${file}.part`, file);
    return { file, expectedSha1, source: this.baseUrl };
  }

  private async get(url: string, version: string): Promise<Response> {
    let response: Response;
    try {
      response = await fetch(url, { signal: AbortSignal.timeout(30 * 60_000) });
    } catch (error) {
      throw new HarnessError(
        'KC_DOWNLOAD_FAILED',
        `Could not reach ${url}: ${(error as Error).message}`,
        'Check network access to the Maven repository (set SAML_HARNESS_MAVEN_URL for a mirror) and try again.',
        { cause: error },
      );
    }
    if (response.status === 404) throw await versionNotServed(version, this.baseUrl, this.baseUrl);
    if (!response.ok || !response.body) {
      throw new HarnessError(
        'KC_DOWNLOAD_FAILED',
        `${url} answered HTTP ${response.status}`,
        'Check network access to the Maven repository (set SAML_HARNESS_MAVEN_URL for a mirror) and try again.',
      );
    }
    return response;
  }

  async forget(): Promise<void> {
    // Nothing kept between fetches: each one downloads.
  }
}
