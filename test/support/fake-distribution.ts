import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tar from 'tar';
import { sha1Of } from '../../harness/maven/fetchers.ts';
import { temporaryFolder } from './temporary-folder.ts';

/** A tiny archive shaped like Keycloak's server distribution: keycloak-<v>/bin/kc.sh and version.txt. */
export async function makeFakeDistributionArchive(
  version: string,
  topFolder = `keycloak-${version}`,
  kcScript = '#!/bin/sh\necho fake\n',
) {
  const dir = temporaryFolder('saml-harness-fake-dist-');
  const home = join(dir, topFolder);
  mkdirSync(join(home, 'bin'), { recursive: true });
  writeFileSync(join(home, 'bin', 'kc.sh'), kcScript, { mode: 0o755 });
  for (const shared of ['lib', 'providers', 'themes', 'conf']) mkdirSync(join(home, shared));
  writeFileSync(join(home, 'version.txt'), `Keycloak - Version ${version}\n`);
  const file = join(dir, `keycloak-quarkus-dist-${version}.tar.gz`);
  await tar.c({ gzip: true, file, cwd: dir }, [topFolder]);
  return { dir, file, sha1: await sha1Of(file) };
}
