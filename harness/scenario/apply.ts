/**
 * Applies a scenario to a running stack the way an admin would: a fresh realm with the SAML client made
 * from the SP values Atlassian shows, the users, and an Atlassian organization holding the values the
 * realm really publishes, then the scenario's differences.
 */
import { randomBytes } from 'node:crypto';
import type KeycloakAdminClient from '@keycloak/keycloak-admin-client';
import type ClientRepresentation from '@keycloak/keycloak-admin-client/lib/defs/clientRepresentation.js';
import type { OrganizationInput, OrganizationView, SpMockClient } from '../../sp-mock/index.ts';
import { HarnessError } from '../errors.ts';
import { idpInitiatedLogin, spInitiatedLogin } from '../login/flows.ts';
import type { LoginStep } from '../login/steps.ts';
import {
  defaultDomain,
  defaultUsers,
  idpInitiatedUrl,
  realmIdpValues,
  recommendedClient,
  type ScenarioUser,
  type SpValues,
} from './recommended.ts';
import type { Scenario } from './schema.ts';
import { provisionWithScim } from './scim-provision.ts';

export interface Stack {
  keycloak: { baseUrl: string; version: string; admin: KeycloakAdminClient };
  sp: SpMockClient;
}

export interface AppliedScenario {
  realm: string;
  org: OrganizationView;
  client: ClientRepresentation;
  user: ScenarioUser;
  email: string;
  steps: LoginStep[];
  /** Deletes the realm and the organization. */
  cleanup(): Promise<void>;
}

/** Atlassian requires the three IdP values at creation; the realm's real ones are set once it exists. */
const pendingIdp = { entityId: 'pending', ssoUrl: 'https://pending.invalid/', certificate: 'pending' };

export async function applyScenario(scenario: Scenario, stack: Stack): Promise<AppliedScenario> {
  const { admin, baseUrl } = stack.keycloak;
  const realm = `${scenario.id}-${randomBytes(3).toString('hex')}`;
  const users = scenario.keycloak.users ?? defaultUsers;
  const user = pickUser(scenario, users);
  const email = user.email ?? `${user.username}@${defaultDomain}`;

  const org = await stack.sp.createOrganization(organizationInput(scenario, users));
  let realmCreated = false;
  const cleanup = async () => {
    if (realmCreated) await admin.realms.del({ realm });
    await stack.sp.deleteOrganization(org.id);
  };
  try {
    const idp = realmIdpValues(baseUrl, realm);
    const placeholders = { baseUrl, origin: new URL(baseUrl).origin, realm, ...idp, spEntityId: org.spEntityId, acsUrl: org.acsUrl };
    const client = scenarioClient(scenario, org, placeholders);
    await admin.realms.create({
      realm,
      enabled: true,
      users: users.map((u) => ({
        username: u.username,
        enabled: true,
        ...(u.email ? { email: u.email, emailVerified: true } : {}),
        ...(u.firstName ? { firstName: u.firstName } : {}),
        ...(u.lastName ? { lastName: u.lastName } : {}),
        credentials: [{ type: 'password', value: u.password, temporary: false }],
      })),
    });
    realmCreated = true;
    // Through the clients endpoint, as the admin console does: Keycloak then fills in its defaults for
    // what the client leaves out (a realm import would not).
    await admin.clients.create({ realm, ...client });
    const certificate = await activeCertificate(admin, realm);
    if (scenario.keycloak.rotateSigningKey) await rotateSigningKey(admin, realm);
    const pasted = scenario.atlassian.idp ?? {};
    await stack.sp.updateOrganization(org.id, {
      idp: {
        entityId: fill(pasted.entityId ?? '{entityId}', placeholders),
        ssoUrl: fill(pasted.ssoUrl ?? '{ssoUrl}', placeholders),
        certificate: pasted.certificate === 'mangled' ? mangle(certificate) : certificate,
      },
    });
    for (const username of scenario.atlassian.scimProvision ?? []) {
      const provisioned = users.find((u) => u.username === username);
      if (!provisioned) throw unknownUser(scenario, username, 'atlassian.scimProvision');
      await provisionWithScim(org, provisioned);
    }
    const loginUser = { username: user.username, password: scenario.login.password ?? user.password };
    const steps =
      scenario.flow === 'idp-initiated'
        ? idpInitiatedLogin({ idpInitiatedUrl: idpInitiatedUrl(baseUrl, realm), user: loginUser })
        : spInitiatedLogin({
            loginUrl: org.loginUrl,
            email,
            user: loginUser,
            ...(scenario.login.relayState ? { relayState: scenario.login.relayState } : {}),
          });
    return { realm, org: await stack.sp.getOrganization(org.id), client, user, email, steps, cleanup };
  } catch (error) {
    await cleanup().catch(() => {});
    throw error;
  }
}

