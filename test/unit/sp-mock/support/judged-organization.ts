/** An organization and a good response for judging offline, with the clock pinned. */
import type { JudgeContext, JudgedOrganization, Verdict } from '../../../../sp-mock/judge/types.ts';
import { judgeResponse } from '../../../../sp-mock/judge/judge.ts';
import { ATTR, IDP_ENTITY_ID, keycloakResponseXml, signResponse, TEST_IDP, toBase64, type KeycloakResponseOptions } from '../../../../sp-mock/testing/keycloak-response.ts';

export const NOW = new Date('2026-03-02T09:00:00.000Z');
export const REQUEST_ID = 'ID_request-1';

export const ORGANIZATION: JudgedOrganization = {
  spEntityId: 'https://auth.atlassian.com/saml/org1',
  acsUrl: 'http://127.0.0.1:4000/login/callback?connection=saml-org1',
  idp: { entityId: IDP_ENTITY_ID, certificate: TEST_IDP.certificate },
  domains: [
    { name: 'example.com', verified: true, linked: true },
    { name: 'unlinked.example', verified: true, linked: false },
    { name: 'unverified.example', verified: false, linked: false },
  ],
  accounts: [
    { email: 'alice@example.com', givenName: 'Alice', familyName: 'Liddell' },
    { email: 'dora@example.com', active: false },
    { email: 'pat@example.com', ssoEnforced: false },
    { email: 'linked@example.com', samlLinkId: 'kc-user-linked' },
  ],
};

export function organization(changes: Partial<JudgedOrganization> = {}): JudgedOrganization {
  return { ...ORGANIZATION, ...changes };
}

/** What Keycloak 26 sends with the recommended client (NameID = email) for alice's SP-initiated login. */
export function goodResponseXml(changes: Partial<KeycloakResponseOptions> = {}): string {
  return keycloakResponseXml({
    now: NOW,
    acsUrl: ORGANIZATION.acsUrl,
    audience: ORGANIZATION.spEntityId,
    inResponseTo: REQUEST_ID,
    nameId: 'alice@example.com',
    nameIdFormat: 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress',
    attributes: {
      [ATTR.givenName]: ['Alice'],
      [ATTR.surname]: ['Liddell'],
      [ATTR.name]: ['kc-user-alice'],
      [ATTR.emailAddress]: ['alice@example.com'],
    },
    ...changes,
  });
}

export const goodSignedResponse = (changes: Partial<KeycloakResponseOptions> = {}) => signResponse(goodResponseXml(changes));

export function contextAt(now: Date = NOW, changes: Partial<JudgeContext> = {}): JudgeContext {
  return { now, outstandingRequestIds: new Set([REQUEST_ID]), usedAssertionIds: new Set(), ...changes };
}

/** Judges XML (base64-encoding it as the POST binding does) for the organization. */
export function judge(xml: string, options: { org?: JudgedOrganization; context?: JudgeContext } = {}): Verdict {
  return judgeResponse(options.org ?? ORGANIZATION, toBase64(xml), options.context ?? contextAt());
}

export const statusOf = (verdict: Verdict, code: string) => verdict.rules.find((rule) => rule.code === code)?.status;
