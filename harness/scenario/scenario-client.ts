/**
 * The SAML client a scenario's realm gets: the recommended one with the scenario's `keycloak.client` (a
 * partial ClientRepresentation) over it: its fields, its attributes (null removes one), its protocol
 * mappers added or replacing a recommended one of the same name, and recommended mappers left out.
 */
import type ClientRepresentation from '@keycloak/keycloak-admin-client/lib/defs/clientRepresentation.js';
import { HarnessError } from '../errors.ts';
import { recommendedClient, type SpValues } from '../recommended/keycloak.ts';
import { fill, type Placeholders } from './placeholders.ts';
import type { Scenario } from './schema.ts';

export function scenarioClient(scenario: Scenario, sp: SpValues, placeholders: Placeholders): ClientRepresentation {
  const client = recommendedClient(sp);
  const { attributes: attributeDifferences = {}, protocolMappers: mappers = [], withoutMappers = [], redirectUris, ...fields } = scenario.keycloak.client ?? {};
  for (const [key, value] of Object.entries(fields)) {
    (client as Record<string, unknown>)[key] = typeof value === 'string' ? fill(value, placeholders) : value;
  }
  if (redirectUris) client.redirectUris = redirectUris.map((uri) => fill(uri, placeholders));
  const attributes = { ...client.attributes } as Record<string, string>;
  for (const [key, value] of Object.entries(attributeDifferences)) {
    if (value === null) delete attributes[key];
    else attributes[key] = fill(value, placeholders);
  }
  if (scenario.flow === 'idp-initiated' && scenario.login.relayState) {
    attributes.saml_idp_initiated_sso_relay_state = scenario.login.relayState;
  }
  client.attributes = attributes;

  const recommended = client.protocolMappers ?? [];
  const unknown = withoutMappers.filter((name) => !recommended.some((mapper) => mapper.name === name));
  if (unknown.length) {
    throw new HarnessError(
      'SCENARIO_INVALID',
      `Scenario ${scenario.id}: keycloak.client.withoutMappers names ${unknown.map((name) => `"${name}"`).join(', ')}, which the recommended client does not have`,
      `Name recommended mappers: ${recommended.map((mapper) => mapper.name).join(', ')}.`,
    );
  }
  const replaced = new Set([...withoutMappers, ...mappers.map((mapper) => mapper.name)]);
  client.protocolMappers = [
    ...recommended.filter((mapper) => !replaced.has(mapper.name ?? '')),
    ...mappers.map((mapper) => ({ ...mapper, config: Object.fromEntries(Object.entries(mapper.config).map(([key, value]) => [key, fill(value, placeholders)])) })),
  ];
  return client;
}