function pickUser(scenario: Scenario, users: readonly ScenarioUser[]): ScenarioUser {
  const name = scenario.login.user ?? users[0]!.username;
  const user = users.find((u) => u.username === name);
  if (!user) throw unknownUser(scenario, name, 'login.user');
  return user;
}

function organizationInput(scenario: Scenario, users: readonly ScenarioUser[]): OrganizationInput {
  const atlassian = scenario.atlassian;
  const accounts =
    atlassian.accounts ??
    users
      .filter((u) => u.email)
      .map((u) => ({
        email: u.email!,
        ...(u.firstName ? { givenName: u.firstName } : {}),
        ...(u.lastName ? { familyName: u.lastName } : {}),
      }));
  return {
    idp: pendingIdp,
    domains: atlassian.domains ?? [{ name: defaultDomain, verified: true, linked: true }],
    accounts,
    ...(atlassian.jit !== undefined ? { jit: { enabled: atlassian.jit } } : {}),
    ...(atlassian.defaultPolicyEnforcesSso !== undefined ? { defaultPolicyEnforcesSso: atlassian.defaultPolicyEnforcesSso } : {}),
    ...(atlassian.clockOffsetMinutes !== undefined ? { clockOffsetMs: Math.round(atlassian.clockOffsetMinutes * 60_000) } : {}),
    ...(atlassian.requestedNameIdFormat ? { requestedNameIdFormat: atlassian.requestedNameIdFormat } : {}),
  };
}

function scenarioClient(scenario: Scenario, sp: SpValues, placeholders: Record<string, string>): ClientRepresentation {
  const client = recommendedClient(sp);
  const differences = scenario.keycloak.client ?? {};
  if (differences.clientId) client.clientId = fill(differences.clientId, placeholders);
  if (differences.redirectUris) client.redirectUris = differences.redirectUris.map((uri) => fill(uri, placeholders));
  const attributes = { ...client.attributes } as Record<string, string>;
  for (const [key, value] of Object.entries(differences.attributes ?? {})) {
    if (value === null) delete attributes[key];
    else attributes[key] = fill(value, placeholders);
  }
  if (scenario.flow === 'idp-initiated' && scenario.login.relayState) {
    attributes.saml_idp_initiated_sso_relay_state = scenario.login.relayState;
  }
  client.attributes = attributes;
  const without = new Set<string>(differences.withoutMappers ?? []);
  client.protocolMappers = client.protocolMappers?.filter((mapper) => !without.has(mapper.name ?? ''));
  return client;
}

export async function activeCertificate(admin: KeycloakAdminClient, realm: string): Promise<string> {
  const keys = await admin.realms.getKeys({ realm });
  const kid = keys.active?.RS256;
  const certificate = keys.keys?.find((key) => key.kid === kid)?.certificate;
  if (!certificate) {
    throw new HarnessError('KC_ADMIN_FAILED', `Realm ${realm} has no active RS256 signing certificate`, 'Check Realm settings → Keys.');
  }
  return `-----BEGIN CERTIFICATE-----\n${certificate.match(/.{1,64}/g)!.join('\n')}\n-----END CERTIFICATE-----\n`;
}

/** A new RSA key with a higher priority becomes the active signing key, as after a rotation. */
async function rotateSigningKey(admin: KeycloakAdminClient, realm: string): Promise<void> {
  const representation = await admin.realms.findOne({ realm });
  await admin.components.create({
    realm,
    name: 'rotated-rsa-key',
    providerId: 'rsa-generated',
    providerType: 'org.keycloak.keys.KeyProvider',
    parentId: representation!.id!,
    config: { priority: ['1000'], keySize: ['2048'], active: ['true'], enabled: ['true'], algorithm: ['RS256'] },
  });
}

/** The PEM as pasted with stray control characters, as in ACCESS-1498. */
function mangle(pem: string): string {
  const lines = pem.split('\n');
  lines[2] = `${lines[2]!.slice(0, 20)}\u0002\u001b${lines[2]!.slice(20)}`;
  return lines.join('\n');
}

function fill(template: string, placeholders: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = placeholders[name];
    if (value === undefined) throw new TypeError(`unknown placeholder ${whole} (known: ${Object.keys(placeholders).join(', ')})`);
    return value;
  });
}

function unknownUser(scenario: Scenario, username: string, field: string): HarnessError {
  return new HarnessError(
    'SCENARIO_INVALID',
    `Scenario ${scenario.id}: ${field} names "${username}", who is not among keycloak.users`,
    'Name one of the users the scenario defines (or alice, the default user).',
  );
}
