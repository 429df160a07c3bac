/** The directory as an OpenLDAP container; people are added and removed with the image's own ldap-utils. */
import type { StartedNetwork } from 'testcontainers';
import { formatSeconds, silent, type ProgressListener } from '../../progress.ts';
import { personDn, personEntry, Roster, type DirectoryLayout } from '../directory.ts';
import { ldapOperationFailed } from '../ldap-operation-error.ts';
import { toLdif } from '../ldif.ts';
import type { LdapPerson, StartedLdap } from '../started-ldap.ts';
import { defaultNetworkAlias, ldapPort, OpenLdapContainer, type StartedOpenLdapContainer } from './openldap-container.ts';
import { containerLog } from '../../process/containers.ts';

export interface ContainerLdapOptions {
  layout: DirectoryLayout;
  adminPassword: string;
  port?: number;
  people: readonly LdapPerson[];
  /** The Docker network Keycloak's container is on; the directory joins it under `networkAlias`. */
  network?: StartedNetwork;
  networkAlias?: string;
  readyTimeoutMs?: number;
  progress?: ProgressListener;
}

export async function startContainerLdap(options: ContainerLdapOptions): Promise<StartedLdap> {
  const started = Date.now();
  const progress = options.progress ?? silent;
  const roster = new Roster();
  roster.checkNew(options.people);
  const container = new OpenLdapContainer()
    .withBaseDn(options.layout.baseDn)
    .withAdminPassword(options.adminPassword)
    .withPeople(options.people);
  if (options.port) container.withHostPort(options.port);
  if (options.network) container.withNetwork(options.network).withNetworkAliases(options.networkAlias ?? defaultNetworkAlias);
  if (options.readyTimeoutMs) container.withStartupTimeout(options.readyTimeoutMs);
  const running = await container.start();
  roster.add(options.people);
  const readyAfterMs = Date.now() - started;
  progress(`OpenLDAP container ready at ${running.getLdapUrl()} with ${options.people.length} people (${formatSeconds(readyAfterMs)})`);
  return handleFor(running, options, roster, readyAfterMs);
}

function handleFor(running: StartedOpenLdapContainer, options: ContainerLdapOptions, roster: Roster, readyAfterMs: number): StartedLdap {
  const { layout, adminPassword } = options;
  const inside = `ldap://127.0.0.1:${ldapPort}`;
  const client = (tool: string, args: string[]) =>
    running.exec([tool, '-x', '-H', inside, '-D', layout.bindDn, '-w', adminPassword, ...args]);
  let additions = 0;
  let stopping: Promise<void> | undefined;
  const stop = () => (stopping ??= running.stop().then(() => undefined));
  return {
    runtime: 'container',
    url: running.getLdapUrl(),
    containerUrl: running.getNetworkLdapUrl(),
    baseDn: layout.baseDn,
    usersDn: layout.usersDn,
    bindDn: layout.bindDn,
    bindPassword: adminPassword,
    readyAfterMs,
    log: containerLog(running),
    personDn: (uid) => personDn(layout, uid),
    addPeople: async (people) => {
      if (stopping) throw new TypeError('the directory has been stopped');
      roster.checkNew(people);
      if (people.length === 0) return;
      const target = `/tmp/saml-harness-people-${++additions}.ldif`;
      const content = toLdif(people.map((person) => personEntry(layout, person)));
      await running.copyContentToContainer([{ content, target, mode: 0o644 }]);
      const result = await client('ldapadd', ['-f', target]);
      if (result.exitCode !== 0) throw ldapOperationFailed(`Adding ${people.map((p) => p.uid).join(', ')}`, result.exitCode, result.output);
      roster.add(people);
    },
    removePerson: async (uid) => {
      if (stopping) throw new TypeError('the directory has been stopped');
      roster.checkPresent(uid);
      const result = await client('ldapdelete', [personDn(layout, uid)]);
      if (result.exitCode !== 0) throw ldapOperationFailed(`Removing ${uid}`, result.exitCode, result.output);
      roster.remove(uid);
    },
    stop,
    [Symbol.asyncDispose]: stop,
  };
}
