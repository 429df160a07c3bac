/**
 * docker-compose.yml cannot start here (no Docker engine): Compose itself validates it offline, and these
 * tests hold each service to the harness's own container modules and to the generated files.
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { demoDirectoryPeople, demoStack } from '../../../harness/compose/demo-stack.ts';
import { generatedPaths, repositoryRoot } from '../../../harness/compose/generate.ts';
import { httpPort, keycloakContainerSettings, keycloakImage } from '../../../harness/keycloak/container/keycloak-container.ts';
import { defaultKeycloakVersion, supportedVersions } from '../../../harness/keycloak/versions.ts';
import { ldapPort, openLdapContainerSettings } from '../../../harness/ldap/container/openldap-container.ts';

interface Service {
  image?: string;
  build?: { context: string; dockerfile: string };
  command: string[];
  environment: Record<string, string>;
  ports: string[];
  volumes: string[];
  healthcheck?: { test: string[] };
}

const composeFile = join(repositoryRoot, 'docker-compose.yml');
const source = await readFile(composeFile, 'utf8');
const services = (parse(source) as { services: Record<string, Service> }).services;
const keycloak = services.keycloak!;
const openldap = services.openldap!;
const spMock = services['sp-mock']!;
/** Compose reads `$$` as a literal `$`. */
const unescaped = (text: string) => text.replaceAll('$$', '$');

/** `docker compose` (the plugin) where it is installed, else Debian's `docker-compose`; neither needs an engine for `config`. */
function composeCli(): string[] {
  for (const cli of [['docker', 'compose'], ['docker-compose']]) {
    if (spawnSync(cli[0]!, [...cli.slice(1), 'version'], { encoding: 'utf8' }).status === 0) return cli;
  }
  throw new Error('Neither `docker compose` nor `docker-compose` runs on this machine: apt-get install docker-compose (Debian).');
}

function compose(args: string[], options: { file?: string; env?: Record<string, string> } = {}) {
  const [command, ...prefix] = composeCli();
  const env: NodeJS.ProcessEnv = { ...process.env, ...options.env };
  if (!options.env?.KEYCLOAK_VERSION) delete env.KEYCLOAK_VERSION;
  return spawnSync(command!, [...prefix, '-f', options.file ?? composeFile, ...args], { encoding: 'utf8', env, cwd: repositoryRoot });
}

const scratch: string[] = [];
afterAll(async () => {
  for (const folder of scratch) await rm(folder, { recursive: true, force: true });
});

describe('docker-compose.yml, as Compose reads it', { timeout: 60_000 }, () => {
  it('Compose finds it valid', () => {
    const result = compose(['config', '-q']);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it('Compose refuses it with a misspelt key', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'compose-'));
    scratch.push(folder);
    const broken = join(folder, 'docker-compose.yml');
    await writeFile(broken, source.replace('    ports:\n      - "8080:8080"', '    portz:\n      - "8080:8080"'));
    const result = compose(['config', '-q'], { file: broken });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('portz');
  });

  it('runs the default Keycloak version unless KEYCLOAK_VERSION names another', () => {
    const image = (env?: Record<string, string>) =>
      (parse(compose(['config'], env ? { env } : {}).stdout) as { services: Record<string, Service> }).services.keycloak?.image;
    expect(image()).toBe(`${keycloakImage}:${defaultKeycloakVersion}`);
    expect(image({ KEYCLOAK_VERSION: '21.1.2' })).toBe(`${keycloakImage}:21.1.2`);
  });
});

