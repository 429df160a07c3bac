/**
 * Two ways to fetch an artifact (Keycloak's server archive, a library's jar): Maven (so the user's
 * mirrors and proxies apply) where `mvn` is installed, plain HTTPS from the same repository otherwise.
 * Either way the file is checked against the SHA-1 the repository publishes beside it.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rename, rm } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { cacheDir } from '../cache.ts';
import { HarnessError } from '../errors.ts';
import { commandExists } from '../process/command-exists.ts';
import { formatBytes, type ProgressListener } from '../progress.ts';
import { artifactCoordinates, artifactFileName, artifactFolder, type MavenArtifact } from './artifact.ts';

export const mavenRepositoryUrl = () =>
  (process.env.SAML_HARNESS_MAVEN_URL || 'https://repo.maven.apache.org/maven2').replace(/\/$/, '');

export interface FetchedArtifact {
  file: string;
  /** The checksum the repository publishes beside the file. */
  expectedSha1: string;
  source: string;
}

export interface ArtifactFetcher {
  readonly name: string;
  /** Puts the file into `directory` (which the caller owns and cleans). */
  fetch(artifact: MavenArtifact, directory: string, progress: ProgressListener): Promise<FetchedArtifact>;
  /** Forgets any copy this fetcher keeps, so that the next fetch downloads again. */
  forget(artifact: MavenArtifact): Promise<void>;
}

/**
 * HTTPS from the repository unless Maven would fetch from somewhere else: SAML_HARNESS_FETCH decides
 * when set; otherwise Maven where it is installed and its settings name a mirror or a proxy (the user's
 * ~/.m2/settings.xml or the installation's), since only Maven knows how to pass through them. Without
 * those Maven reaches the same Maven Central, after fetching its own plugins first: on an empty local
 * repository that took 25–38 s against about 2 s for the archive itself over HTTPS (26.7.3, 176 MB).
 */
export function defaultFetcher(): ArtifactFetcher {
  const preference = process.env.SAML_HARNESS_FETCH;
  if (preference === 'https') return new HttpsFetcher();
  if (preference === 'maven') return new MavenFetcher();
  if (commandExists('mvn') && mavenSettingsRedirect()) return new MavenFetcher();
  return new HttpsFetcher();
}

const userMavenSettings = () => join(homedir(), '.m2', 'settings.xml');

/** Where Maven reads settings from: the user's, then the installation's (Debian's /etc/maven, MAVEN_HOME). */
function mavenSettingsFiles(env: NodeJS.ProcessEnv = process.env): string[] {
  return [
    userMavenSettings(),
    ...(env.MAVEN_HOME ? [join(env.MAVEN_HOME, 'conf', 'settings.xml')] : []),
    ...(env.M2_HOME ? [join(env.M2_HOME, 'conf', 'settings.xml')] : []),
    '/etc/maven/settings.xml',
    '/usr/share/maven/conf/settings.xml',
  ];
}

/** Whether Maven's settings send downloads through a mirror or a proxy. */
export function mavenSettingsRedirect(files: readonly string[] = mavenSettingsFiles()): boolean {
  return files.some((file) => existsSync(file) && settingsRedirect(readFileSync(file, 'utf8')));
}

/**
 * A mirror or an active proxy outside XML comments. Maven 3.8+ ships one blocked mirror in its own
 * settings (maven-default-http-blocker, which refuses plain-HTTP repositories): it redirects nothing.
 */
export function settingsRedirect(xml: string): boolean {
  const blocks = xml.replace(/<!--[\s\S]*?-->/g, '').matchAll(/<(mirror|proxy)>([\s\S]*?)<\/\1>/g);
  return [...blocks].some(([, kind, body]) =>
    kind === 'mirror' ? !/<blocked>\s*true\s*<\/blocked>/.test(body!) : !/<active>\s*false\s*<\/active>/.test(body!),
  );
}

export function readSha1File(file: string): string {
  return readFileSync(file, 'utf8').trim().split(/\s+/)[0]!.toLowerCase();
}

export async function sha1Of(file: string): Promise<string> {
  const hash = createHash('sha1');
  await pipeline(createReadStream(file), hash);
  return hash.digest('hex');
}

export async function verifyChecksum(fetched: FetchedArtifact, code: MavenArtifact['codes']['checksum']): Promise<void> {
  const actual = await sha1Of(fetched.file);
  if (actual !== fetched.expectedSha1) {
    throw new HarnessError(
      code,
      `${fetched.file} has SHA-1 ${actual}, but ${fetched.source} publishes ${fetched.expectedSha1} (a truncated or corrupted download)`,
      'Run again to fetch it anew; if it keeps failing, a proxy or mirror is altering the file.',
    );
  }
}

/**
 * Fetches `artifact` into a scratch folder, checks its SHA-1 and hands the file to `use` (which unpacks
 * or keeps it). A damaged file, or one `use` finds unusable (`isDamage`), is fetched once more; a second
 * bad one is an error.
 */
