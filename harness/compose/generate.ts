/**
 * Writes the files docker-compose.yml mounts, from the recommended configuration:
 * `npx tsx harness/compose/generate.ts`. A unit test fails when the committed files differ from these.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { demoDirectoryInput, demoOrganization, demoRealm, demoSpValues, type DemoSigningKey } from './demo-stack.ts';

export const repositoryRoot = fileURLToPath(new URL('../../', import.meta.url));

/** Inputs, made once with openssl and committed (docker/README.md). */
export const demoKeyFiles = {
  privateKey: 'docker/keycloak/demo-signing-key.pem',
  certificate: 'docker/keycloak/demo-signing-certificate.pem',
} as const;

/** Outputs, by path from the repository root. */
export const generatedPaths = {
  realm: 'docker/keycloak/realm-atlassian.json',
  organizations: 'docker/sp-mock/organizations.json',
  /** The folder the openldap service mounts as the start script's input (its files: demoDirectoryInput()). */
  directory: 'docker/openldap',
} as const;

export async function readDemoSigningKey(root = repositoryRoot): Promise<DemoSigningKey> {
  const [privateKeyPem, certificatePem] = await Promise.all([
    readFile(join(root, demoKeyFiles.privateKey), 'utf8'),
    readFile(join(root, demoKeyFiles.certificate), 'utf8'),
  ]);
  return { privateKeyPem, certificatePem };
}

/** Each generated file's path and content. */
export function generatedFiles(key: DemoSigningKey): Array<{ path: string; content: string }> {
  const organization = demoOrganization(key);
  const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;
  return [
    { path: generatedPaths.realm, content: json(demoRealm(key, demoSpValues(organization))) },
    { path: generatedPaths.organizations, content: json([organization]) },
    ...Object.entries(demoDirectoryInput()).map(([name, content]) => ({ path: `${generatedPaths.directory}/${name}`, content })),
  ];
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const file of generatedFiles(await readDemoSigningKey())) {
    await mkdir(dirname(join(repositoryRoot, file.path)), { recursive: true });
    await writeFile(join(repositoryRoot, file.path), file.content);
    process.stdout.write(`wrote ${file.path}\n`);
  }
}