describe('the keycloak service', () => {
  const settings = keycloakContainerSettings(defaultKeycloakVersion, { admin: demoStack.admin });

  it('runs the image of the Keycloak container module, the default version unless told otherwise', () => {
    expect(keycloak.image).toBe(`${keycloakImage}:\${KEYCLOAK_VERSION:-${defaultKeycloakVersion}}`);
  });

  it('runs the container module\'s command, and imports the generated realm', () => {
    expect(keycloak.command).toEqual([...settings.command, '--import-realm']);
    expect(keycloak.volumes).toEqual([`./${generatedPaths.realm}:/opt/keycloak/data/import/${basename(generatedPaths.realm)}:ro`]);
  });

  it('has the container module\'s environment for every supported version: the admin variables of each, health on', () => {
    const perVersion = supportedVersions.map(({ version }) => keycloakContainerSettings(version, { admin: demoStack.admin }).environment);
    for (const environment of perVersion) expect(keycloak.environment).toMatchObject(environment);
    expect(Object.keys(keycloak.environment).sort()).toEqual([...new Set(perVersion.flatMap((environment) => Object.keys(environment)))].sort());
  });

  it('is healthy when the readiness endpoint says UP, on the port each supported version answers it', () => {
    const script = keycloak.healthcheck?.test.at(-1) ?? '';
    const ports = /for port in ([\d ]+);/.exec(script)?.[1]?.split(' ').map(Number);
    const readiness = supportedVersions.map(({ version }) => keycloakContainerSettings(version, { admin: demoStack.admin }).readiness);
    expect(new Set(ports)).toEqual(new Set(readiness.map((entry) => entry.port)));
    expect(new Set(readiness.map((entry) => entry.path))).toEqual(new Set(['/health/ready']));
    expect(script).toContain(`GET ${settings.readiness.path} HTTP/1.0`);
  });

  it('is published where the realm and the organization expect it', () => {
    expect(keycloak.ports).toEqual([`${new URL(demoStack.keycloakUrl).port}:${httpPort}`]);
  });
});

describe('the openldap service', () => {
  const settings = openLdapContainerSettings({ people: demoDirectoryPeople });

  it('runs the OpenLDAP container module\'s image and environment', () => {
    expect(openldap.image).toBe(settings.image);
    expect(openldap.environment).toEqual(settings.environment);
  });

  it('loads the generated directory from the LDIF folder the module uses', () => {
    expect(openldap.volumes).toEqual([`./${generatedPaths.directory.replace(/\/[^/]+$/, '')}:${settings.environment.LDAP_CUSTOM_LDIF_DIR}:ro`]);
    expect(basename(generatedPaths.directory)).toBe(basename(settings.files[0]!.target));
  });

  it('is healthy by the module\'s readiness command, and reachable where the realm\'s federation looks', () => {
    expect(openldap.healthcheck?.test.map(unescaped)).toEqual(['CMD-SHELL', settings.readinessCommand]);
    expect(openldap.ports).toEqual([`${ldapPort}:${ldapPort}`]);
    expect(Object.keys(services)).toContain(demoStack.ldapHost);
  });
});

describe('the sp-mock service', () => {
  const option = (name: string) => spMock.command[spMock.command.indexOf(name) + 1];

  it('starts sp-mock on all interfaces at the public URL the realm expects, with the generated organization', () => {
    expect(spMock.command.slice(0, 2)).toEqual(['sp', 'start']);
    expect(option('--host')).toBe('0.0.0.0');
    expect(option('--port')).toBe(String(demoStack.spPort));
    expect(option('--public-url')).toBe(demoStack.spUrl);
    expect(spMock.volumes).toEqual([`./${generatedPaths.organizations}:${option('--organizations')}:ro`]);
    expect(spMock.ports).toEqual([`${demoStack.spPort}:${demoStack.spPort}`]);
  });

  it('is built on Node 20 with production dependencies only, which hold tsx', async () => {
    expect(spMock.build).toEqual({ context: '.', dockerfile: 'docker/sp-mock.Dockerfile' });
    const dockerfile = await readFile(join(repositoryRoot, spMock.build!.dockerfile), 'utf8');
    expect(dockerfile).toMatch(/^FROM node:20-slim$/m);
    expect(dockerfile).toMatch(/^RUN npm ci --omit=dev\b/m);
    const manifest = JSON.parse(await readFile(join(repositoryRoot, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    expect(Object.keys(manifest.dependencies)).toContain('tsx');
  });
});
