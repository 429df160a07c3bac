/**
 * `saml-harness reproduce`: someone's own Keycloak client (an export) in a fresh realm of a real
 * Keycloak of their version, logged into a mock of their Atlassian organization; with --fix, the
 * recommended changes applied and the login run again.
 */
import { realmErrorEvents } from '../keycloak/event-log.ts';
import { randomBytes } from 'node:crypto';
import type KeycloakAdminClient from '@keycloak/keycloak-admin-client';
import { startSpMock, type StartedSpMock } from '../../sp-mock/index.ts';
import type { Output } from './output.ts';
import { HarnessError } from '../errors.ts';
import { activeCertificate } from '../keycloak/realm-keys.ts';
import { startKeycloak, type KeycloakRuntimeChoice } from '../keycloak/start-keycloak.ts';
import { defaultKeycloakVersion, oldestSupportedMajor, parseVersion } from '../keycloak/versions.ts';
import { idpInitiatedLogin, spInitiatedLogin } from '../login/flows.ts';
import type { LoginRun } from '../login/outcome.ts';
import { runLogin } from '../login/run-login.ts';
import type { LoginDriver } from '../login/driver.ts';
import type { StartedChromium } from '../login/drivers/chromium.ts';
import { fixForSpRule } from '../fixes/fixes.ts';
import { loadOrganizationFile } from '../response/organization-file.ts';
import { deriveAtlassianSide, pointClientAtSpMock, typedIdpHere, type AtlassianSide } from '../reproduce/atlassian-side.ts';
import { loadClientExport, loadRealmExport } from '../reproduce/exports.ts';
import { clientForImport, findClient, importClient, importRealm, realmForImport } from '../reproduce/import.ts';
import { recommendedChanges, type SettingChange } from '../reproduce/recommended-changes.ts';
import { pendingIdp } from '../recommended/atlassian.ts';
import { idpInitiatedUrl, realmIdpValues } from '../recommended/keycloak.ts';
import { defaultDomain, type ScenarioUser } from '../recommended/users.ts';

export interface ReproduceOptions {
  clientExport?: string;
  realmExport?: string;
  /** Which SAML client of a realm export is Atlassian's. */
  clientId?: string;
  keycloakVersion?: string;
  runtime?: KeycloakRuntimeChoice;
  keycloakImage?: string;
  distributionArchive?: string;
  relativePath?: string;
  attach?: boolean;
  /** The Atlassian side: what Atlassian shows, what the admin typed, domains, accounts. */
  org?: string;
  /** A user of the realm export to log in as (else a test user on the verified domain). */
  user?: string;
  flow?: 'sp-initiated' | 'idp-initiated';
  fix?: boolean;
  keep?: boolean;
  /** Drive the logins in the system's Chromium instead of over HTTP. */
  browser?: boolean;
  /** A Keycloak that is already running (of the version wanted), instead of starting one. */
  keycloak?: { baseUrl: string; version: string; adminConsoleUrl?: string; adminClient(): Promise<KeycloakAdminClient> };
}

export interface ReproduceResult {
  version: string;
  realm: string;
  atlassian: AtlassianSide;
  notes: string[];
  before: LoginRun;
  changes?: SettingChange[];
  after?: LoginRun;
}

