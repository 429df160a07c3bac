/**
 * The recommended configuration applied to someone's client: every field where their client differs from
 * harness/recommended/, before → after, in the words of the admin console.
 */
import type ClientRepresentation from '@keycloak/keycloak-admin-client/lib/defs/clientRepresentation.js';
import { consoleWords, settingForField } from '../keycloak/console-words.ts';
import { recommendedClient, recommendedMappers, type SpValues } from '../recommended/keycloak.ts';

export interface SettingChange {
  /** The console path, or the field name where the console has no single place for it. */
  setting: string;
  before: string;
  after: string;
}

const shown = (value: unknown) => (value === undefined || value === null || value === '' ? '(not set)' : Array.isArray(value) ? value.join(', ') || '(none)' : String(value));

export function recommendedChanges(client: ClientRepresentation, sp: SpValues, version: string): { fixed: ClientRepresentation; changes: SettingChange[] } {
  const words = consoleWords(version);
  const recommended = recommendedClient(sp);
  const changes: SettingChange[] = [];
  const where = (field: string) => {
    const setting = settingForField(field);
    return setting ? words.path(setting, client.clientId) : field;
  };
  const fixed: ClientRepresentation = { ...client, attributes: { ...((client.attributes ?? {}) as Record<string, string>) } };
  for (const field of ['clientId', 'redirectUris', 'baseUrl', 'adminUrl'] as const) {
    const want = recommended[field];
    const have = client[field];
    if (field === 'redirectUris') {
      const missing = (want as string[]).filter((uri) => !(have as string[] | undefined)?.includes(uri));
      if (missing.length) {
        fixed.redirectUris = [...((have as string[] | undefined) ?? []), ...missing];
        changes.push({ setting: where(field), before: shown(have), after: shown(fixed.redirectUris) });
      }
    } else if (have !== want) {
      (fixed as Record<string, unknown>)[field] = want;
      changes.push({ setting: where(field), before: shown(have), after: shown(want) });
    }
  }
  const attributes = fixed.attributes as Record<string, string>;
  for (const [key, want] of Object.entries(recommended.attributes as Record<string, string>)) {
    if (attributes[key] !== want) {
      changes.push({ setting: where(key), before: words.value(attributes[key]), after: words.value(want) });
      attributes[key] = want;
    }
  }
  const mappers = [...(client.protocolMappers ?? [])];
  for (const mapper of recommendedMappers()) {
    const claim = mapper.config!['attribute.name'];
    if (!mappers.some((m) => m.config?.['attribute.name'] === claim)) {
      mappers.push(mapper);
      changes.push({
        setting: words.mappersPath(client.clientId),
        before: `no mapper for ${claim}`,
        after: `User Property "${mapper.config!['user.attribute']}" → ${claim}`,
      });
    }
  }
  fixed.protocolMappers = mappers;
  return { fixed, changes };
}
