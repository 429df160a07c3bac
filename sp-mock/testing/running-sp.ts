/** Helpers for tests that talk to a running sp-mock over HTTP, as a browser or an IdP would. */
import { inflateRawSync } from 'node:zlib';
import type { OrganizationInput, OrganizationView } from '../model/organization.ts';
import type { LoginAttempt } from '../model/login-attempt.ts';
import { IDP_ENTITY_ID, IDP_SSO_URL, keycloakResponseXml, signResponse, TEST_IDP, toBase64, type KeycloakResponseOptions } from './keycloak-response.ts';

/** An organization whose IdP is the test key, with example.com verified and linked and alice managed. */
export function organizationInput(changes: Partial<OrganizationInput> = {}): OrganizationInput {
  return {
    idp: { entityId: IDP_ENTITY_ID, ssoUrl: IDP_SSO_URL, certificate: TEST_IDP.certificate },
    domains: [{ name: 'example.com', verified: true, linked: true }],
    accounts: [{ email: 'alice@example.com', givenName: 'Alice', familyName: 'Liddell' }],
    ...changes,
  };
}

export interface StartedLogin {
  readonly status: number;
  readonly redirect: URL;
  readonly requestId: string;
  readonly authnRequestXml: string;
}

/** GET /login for this organization, as a browser does, not following the redirect to the IdP. */
export function startLogin(org: OrganizationView, email: string, relayState?: string): Promise<StartedLogin> {
  return startLoginAt(`${org.loginUrl}&email=${encodeURIComponent(email)}${relayState === undefined ? '' : `&relayState=${encodeURIComponent(relayState)}`}`);
}

export async function startLoginAt(url: string): Promise<StartedLogin> {
  const response = await fetch(url, { redirect: 'manual' });
  const redirect = new URL(response.headers.get('location') ?? '', url);
  const encoded = redirect.searchParams.get('SAMLRequest');
  const authnRequestXml = encoded === null ? '' : inflateRawSync(Buffer.from(encoded, 'base64')).toString('utf8');
  return { status: response.status, redirect, requestId: /\bID="([^"]+)"/.exec(authnRequestXml)?.[1] ?? '', authnRequestXml };
}

/** A response Keycloak would send to this organization now, signed as Keycloak signs by default. */
export function keycloakResponseFor(org: OrganizationView, changes: Partial<KeycloakResponseOptions> = {}): string {
  return signResponse(
    keycloakResponseXml({ now: new Date(), acsUrl: org.acsUrl, audience: org.spEntityId, nameId: 'alice@example.com', ...changes }),
  );
}

/** POSTs a response to the ACS as the IdP's auto-submitting form does. */
export function postToAcs(org: OrganizationView, xml: string, relayState?: string): Promise<Response> {
  const form = new URLSearchParams({ SAMLResponse: toBase64(xml) });
  if (relayState !== undefined) form.set('RelayState', relayState);
  return fetch(org.acsUrl, { method: 'POST', body: form, redirect: 'manual' });
}

/** Reads the attempt a landing page embeds, as a headless driver would. */
export async function attemptOnPage(baseUrl: string, location: string): Promise<LoginAttempt> {
  const html = await (await fetch(new URL(location, baseUrl))).text();
  const json = /<script type="application\/json" id="saml-harness-attempt">([\s\S]*?)<\/script>/.exec(html)?.[1];
  if (json === undefined) throw new Error(`no attempt on ${location}`);
  return JSON.parse(json) as LoginAttempt;
}