export async function reproduce(options: ReproduceOptions, output: Output): Promise<ReproduceResult> {
  if (!options.clientExport && !options.realmExport) {
    throw new HarnessError('USAGE', 'Nothing to reproduce: no export given', 'Pass --client-export client.json (and/or --realm-export realm.json).');
  }
  const realmExport = options.realmExport ? loadRealmExport(options.realmExport, options.clientId) : undefined;
  const clientExport = options.clientExport ? loadClientExport(options.clientExport) : undefined;
  const client = clientExport?.value ?? realmExport?.value.client;
  if (!client) throw new HarnessError('USAGE', `${options.realmExport}: no SAML client in the export`, 'Export the realm with its clients, or pass --client-export.');
  const notes: string[] = [];
  const unknownFields = [...(clientExport?.unknownFields ?? []), ...(realmExport?.unknownFields ?? [])];
  if (unknownFields.length) notes.push(`Fields the harness does not know, passed on to Keycloak as they are: ${unknownFields.join(', ')}.`);
  const version = options.keycloak?.version ?? chooseVersion(options.keycloakVersion, realmExport?.value.keycloakVersion, notes);
  const org = options.org ? loadOrganizationFile(options.org) : undefined;
  const user = testUser(options.user, realmExport?.value.realm.users, org?.domains?.find((d) => d.verified)?.name);
  const atlassian = deriveAtlassianSide(client, org, user.email!);
  if (!atlassian.fromFile) notes.push(`No --org: the Atlassian side is derived from the export (SP entity ID = the client ID, ACS URL ${atlassian.acsUrl}, ${atlassian.domains[0]!.name} verified, an account for ${user.email}).`);

  output.note(`Reproducing ${client.clientId} on Keycloak ${version}`);
  const started = options.keycloak
    ? undefined
    : await startKeycloak({
        version,
        progress: output.note,
        ...(options.runtime ? { runtime: options.runtime } : {}),
        ...(options.keycloakImage ? { image: options.keycloakImage } : {}),
        ...(options.distributionArchive ? { distributionArchive: options.distributionArchive } : {}),
        ...(options.relativePath ? { relativePath: options.relativePath } : {}),
        ...(options.attach ? { attach: true } : {}),
      });
  const keycloak = options.keycloak ?? started!;
  const sp = await startSpMock();
  const admin = await keycloak.adminClient();
  let chromium: StartedChromium | undefined;
  let newDriver: (() => Promise<LoginDriver>) | undefined;
  const realm = `reproduce-${randomBytes(3).toString('hex')}`;
  try {
    const spOrg = await createOrganization(sp, atlassian, org);
    const here = pointClientAtSpMock(clientForImport(client), atlassian.acsUrl, sp.url);
    const prepared = realmForImport(realmExport?.value.realm, realm, user, here, { baseUrl: keycloak.baseUrl });
    notes.push(...prepared.notes);
    await importRealm(admin, prepared.realm);
    const imported = clientExport
      ? await importClient(admin, realm, here, unknownFields)
      : { id: await findClient(admin, realm, client.clientId!), notes: [] };
    notes.push(...imported.notes);
    const certificate = await activeCertificate(admin, realm);
    // Without --org, Atlassian holds what the realm publishes (under its frontend URL, when it has one).
    const idp = atlassian.typedIdp
      ? typedIdpHere(atlassian.typedIdp, new URL(keycloak.baseUrl).origin, realm, prepared.frontendUrl)
      : realmIdpValues(prepared.frontendUrl?.here ?? keycloak.baseUrl, realm);
    await sp.updateOrganization(spOrg.id, { idp: { ...idp, certificate } });
    for (const note of notes) output.note(`note: ${note}`);
    printAtlassianSide(atlassian, output);

    const flow = options.flow ?? 'sp-initiated';
    if (options.browser) {
      const [{ startChromium }, { BrowserDriver }] = await Promise.all([import('../login/drivers/chromium.ts'), import('../login/drivers/browser-driver.ts')]);
      chromium = await startChromium();
      output.note(`Logins in Chromium (${chromium.executable})`);
      newDriver = () => BrowserDriver.open(chromium!.windows);
    }
    const login = () =>
      runLogin(
        flow === 'idp-initiated'
          ? idpInitiatedLogin({ idpInitiatedUrl: idpInitiatedUrl(keycloak.baseUrl, realm), user })
          : spInitiatedLogin({ loginUrl: spOrg.loginUrl, email: user.email!, user }),
        { version, client: client.clientId!, ...(newDriver ? { newDriver } : {}), ...('log' in keycloak ? { events: () => realmErrorEvents(keycloak.log, admin, realm) } : {}) },
      );
    const before = await login();
    printRun(`Login (${flow}) as ${user.email}`, before, version, client.clientId!, output);
    const result: ReproduceResult = { version, realm, atlassian, notes, before };
    if (options.fix) {
      const { changes } = recommendedChanges(client, { spEntityId: atlassian.spEntityId, acsUrl: atlassian.acsUrl }, version);
      await applyRecommended(admin, realm, imported.id, { spEntityId: atlassian.spEntityId, acsUrl: spOrg.acsUrl }, version);
      output.print(changes.length ? 'Recommended changes applied (before → after):' : 'The client already has every recommended setting.');
      for (const change of changes) output.print(`  ${change.setting}: ${change.before} → ${change.after}`);
      result.changes = changes;
      result.after = await login();
      printRun('Login again', result.after, version, changes.find((c) => c.setting.endsWith('Client ID'))?.after ?? client.clientId!, output);
    }
    return result;
  } finally {
    if (!options.keep) await admin.realms.del({ realm }).catch(() => {});
    else output.note(`Kept realm ${realm} at ${keycloak.adminConsoleUrl ?? keycloak.baseUrl}`);
    await chromium?.stop();
    await sp.stop();
    await started?.stop();
  }
}

