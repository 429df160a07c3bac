/**
 * Applies a scenario to a running stack the way an admin would: a fresh realm with the SAML client made
 * from the SP values Atlassian shows, the users, and an Atlassian organization holding the values the
 * realm really publishes, then the scenario's differences.
 */
import { randomBytes } from 'node:crypto';
import type ClientRepresentation from '@keycloak/keycloak-admin-client/lib/defs/clientRepresentation.js';
import type { OrganizationView } from '../../sp-mock/index.ts';
import { HarnessError } from '../errors.ts';
import type { LdapProvider } from '../keycloak/ldap-federation.ts';
import { activeCertificate, keyProviderCertificate, rotateSigningKey } from '../keycloak/realm-keys.ts';
import type { StartedLdap } from '../ldap/started-ldap.ts';
import { loginSteps, type LoginPlan } from '../login/flows.ts';
import type { LoginStep } from '../login/steps.ts';
import { directoryUser } from '../recommended/directory.ts';
import { idpInitiatedUrl } from '../recommended/keycloak.ts';
import { defaultDomain, type ScenarioUser } from '../recommended/users.ts';
import { scenarioPlaceholders } from './placeholders.ts';
import { applyRealmDifferences, applyRequiredActions, differencesNeedImport, partialImportOf, publishedBaseUrl, scenarioRealm } from './scenario-realm.ts';
import { scenarioUsers } from './scenario-users.ts';
import { scenarioClient } from './scenario-client.ts';
import { startScenarioDirectory, type ScenarioDirectory } from './scenario-directory.ts';
import { organizationInput, pastedIdp } from './scenario-organization.ts';
import type { Scenario } from './schema.ts';
import { syncToScim } from '../scim-sync/sync.ts';
import { provisionWithScim } from './scim-provision.ts';
import type { Stack } from './stack.ts';

export interface AppliedScenario {
  realm: string;
  org: OrganizationView;
  client: ClientRepresentation;
  user: ScenarioUser;
  email: string;
  /** The login the scenario makes, as data; `steps` are its steps. */
  login: LoginPlan;
  steps: LoginStep[];
  /** The scenario's own directory, and the realm's LDAP provider for it, when it has one. */
  ldap?: StartedLdap;
  ldapProvider?: LdapProvider;
  /** Deletes the realm and the organization, and stops the directory. */
  cleanup(): Promise<void>;
}

export async function applyScenario(scenario: Scenario, stack: Stack): Promise<AppliedScenario> {
  const { admin, baseUrl, realmWrites, disposable } = stack.keycloak;
  const realmDifferences = scenario.keycloak.realm;
  const realmUsers = scenarioUsers(scenario);
  // A set of flows of its own needs a realm made whole, in one import, as an export would be.
  const pooled = differencesNeedImport(realmDifferences) ? undefined : stack.keycloak.claimRealm();
  const realm = pooled ?? `${scenario.id}-${randomBytes(3).toString('hex')}`;
  const localUsers = realmUsers.map((entry) => entry.user);
  const users = [...localUsers, ...(scenario.ldap?.people ?? []).map(directoryUser)];
  const user = pickUser(scenario, users);
  const email = user.email ?? `${user.username}@${defaultDomain}`;

  const org = await stack.sp.createOrganization(organizationInput(scenario, users));
  let realmCreated = false;
  let directory: ScenarioDirectory | undefined;
  let stopDirectory = async () => {};
  const cleanup = async () => {
    await stopDirectory();
    if (realmCreated && !disposable) await realmWrites(() => admin.realms.del({ realm }));
    await stack.sp.deleteOrganization(org.id);
  };
  try {
    const serverPlaceholders = scenarioPlaceholders(baseUrl, realm, org);
    const placeholders = scenarioPlaceholders(baseUrl, realm, org, publishedBaseUrl(baseUrl, realmDifferences, serverPlaceholders));
    const client = scenarioClient(scenario, org, placeholders);
    const userRepresentations = realmUsers.map((entry) => entry.representation);
    if (pooled) {
      if (realmDifferences) await applyRealmDifferences(admin, realm, realmDifferences, placeholders);
      const imported = partialImportOf(realmDifferences, userRepresentations);
      if (imported) await admin.realms.partialImport({ realm, rep: imported });
    } else {
      const representation = await scenarioRealm(realm, realmDifferences, userRepresentations, placeholders);
      await realmWrites(() => admin.realms.create(representation));
    }
    realmCreated = true;
    await applyRequiredActions(admin, realm, realmDifferences);
    // Through the clients endpoint, as the admin console does: Keycloak then fills in its defaults for
    // what the client leaves out (a realm import would not).
    await admin.clients.create({ realm, ...client });
    if (scenario.ldap) {
      directory = await startScenarioDirectory(scenario.ldap, stack, realm, (stop) => (stopDirectory = stop));
    }
    const pastedCertificate = scenario.atlassian.idp?.certificate;
    const certificate =
      typeof pastedCertificate === 'object' ? await keyProviderCertificate(admin, realm, pastedCertificate.keyProvider) : await activeCertificate(admin, realm);
    if (scenario.keycloak.rotateSigningKey) await rotateSigningKey(admin, realm);
    await stack.sp.updateOrganization(org.id, { idp: pastedIdp(scenario, certificate, placeholders) });
    for (const username of scenario.atlassian.scimProvision ?? []) {
      const provisioned = users.find((u) => u.username === username);
      if (!provisioned) throw unknownUser(scenario, username, 'atlassian.scimProvision');
      await provisionWithScim(org, provisioned);
    }
    if (scenario.atlassian.scimSync) {
      await syncToScim({
        admin,
        realm,
        ...(client.clientId ? { clientId: client.clientId } : {}),
        scim: org.scim,
        verifiedDomains: org.domains.filter((domain) => domain.verified).map((domain) => domain.name),
        syncLdap: scenario.ldap !== undefined,
      });
    }
    if (scenario.ldap?.stopBeforeLogin) await stopDirectory();
    const loginUser = {
      username: user.username,
      password: scenario.login.password ?? user.password,
      ...(user.authenticator ? { authenticator: user.authenticator } : {}),
    };
    const failedAttemptsBefore = scenario.login.failedAttemptsBefore ?? 0;
    const login: LoginPlan =
      scenario.flow === 'idp-initiated'
        ? { flow: 'idp-initiated', idpInitiatedUrl: idpInitiatedUrl(baseUrl, realm), user: loginUser, failedAttemptsBefore }
        : {
            flow: 'sp-initiated',
            loginUrl: org.loginUrl,
            email,
            user: loginUser,
            failedAttemptsBefore,
            ...(scenario.login.relayState ? { relayState: scenario.login.relayState } : {}),
          };
    return {
      realm,
      org: await stack.sp.getOrganization(org.id),
      client,
      user,
      email,
      login,
      steps: loginSteps(login),
      ...(directory ? { ldap: directory.ldap, ldapProvider: directory.provider } : {}),
      cleanup,
    };
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

function unknownUser(scenario: Scenario, username: string, field: string): HarnessError {
  return new HarnessError(
    'SCENARIO_INVALID',
    `Scenario ${scenario.id}: ${field} names "${username}", who is neither among keycloak.users nor ldap.people`,
    'Name one of the users the scenario defines (or alice, the default user).',
  );
}
