/** The SAML client a scenario's realm gets: the recommended one with the scenario's differences. */
import type ClientRepresentation from '@keycloak/keycloak-admin-client/lib/defs/clientRepresentation.js';
import { recommendedClient, type SpValues } from '../recommended/keycloak.ts';
import { fill, type Placeholders } from './placeholders.ts';
import type { Scenario } from './schema.ts';

export function scenarioClient(scenario: Scenario, sp: SpValues, placeholders: Placeholders): ClientRepresentation {
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
