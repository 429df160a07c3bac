/**
 * Why the extra checks exist: samlify 2.13.1 on its own (with the schema validator the mock registers)
 * accepts responses Atlassian refuses. The judge refuses each of them.
 */
import * as samlify from 'samlify';
import { describe, expect, it } from 'vitest';
import '../../../sp-mock/login/authn-request.ts';
import { judgeResponse } from '../../../sp-mock/judge/judge.ts';
import { IDP_ENTITY_ID, IDP_SSO_URL, keycloakResponseXml, signResponse, TEST_IDP, toBase64, type KeycloakResponseOptions } from '../../../sp-mock/testing/keycloak-response.ts';
import { ORGANIZATION } from './support/judged-organization.ts';

const { binding } = samlify.Constants.namespace;
const serviceProvider = samlify.ServiceProvider({
  entityID: ORGANIZATION.spEntityId,
  assertionConsumerService: [{ Binding: binding.post, Location: ORGANIZATION.acsUrl }],
  clockDrifts: [-180_000, 180_000],
});
const identityProvider = samlify.IdentityProvider({
  entityID: IDP_ENTITY_ID,
  signingCert: TEST_IDP.certificate,
  singleSignOnService: [{ Binding: binding.redirect, Location: IDP_SSO_URL }],
  singleLogoutService: [{ Binding: binding.redirect, Location: IDP_SSO_URL }],
  wantAuthnRequestsSigned: false,
});

function responseWith(changes: Partial<KeycloakResponseOptions>): string {
  return toBase64(
    signResponse(
      keycloakResponseXml({ now: new Date(), acsUrl: ORGANIZATION.acsUrl, audience: ORGANIZATION.spEntityId, nameId: 'alice@example.com', ...changes }),
    ),
  );
}

describe('what samlify leaves to its caller', () => {
  it.each([
    ['a wrong Audience', { audience: 'https://auth.atlassian.com/saml/someone-else' }, 'SP_AUDIENCE_INVALID'],
    ['a wrong Destination', { destination: 'https://elsewhere.test/acs' }, 'SP_DESTINATION_MISMATCH'],
    ['a wrong Recipient', { recipient: 'https://elsewhere.test/acs' }, 'SP_RECIPIENT_MISMATCH'],
    ['an InResponseTo this SP never sent', { inResponseTo: 'ID_never-sent' }, 'SP_IN_RESPONSE_TO_UNKNOWN'],
  ] as const)('samlify accepts %s; the judge refuses it', async (_defect, changes, code) => {
    const samlResponse = responseWith(changes);
    await expect(serviceProvider.parseLoginResponse(identityProvider, 'post', { body: { SAMLResponse: samlResponse } })).resolves.toBeDefined();
    const verdict = judgeResponse(ORGANIZATION, samlResponse, { now: new Date(), outstandingRequestIds: new Set() });
    expect(verdict.code).toBe(code);
  });
});
