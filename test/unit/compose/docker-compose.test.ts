/**
 * Compose itself validates docker-compose.yml offline, and these tests hold each service to the harness's
 * own container modules and to the generated files; test/containers/compose.test.ts starts the stack.
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { demoDirectoryPeople, demoStack } from '../../../harness/compose/demo-stack.ts';
import { generatedFiles as filesFor, generatedPaths, readDemoSigningKey, repositoryRoot } from '../../../harness/compose/generate.ts';
import { httpPort, keycloakContainerSettings, keycloakImage, keycloakImageFor } from '../../../harness/keycloak/container/keycloak-container.ts';
import { defaultKeycloakVersion, supportedVersions } from '../../../harness/keycloak/versions.ts';
import {
  defaultLdapImage,
  inputFolder,
  ldapPort,
  openLdapContainerSettings,
  workFolder,
} from '../../../harness/ldap/container/openldap-container.ts';

interface Service {
  image?: string;
  build?: { context: string; dockerfile: string; args?: Record<string, string> };
  entrypoint?: string[];
  command: string[];
  environment: Record<string, string>;
  ports: string[];
  volumes: string[];
  healthcheck?: { test: string[] };
}

const composeFile = join(repositoryRoot, 'docker-compose.yml');
const generatedFiles = filesFor(await readDemoSigningKey());
const source = await readFile(composeFile, 'utf8');
const services = (parse(source) as { services: Record<string, Service> }).services;
const keycloak = services.keycloak!;
const openldap = services.openldap!;
const spMock = services['sp-mock']!;

/** `docker compose` (the plugin) where it is installed, else Debian's `docker-compose`; neither needs an engine for `config`. */
const composeCommand = [['docker', 'compose'], ['docker-compose']].find(
  (cli) => spawnSync(cli[0]!, [...cli.slice(1), 'version'], { encoding: 'utf8' }).status === 0,
);
if (!composeCommand) console.warn('Compose is not installed (docker compose or docker-compose): its reading of docker-compose.yml is not checked here');

function compose(args: string[], options: { file?: string; env?: Record<string, string> } = {}) {
  const [command, ...prefix] = composeCommand!;
  const env: NodeJS.ProcessEnv = { ...process.env };
  // What this machine's shell sets (CI exports the images it built) must not decide what these tests read.
  for (const name of Object.keys(env)) if (name === 'KEYCLOAK_VERSION' || name.startsWith('SAML_HARNESS_')) delete env[name];
  Object.assign(env, options.env);
  return spawnSync(command!, [...prefix, '-f', options.file ?? composeFile, ...args], { encoding: 'utf8', env, cwd: repositoryRoot });
}

const scratch: string[] = [];
afterAll(async () => {
  for (const folder of scratch) await rm(folder, { recursive: true, force: true });
});

describe.skipIf(!composeCommand)('docker-compose.yml, as Compose reads it', { timeout: 60_000 }, () => {
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

  const configured = (env?: Record<string, string>) =>
    (parse(compose(['config'], env ? { env } : {}).stdout) as { services: Record<string, Service> }).services;

  it('runs the default Keycloak version unless KEYCLOAK_VERSION names another', () => {
    expect(configured().keycloak?.image).toBe(`${keycloakImage}:${defaultKeycloakVersion}`);
    expect(configured({ KEYCLOAK_VERSION: '21.1.2' }).keycloak?.image).toBe(`${keycloakImage}:21.1.2`);
  });

  it('takes the images from the settings the harness reads, a Keycloak repository tagged with the version as the harness tags it', () => {
    const services = configured({
      SAML_HARNESS_KEYCLOAK_IMAGE: 'saml-harness/keycloak',
      KEYCLOAK_VERSION: '21.0.2',
      SAML_HARNESS_LDAP_IMAGE: 'saml-harness/openldap:bookworm',
      SAML_HARNESS_NODE_IMAGE: 'saml-harness/node:20',
    });
    expect(services.keycloak?.image).toBe(keycloakImageFor('21.0.2', 'saml-harness/keycloak'));
    expect(services.openldap?.image).toBe('saml-harness/openldap:bookworm');
    expect(services['sp-mock']?.build?.args).toEqual({ NODE_IMAGE: 'saml-harness/node:20' });
  });
});

describe('the keycloak service', () => {
  const settings = keycloakContainerSettings(defaultKeycloakVersion, { admin: demoStack.admin });

  it('runs the image of the Keycloak container module, the default version unless told otherwise', () => {
    expect(keycloak.image).toBe(`\${SAML_HARNESS_KEYCLOAK_IMAGE:-${keycloakImage}}:\${KEYCLOAK_VERSION:-${defaultKeycloakVersion}}`);
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
    const health = supportedVersions.map(({ version }) => keycloakContainerSettings(version, { admin: demoStack.admin }).health);
    expect(new Set(ports)).toEqual(new Set(health.map((entry) => entry.port)));
    expect(new Set(health.map((entry) => entry.path))).toEqual(new Set(['/health/ready']));
    expect(script).toContain(`GET ${settings.health.path} HTTP/1.0`);
  });

  it('is published where the realm and the organization expect it', () => {
    expect(keycloak.ports).toEqual([`${new URL(demoStack.keycloakUrl).port}:${httpPort}`]);
  });
});

describe('the openldap service', () => {
  const settings = openLdapContainerSettings({ people: demoDirectoryPeople });

  it("runs the OpenLDAP container module's image (unless SAML_HARNESS_LDAP_IMAGE names another), entrypoint and command", () => {
    expect(openldap.image).toBe(`\${SAML_HARNESS_LDAP_IMAGE:-${defaultLdapImage}}`);
    expect(openldap.entrypoint).toEqual(settings.entrypoint);
    expect(openldap.command).toEqual(settings.command);
  });

  it("mounts the generated directory input where the module copies its files, with the same names", () => {
    expect(openldap.volumes).toEqual([`./${generatedPaths.directory}:${inputFolder}:ro`]);
    const names = generatedFiles.filter((file) => file.path.startsWith(`${generatedPaths.directory}/`)).map((file) => basename(file.path));
    expect(names.sort()).toEqual(settings.files.map((file) => basename(file.target)).sort());
  });

  it("is healthy once the start script has loaded the entries, and reachable where the realm's federation looks", () => {
    expect(openldap.healthcheck?.test).toEqual(['CMD', 'test', '-e', `${workFolder}/ready`]);
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

  it('is built on Node 20 (or the image SAML_HARNESS_NODE_IMAGE names) with production dependencies only, which hold tsx', async () => {
    expect(spMock.build).toEqual({
      context: '.',
      dockerfile: 'docker/sp-mock.Dockerfile',
      args: { NODE_IMAGE: '${SAML_HARNESS_NODE_IMAGE:-node:20-slim}' },
    });
    const dockerfile = await readFile(join(repositoryRoot, spMock.build!.dockerfile), 'utf8');
    expect(dockerfile).toMatch(/^ARG NODE_IMAGE=node:20-slim\nFROM \$\{NODE_IMAGE\}$/m);
    expect(dockerfile).toMatch(/^RUN npm ci --omit=dev\b/m);
    const manifest = JSON.parse(await readFile(join(repositoryRoot, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    expect(Object.keys(manifest.dependencies)).toContain('tsx');
  });
});
