/** The `{name}` placeholders a scenario may write in its values: what only exists once the stack runs. */
import type { OrganizationView } from '../../sp-mock/index.ts';
import { realmIdpValues } from '../recommended/keycloak.ts';

export type Placeholders = Readonly<Record<string, string>>;

export function scenarioPlaceholders(baseUrl: string, realm: string, org: Pick<OrganizationView, 'spEntityId' | 'acsUrl'>): Placeholders {
  return { baseUrl, origin: new URL(baseUrl).origin, realm, ...realmIdpValues(baseUrl, realm), spEntityId: org.spEntityId, acsUrl: org.acsUrl };
}

export function fill(template: string, placeholders: Placeholders): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = placeholders[name];
    if (value === undefined) throw new TypeError(`unknown placeholder ${whole} (known: ${Object.keys(placeholders).join(', ')})`);
    return value;
  });
}