export async function fetchVerified<T>(
  artifact: MavenArtifact,
  options: { fetcher?: ArtifactFetcher; progress: ProgressListener; isDamage?: (error: unknown) => boolean },
  use: (file: string) => Promise<T>,
): Promise<T> {
  const fetcher = options.fetcher ?? defaultFetcher();
  for (let attempt = 1; ; attempt++) {
    const workDir = await mkdtemp(join(cacheDir('tmp'), `fetch-${artifact.artifactId}-${artifact.version}-`));
    try {
      const fetched = await fetcher.fetch(artifact, workDir, options.progress);
      await verifyChecksum(fetched, artifact.codes.checksum);
      return await use(fetched.file);
    } catch (error) {
      const damaged = HarnessError.is(error, artifact.codes.checksum) || (options.isDamage?.(error) ?? false);
      if (!damaged || attempt >= 2) throw error;
      options.progress(`${(error as HarnessError).message}; fetching it again`);
      await fetcher.forget(artifact);
    } finally {
      await rm(workDir, { recursive: true, force: true });
    }
  }
}

/** The local repository Maven uses, which we pass explicitly so that we know where the .sha1 lands. */
export function localMavenRepository(): string {
  if (process.env.SAML_HARNESS_MAVEN_REPO_LOCAL) return process.env.SAML_HARNESS_MAVEN_REPO_LOCAL;
  const settings = userMavenSettings();
  if (existsSync(settings)) {
    const configured = /<localRepository>\s*([^<]+?)\s*<\/localRepository>/.exec(readFileSync(settings, 'utf8'))?.[1];
    if (configured) return configured.replace(/^~|\$\{user\.home\}/, homedir());
  }
  return join(homedir(), '.m2', 'repository');
}

export class MavenFetcher implements ArtifactFetcher {
  readonly name = 'maven';

  constructor(
    private readonly mvn = 'mvn',
    private readonly repository = localMavenRepository(),
  ) {}

  private localFile(artifact: MavenArtifact) {
    return join(this.repository, artifactFolder(artifact), artifactFileName(artifact));
  }

  async fetch(artifact: MavenArtifact, directory: string, progress: ProgressListener): Promise<FetchedArtifact> {
    const args = [
      '-C',
      '-Dstyle.color=never',
      `-Dmaven.repo.local=${this.repository}`,
      'dependency:copy',
      `-Dartifact=${artifactCoordinates(artifact)}`,
      `-DoutputDirectory=${directory}`,
    ];
    progress(`Fetching ${artifact.label} with ${this.mvn} dependency:copy (Maven's mirrors and proxies apply)`);
    const output = await runMaven(this.mvn, args, progress);
    if (output.code !== 0) {
      if (/Could not find artifact|could not be resolved.*not found/i.test(output.text)) {
        throw await artifact.notServed('Your Maven repositories');
      }
      throw new HarnessError(
        artifact.codes.download,
        `mvn could not fetch ${artifact.label} (exit ${output.code}): ${lastLines(output.text, 8)}`,
        'Check network access to Maven Central (or your mirror in ~/.m2/settings.xml) and try again; set SAML_HARNESS_FETCH=https to bypass Maven.',
      );
    }
    const sha1File = `${this.localFile(artifact)}.sha1`;
    if (!existsSync(sha1File)) {
      throw new HarnessError(
        artifact.codes.download,
        `Maven fetched ${artifact.label} but left no checksum at ${sha1File}`,
        'Delete that folder of your local Maven repository and run again, or set SAML_HARNESS_FETCH=https.',
      );
    }
    return { file: join(directory, artifactFileName(artifact)), expectedSha1: readSha1File(sha1File), source: `Maven (${this.repository})` };
  }

  async forget(artifact: MavenArtifact): Promise<void> {
    await rm(this.localFile(artifact), { force: true });
    await rm(`${this.localFile(artifact)}.sha1`, { force: true });
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
      // Interactive mode prints "Progress (1): 45/172 MB" with carriage returns; the plugin's own small
      // files (kB) are not worth a line.
      const matches = [...piece.matchAll(/Progress \(\d+\): ([\d.]+)\/([\d.]+) (MB)/g)];
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

export class HttpsFetcher implements ArtifactFetcher {
  readonly name = 'https';

  constructor(private readonly baseUrl = mavenRepositoryUrl()) {}

  async fetch(artifact: MavenArtifact, directory: string, progress: ProgressListener): Promise<FetchedArtifact> {
    const url = `${this.baseUrl}/${artifactFolder(artifact)}/${artifactFileName(artifact)}`;
    progress(`Fetching ${artifact.label} from ${url}`);
    const sha1Response = await this.get(`${url}.sha1`, artifact);
    const expectedSha1 = (await sha1Response.text()).trim().split(/\s+/)[0]!.toLowerCase();
    const response = await this.get(url, artifact);
    const total = Number(response.headers.get('content-length')) || 0;
    const file = join(directory, artifactFileName(artifact));
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
        artifact.codes.download,
        `The download of ${url} broke off after ${formatBytes(received)}: ${(error as Error).message}`,
        'Check the network and run again; the partial file is discarded.',
        { cause: error },
      );
    }
    await rename(`${file}.part`, file);
    return { file, expectedSha1, source: this.baseUrl };
  }

  private async get(url: string, artifact: MavenArtifact): Promise<Response> {
    let response: Response;
    try {
      response = await fetch(url, { signal: AbortSignal.timeout(30 * 60_000) });
    } catch (error) {
      throw new HarnessError(
        artifact.codes.download,
        `Could not reach ${url}: ${(error as Error).message}`,
        'Check network access to the Maven repository (set SAML_HARNESS_MAVEN_URL for a mirror) and try again.',
        { cause: error },
      );
    }
    if (response.status === 404) throw await artifact.notServed(this.baseUrl, this.baseUrl);
    if (!response.ok || !response.body) {
      throw new HarnessError(
        artifact.codes.download,
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
