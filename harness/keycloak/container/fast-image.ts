/**
 * The container runtime's fast start: per (Keycloak image, version, start options, admin) a derived image
 * made once on this machine, from a container of that image that ran the harness's own start command:
 * Quarkus's build step done (`start-dev` keeps it in lib/quarkus while the options stay the same), a data
 * template with the schema, the master realm, the admin and the realm pool, and a class-data archive of
 * that run. The container is then committed (`docker commit`), as `saml-harness/keycloak-fast:<tag>`, and
 * removed. The same trick as the distribution runtime's build cache (distribution/build-cache.ts), for an
 * image: it works with the official image and a team's own alike, since it only runs what they ship.
 */
import { createHash } from 'node:crypto';
import { withCacheLock } from '../../cache.ts';
import { HarnessError } from '../../errors.ts';
import type { ProgressListener } from '../../progress.ts';
import { ownerLabel, ownerPidLabel } from '../../process/container-sweep.ts';
import { containerEngine, startLabel } from '../../process/containers.ts';
import { createRealmPool } from '../distribution/realm-pool.ts';
import { testServerJavaOptions } from '../jvm-options.ts';
import type { AdminCredentials } from '../started-keycloak.ts';
import { KeycloakContainer, keycloakContainerSettings } from './keycloak-container.ts';
import { checkServedVersion } from './served-version.ts';

export const fastImageRepository = 'saml-harness/keycloak-fast';
const realmPoolLabel = 'org.saml-harness.realm-pool';
export const baseImageLabel = 'org.saml-harness.base-image';
/** Written by the JVM when the template run ends (JDK 13+; Keycloak 21+ images run 17 or later). */
const classDataArchive = '/opt/keycloak/data/saml-harness.jsa';
/** Bumped when what the derived image holds changes, so that older ones are not used. */
const format = 1;

export const fastImageJavaOptions: readonly string[] = [...testServerJavaOptions, `-XX:SharedArchiveFile=${classDataArchive}`, '-Xshare:auto'];

export interface FastImageRequest {
  version: string;
  /** The image it derives from. */
  image: string;
  admin: AdminCredentials;
  relativePath: string;
  readyTimeoutMs?: number;
  progress: ProgressListener;
}

export interface FastImage {
  image: string;
  /** The realms made in advance in its data template. */
  realmPool: string[];
  /** Whether this call made it (the first start on this machine). */
  made: boolean;
}

/** The derived image for `request`, made first when this machine has none. */
export async function fastImageFor(request: FastImageRequest): Promise<FastImage> {
  const docker = (await containerEngine())!.container.dockerode;
  const base = await docker.getImage(request.image).inspect();
  const settings = keycloakContainerSettings(request.version, { admin: request.admin, relativePath: request.relativePath });
  const key = createHash('sha256')
    .update(JSON.stringify([format, base.Id, request.version, settings.command, settings.environment]))
    .digest('hex')
    .slice(0, 12);
  const tag = `${request.version}-${key}`;
  const image = `${fastImageRepository}:${tag}`;
  return withCacheLock(`keycloak-fast-${tag}`, async () => {
    const existing = await docker
      .getImage(image)
      .inspect()
      .catch(() => undefined);
    const pool = existing?.Config?.Labels?.[realmPoolLabel];
    if (pool) return { image, realmPool: JSON.parse(pool) as string[], made: false };
    request.progress(`Keycloak ${request.version}: making a fast-start image of ${request.image} (once on this machine: the build step, a data template, a class-data archive)`);
    const made = Date.now();
    const realmPool = await makeFastImage(request, image);
    request.progress(`Keycloak ${request.version}: ${image} made in ${((Date.now() - made) / 1000).toFixed(1)} s`);
    return { image, realmPool, made: true };
  });
}

async function makeFastImage(request: FastImageRequest, image: string): Promise<string[]> {
  const container = new KeycloakContainer(request.version, request.image)
    .withAdmin(request.admin)
    .withRelativePath(request.relativePath)
    .withJavaOptions([...testServerJavaOptions, `-XX:ArchiveClassesAtExit=${classDataArchive}`]);
  if (request.readyTimeoutMs) container.withStartupTimeout(request.readyTimeoutMs);
  const running = await container.start();
  let committed = false;
  try {
    await checkServedVersion(running.getBaseUrl(), request.admin, request.version, request.image);
    const realmPool = await createRealmPool(running.getBaseUrl(), request.admin, request.version);
    // A clean stop: Keycloak closes its database and the JVM writes the class-data archive.
    const stopped = await running.stop({ remove: false, timeout: 60_000 });
    const docker = (await containerEngine())!.container.dockerode;
    const inspected = await docker.getContainer(stopped.getId()).inspect();
    if (inspected.State.ExitCode !== 0 && inspected.State.ExitCode !== 143) {
      throw new HarnessError(
        'KC_EXITED_DURING_START',
        `Keycloak ${request.version} in a container of ${request.image} did not stop cleanly (exit ${inspected.State.ExitCode}) while its fast-start image was made`,
        'Read its log (docker logs); run again to retry.',
      );
    }
    const [repo, tag] = image.split(':') as [string, string];
    await docker.getContainer(stopped.getId()).commit({
      repo,
      tag,
      comment: `saml-harness fast start of ${request.image}`,
      // The harness's ownership labels belong to the container that made it, not to what starts from it:
      // emptied, so that no sweep for that owner matches a container of this image.
      changes: [
        `LABEL ${realmPoolLabel}=${JSON.stringify(JSON.stringify(realmPool))} ${baseImageLabel}=${JSON.stringify(request.image)} ${ownerLabel}="" ${ownerPidLabel}="" ${startLabel}=""`,
      ],
    });
    committed = true;
    await docker.getContainer(stopped.getId()).remove({ force: true, v: true });
    return realmPool;
  } finally {
    if (!committed) await running.stop({ remove: true, timeout: 5_000 }).catch(() => {});
  }
}
