/**
 * The Atlassian organization a reproduction runs against: from the admin's organization file, or derived
 * from the client export. Atlassian's real URLs cannot be reached from here, so every URL of the client
 * that points at Atlassian's ACS host is pointed at sp-mock instead, keeping its path and query: what was
 * missing or wrong stays missing or wrong.
 */
import type ClientRepresentation from '@keycloak/keycloak-admin-client/lib/defs/clientRepresentation.js';
import { atlassianAcsUrl, connectionIdOf, type AccountInput } from '../../sp-mock/index.ts';
import { linkedDomain } from '../recommended/atlassian.ts';
import { defaultDomain } from '../recommended/users.ts';
import type { CapturedOrganization } from '../response/organization-file.ts';

export interface AtlassianSide {
  spEntityId: string;
  /** The ACS URL Atlassian shows. */
  acsUrl: string;
  /** The `<id>` of `connection=saml-<id>`, used as the sp-mock organization's id. */
  connectionId: string;
  domains: Array<{ name: string; verified: boolean; linked: boolean }>;
  accounts: AccountInput[];
  /** What the admin typed into Atlassian, when the organization file says. */
  typedIdp?: { entityId: string; ssoUrl: string };
  /** Whether the organization file described the organization (else it was derived). */
  fromFile: boolean;
}

const acsAttributes = ['saml_assertion_consumer_url_post', 'saml_assertion_consumer_url_redirect'];

export function deriveAtlassianSide(client: ClientRepresentation, org: CapturedOrganization | undefined, userEmail: string): AtlassianSide {
  const spEntityId = org?.spEntityId ?? client.clientId!;
  const attributes = (client.attributes ?? {}) as Record<string, string>;
  const acsCandidate =
    org?.acsUrl ??
    attributes.saml_assertion_consumer_url_post ??
    client.redirectUris?.find((uri) => uri.includes('/login/callback')) ??
    client.baseUrl ??
    client.adminUrl;
  const connectionId = connectionIdOf(acsCandidate ?? '', spEntityId) ?? 'reproduced';
  const acsUrl = acsCandidate && !acsCandidate.includes('*') ? acsCandidate : atlassianAcsUrl(connectionId);
  const domain = userEmail.split('@')[1] ?? defaultDomain;
  return {
    spEntityId,
    acsUrl,
    connectionId,
    domains: org?.domains?.length ? [...org.domains] : [linkedDomain(domain)],
    accounts: org?.accounts ? [...org.accounts] : [{ email: userEmail, givenName: 'Test', familyName: 'User' }],
    ...(org ? { typedIdp: { entityId: org.idp.entityId, ssoUrl: org.idp.ssoUrl } } : {}),
    fromFile: org !== undefined,
  };
}

/** The client as imported here: URLs on Atlassian's ACS host moved to sp-mock's, nothing else changed. */
export function pointClientAtSpMock(client: ClientRepresentation, acsUrl: string, spMockUrl: string): ClientRepresentation {
  const from = new URL(acsUrl).origin;
  const to = new URL(spMockUrl).origin;
  const move = (url: string | undefined) => (url && url.startsWith(from) ? `${to}${url.slice(from.length)}` : url);
  const attributes = { ...((client.attributes ?? {}) as Record<string, string>) };
  for (const key of [...acsAttributes, 'saml_single_logout_service_url_post', 'saml_single_logout_service_url_redirect']) {
    if (attributes[key]) attributes[key] = move(attributes[key])!;
  }
  const moved: ClientRepresentation = { ...client, attributes };
  if (client.redirectUris) moved.redirectUris = client.redirectUris.map((uri) => move(uri)!);
  if (client.baseUrl) moved.baseUrl = move(client.baseUrl)!;
  if (client.adminUrl) moved.adminUrl = move(client.adminUrl)!;
  if (client.rootUrl) moved.rootUrl = move(client.rootUrl)!;
  return moved;
}

/** The typed IdP values moved onto this Keycloak: same path layout (with or without /auth), our realm. */
export function typedIdpHere(
  typed: { entityId: string; ssoUrl: string },
  keycloakOrigin: string,
  realm: string,
  frontendUrl?: { exported: string; here: string },
): { entityId: string; ssoUrl: string } {
  const move = (url: string) => {
    // A value typed under the realm's frontend URL stays under it (as served here); any other host is this server.
    if (frontendUrl && url.startsWith(`${frontendUrl.exported}/realms/`)) return url.replace(/^.*?\/realms\/[^/]+/, `${frontendUrl.here}/realms/${realm}`);
    const match = /^https?:\/\/[^/]+(\/.*?)?\/realms\/[^/]+(\/.*)?$/.exec(url);
    return match ? `${keycloakOrigin}${match[1] ?? ''}/realms/${realm}${match[2] ?? ''}` : url;
  };
  return { entityId: move(typed.entityId), ssoUrl: move(typed.ssoUrl) };
}
