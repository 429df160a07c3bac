/** The `{name}` placeholders a scenario may write in its values: what only exists once the stack runs. */
import type { OrganizationView } from '../../sp-mock/index.ts';
import { underLocalhost } from '../keycloak/relative-path.ts';
import { realmIdpValues } from '../recommended/keycloak.ts';

export type Placeholders = Readonly<Record<string, string>>;

/**
 * `published`: the base URL the realm publishes (its frontend URL, when it has one), from which its
 * entity ID and SSO URL are made. `{localhostBaseUrl}` is the server under the name localhost, a second
 * host name that reaches the same Keycloak.
 */
export function scenarioPlaceholders(baseUrl: string, realm: string, org: Pick<OrganizationView, 'spEntityId' | 'acsUrl'>, published = baseUrl): Placeholders {
  return {
    baseUrl,
    origin: new URL(baseUrl).origin,
    localhostBaseUrl: underLocalhost(baseUrl),
    realm,
    ...realmIdpValues(published, realm),
    spEntityId: org.spEntityId,
    acsUrl: org.acsUrl,
  };
}

export function fill(template: string, placeholders: Placeholders): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = placeholders[name];
    if (value === undefined) throw new TypeError(`unknown placeholder ${whole} (known: ${Object.keys(placeholders).join(', ')})`);
    return value;
  });
}