function chooseVersion(requested: string | undefined, exported: string | undefined, notes: string[]): string {
  if (requested) return requested;
  if (exported && /^\d+\.\d+\.\d+$/.test(exported) && parseVersion(exported).major >= oldestSupportedMajor) {
    notes.push(`Keycloak ${exported}, the version recorded in the realm export.`);
    return exported;
  }
  return defaultKeycloakVersion;
}

function testUser(named: string | undefined, exportedUsers: Array<{ username?: string; email?: string; firstName?: string; lastName?: string }> | undefined, verifiedDomain: string | undefined): ScenarioUser & { email: string } {
  const password = `Reproduce-${randomBytes(6).toString('hex')}`;
  if (named) {
    const found = exportedUsers?.find((u) => u.username === named);
    if (!found) throw new HarnessError('USAGE', `No user "${named}" in the realm export`, 'Export the realm with its users, or leave --user out to log in as a test user.');
    return {
      username: named,
      password,
      email: found.email ?? `${named}@${verifiedDomain ?? defaultDomain}`,
      ...(found.firstName ? { firstName: found.firstName } : {}),
      ...(found.lastName ? { lastName: found.lastName } : {}),
    };
  }
  return { username: 'saml-harness-test', password, email: `test.user@${verifiedDomain ?? defaultDomain}`, firstName: 'Test', lastName: 'User' };
}

async function createOrganization(sp: StartedSpMock, atlassian: AtlassianSide, org: ReturnType<typeof loadOrganizationFile> | undefined) {
  return sp.createOrganization({
    id: atlassian.connectionId,
    spEntityId: atlassian.spEntityId,
    idp: pendingIdp,
    domains: atlassian.domains,
    accounts: atlassian.accounts,
    ...(org?.jit ? { jit: org.jit } : {}),
    ...(org?.defaultPolicyEnforcesSso !== undefined ? { defaultPolicyEnforcesSso: org.defaultPolicyEnforcesSso } : {}),
    ...(org?.requestedNameIdFormat ? { requestedNameIdFormat: org.requestedNameIdFormat } : {}),
  });
}

async function applyRecommended(admin: KeycloakAdminClient, realm: string, id: string, sp: { spEntityId: string; acsUrl: string }, version: string): Promise<void> {
  const current = await admin.clients.findOne({ realm, id });
  if (!current) throw new HarnessError('KC_ADMIN_FAILED', `The imported client vanished from realm ${realm}`, 'Run again.');
  const { fixed } = recommendedChanges(current, sp, version);
  const newMappers = (fixed.protocolMappers ?? []).filter((mapper) => !mapper.id);
  await admin.clients.update({ realm, id }, { ...fixed, protocolMappers: (fixed.protocolMappers ?? []).filter((mapper) => mapper.id) });
  if (newMappers.length) await admin.clients.addMultipleProtocolMappers({ realm, id }, newMappers);
}

function printAtlassianSide(atlassian: AtlassianSide, output: Output): void {
  output.print(`Atlassian side (${atlassian.fromFile ? 'from the organization file' : 'derived from the export'}):`);
  output.print(`  Service provider entity URL: ${atlassian.spEntityId}`);
  output.print(`  Service provider ACS URL:    ${atlassian.acsUrl} (served here by sp-mock)`);
  output.print(`  domains: ${atlassian.domains.map((d) => `${d.name}${d.verified ? ' verified' : ''}${d.linked ? ' linked' : ''}`).join(', ')}`);
}

function printRun(title: string, run: LoginRun, version: string, client: string, output: Output): void {
  const o = run.outcome;
  output.print(`${title}:`);
  for (const step of run.trace.steps) output.print(`  ${step.index}. ${step.name}${step.status ? ` → ${step.status} ${step.landedAt}` : ''}`);
  output.print(o.result === 'success' ? `✓ the login succeeds: ${o.attempt?.nameId ?? ''} is logged in to Atlassian` : `✗ ${o.where} stops the login: ${o.code}: ${o.message}`);
  if (o.seen) output.print(`  seen: ${o.seen}`);
  for (const line of run.trace.keycloakEvents ?? []) output.print(`  keycloak log: ${line}`);
  if (o.fix) output.print(`  fix: ${o.fix}`);
  for (const rule of o.attempt?.rules.filter((r) => r.status === 'fail') ?? []) {
    if (rule.code === o.code) continue;
    output.print(`  also failing at Atlassian: ${rule.code}${rule.detail ? `: ${rule.detail}` : ''}`);
    output.print(`    fix: ${fixForSpRule(rule.code, version, client)}`);
  }
  for (const message of run.trace.messages) output.print(`  ${message.kind} (${message.binding}) → ${message.to}\n${message.xml.replace(/^/gm, '    ')}`);
}
