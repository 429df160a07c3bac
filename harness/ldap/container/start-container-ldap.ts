/** The directory as an OpenLDAP container; people are added and removed with the image's own ldap-utils. */
import { randomBytes } from 'node:crypto';
import { HarnessError } from '../../errors.ts';
import { ContainerStartError } from '../../process/containers.ts';
import { endWithHarness } from '../../process/shutdown.ts';
import { formatSeconds, silent, type ProgressListener } from '../../progress.ts';
import { personDn, personEntry, Roster, type DirectoryLayout } from '../directory.ts';
import { ldapOperationFailed } from '../ldap-operation-error.ts';
import { toLdif } from '../ldif.ts';
import type { LdapPerson, StartedLdap } from '../started-ldap.ts';
import { OpenLdapContainer, type StartedOpenLdapContainer } from './openldap-container.ts';

export interface ContainerLdapOptions {
  layout: DirectoryLayout;
  adminPassword: string;
  image: string;
  port?: number;
  people: readonly LdapPerson[];
  /** The Docker network Keycloak's container is on; the directory joins it under a name of its own. */
  network?: string;
  readyTimeoutMs?: number;
  progress?: ProgressListener;
}

export async function startContainerLdap(options: ContainerLdapOptions): Promise<StartedLdap> {
  const started = Date.now();
  const progress = options.progress ?? silent;
  const roster = new Roster();
  roster.checkNew(options.people);
  const container = new OpenLdapContainer(options.image)
    .withBaseDn(options.layout.baseDn)
    .withAdminPassword(options.adminPassword)
    .withPeople(options.people);
  if (options.port) container.withHostPort(options.port);
  // Several scenarios' directories share Keycloak's network at once: each answers to its own name.
  if (options.network) container.withNetworkMode(options.network).withNetworkAliases(`ldap-${randomBytes(4).toString('hex')}`);
  if (options.readyTimeoutMs) container.withStartupTimeout(options.readyTimeoutMs);
  let running: StartedOpenLdapContainer;
  try {
    running = await container.start();
  } catch (error) {
    const lines = error instanceof ContainerStartError ? error.lastLines : [];
    throw new HarnessError(
      'LDAP_START_FAILED',
      `The OpenLDAP container (${options.image}) did not start: ${error instanceof Error ? error.message : String(error)}` +
        (lines.length ? `; last log lines:\n${lines.join('\n')}` : ''),
      `Check that ${options.image} has slapd and ldap-utils (SAML_HARNESS_LDAP_IMAGE picks another), or use --ldap-runtime native.`,
      { cause: error },
    );
  }
  roster.add(options.people);
  const readyAfterMs = Date.now() - started;
  progress(`OpenLDAP container ready at ${running.getLdapUrl()} with ${options.people.length} people (${formatSeconds(readyAfterMs)})`);
  return handleFor(running, container, options.layout, options.adminPassword, roster, readyAfterMs);
}

function handleFor(
  running: StartedOpenLdapContainer,
  container: OpenLdapContainer,
  layout: DirectoryLayout, adminPassword: string, roster: Roster, readyAfterMs: number): StartedLdap {
  let additions = 0;
  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      release();
      await running.stop();
    })());
  const release = endWithHarness(stop);
  return {
    runtime: 'container',
    url: running.getLdapUrl(),
    containerUrl: running.getNetworkLdapUrl(),
    baseDn: layout.baseDn,
    usersDn: layout.usersDn,
    bindDn: layout.bindDn,
    bindPassword: adminPassword,
    readyAfterMs,
    log: { file: undefined, lastLines: async (count = 20) => container.lastLogLines(count) },
    personDn: (uid) => personDn(layout, uid),
    addPeople: async (people) => {
      if (stopping) throw new TypeError('the directory has been stopped');
      roster.checkNew(people);
      if (people.length === 0) return;
      const target = `/tmp/saml-harness-people-${++additions}.ldif`;
      const content = toLdif(people.map((person) => personEntry(layout, person)));
      await running.copyContentToContainer([{ content, target, mode: 0o644 }]);
      const result = await running.client('ldapadd', ['-f', target]);
      if (result.exitCode !== 0) throw ldapOperationFailed(`Adding ${people.map((p) => p.uid).join(', ')}`, result.exitCode, result.output);
      roster.add(people);
    },
    removePerson: async (uid) => {
      if (stopping) throw new TypeError('the directory has been stopped');
      roster.checkPresent(uid);
      const result = await running.client('ldapdelete', [personDn(layout, uid)]);
      if (result.exitCode !== 0) throw ldapOperationFailed(`Removing ${uid}`, result.exitCode, result.output);
      roster.remove(uid);
    },
    stop,
    [Symbol.asyncDispose]: stop,
  };
}
