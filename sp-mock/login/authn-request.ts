/**
 * The AuthnRequest Atlassian sends for SP-initiated login, built with samlify from the values an admin
 * typed: unsigned, over HTTP-Redirect (deflated), asking for an HTTP-POST response.
 */
import { inflateRawSync } from 'node:zlib';
import * as samlify from 'samlify';
import { DEFAULT_CLOCK_SKEW_MS } from '../judge/time-checks.ts';
import { samlifySchemaValidator } from '../judge/schema.ts';

// samlify refuses to parse anything without a schema validator; give it the compiled-once one, so any
// samlify parse in this process is schema-checked too.
samlify.setSchemaValidator(samlifySchemaValidator);

const { binding } = samlify.Constants.namespace;

export interface RequestingOrganization {
  readonly spEntityId: string;
  readonly acsUrl: string;
  readonly idp: { readonly entityId: string; readonly ssoUrl: string };
  readonly requestedNameIdFormat: string;
}

export interface AuthnRequest {
  readonly id: string;
  /** The IdP SSO URL with SAMLRequest (and RelayState) in the query. */
  readonly redirectUrl: string;
  readonly xml: string;
}

export function buildAuthnRequest(org: RequestingOrganization, relayState?: string): AuthnRequest {
  const sp = samlify.ServiceProvider({
    entityID: org.spEntityId,
    assertionConsumerService: [{ Binding: binding.post, Location: org.acsUrl }],
    nameIDFormat: [org.requestedNameIdFormat],
    allowCreate: true,
    authnRequestsSigned: false,
    wantAssertionsSigned: false,
    clockDrifts: [-DEFAULT_CLOCK_SKEW_MS, DEFAULT_CLOCK_SKEW_MS],
  });
  const idp = samlify.IdentityProvider({
    entityID: org.idp.entityId,
    singleSignOnService: [{ Binding: binding.redirect, Location: org.idp.ssoUrl }],
    // Keycloak serves logout at the same endpoint; declaring it keeps samlify from warning on every build.
    singleLogoutService: [{ Binding: binding.redirect, Location: org.idp.ssoUrl }],
    wantAuthnRequestsSigned: false,
  });
  const request = sp.createLoginRequest(idp, 'redirect', relayState === undefined ? {} : { relayState });
  const redirectUrl = request.context;
  const encoded = new URL(redirectUrl).searchParams.get('SAMLRequest') ?? '';
  return { id: request.id, redirectUrl, xml: inflateRawSync(Buffer.from(encoded, 'base64')).toString('utf8') };
}
