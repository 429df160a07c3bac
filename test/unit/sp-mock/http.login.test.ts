/** SP-initiated login: from an email to Atlassian's AuthnRequest, or to the refusal Atlassian gives. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSpMock, type StartedSpMock } from '../../../sp-mock/index.ts';
import { IDP_SSO_URL } from '../../../sp-mock/testing/keycloak-response.ts';
import { organizationInput, startLogin, startLoginAt } from '../../../sp-mock/testing/running-sp.ts';

let sp: StartedSpMock;
beforeAll(async () => {
  sp = await startSpMock();
});
afterAll(() => sp.stop());

describe('GET /login', () => {
  it('redirects to the IdP SSO URL with an unsigned, deflated AuthnRequest as Atlassian sends it', async () => {
    const org = await sp.createOrganization(organizationInput());
    const login = await startLogin(org, 'alice@example.com', 'https://site.atlassian.net');
    expect(login.status).toBe(302);
    expect(`${login.redirect.origin}${login.redirect.pathname}`).toBe(IDP_SSO_URL);
    expect(login.redirect.searchParams.get('RelayState')).toBe('https://site.atlassian.net');
    expect(login.redirect.searchParams.has('Signature')).toBe(false);
    expect(login.authnRequestXml).toContain(`Destination="${IDP_SSO_URL}"`);
    expect(login.authnRequestXml).toContain('ProtocolBinding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST"');
    expect(login.authnRequestXml).toContain(`AssertionConsumerServiceURL="${org.acsUrl.replace(/&/g, '&amp;')}"`);
    expect(login.authnRequestXml).toContain(`<saml:Issuer>${org.spEntityId}</saml:Issuer>`);
    expect(login.authnRequestXml).toContain(
      '<samlp:NameIDPolicy Format="urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified" AllowCreate="true"/>',
    );
  });

  it('asks for the NameID format the organization is set to request', async () => {
    const format = 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress';
    const org = await sp.createOrganization(organizationInput({ requestedNameIdFormat: format }));
    expect((await startLogin(org, 'alice@example.com')).authnRequestXml).toContain(`Format="${format}"`);
  });

  it('finds the organization from the email domain when no org is given', async () => {
    const org = await sp.createOrganization(organizationInput({ domains: [{ name: 'only-here.example', verified: true, linked: true }] }));
    const login = await startLoginAt(`${sp.url}/login?email=bob@only-here.example`);
    expect(login.authnRequestXml).toContain(`<saml:Issuer>${org.spEntityId}</saml:Issuer>`);
  });

  it('an email on a domain no organization links is refused and recorded as SP_DOMAIN_UNKNOWN', async () => {
    const org = await sp.createOrganization(organizationInput());
    const response = await fetch(`${org.loginUrl}&email=bob@nowhere.example`, { redirect: 'manual' });
    const [attempt] = await sp.listLoginAttempts(org.id);
    expect(response.headers.get('location')).toBe(`/login/error?attempt=${attempt?.id}`);
    expect(attempt).toMatchObject({ code: 'SP_DOMAIN_UNKNOWN', flow: 'sp-initiated', outcome: 'failure' });
  });

  it('an email on a verified but unlinked domain is refused and recorded as SP_DOMAIN_NOT_VERIFIED', async () => {
    const org = await sp.createOrganization(organizationInput({ domains: [{ name: 'example.com', verified: true, linked: false }] }));
    await fetch(`${org.loginUrl}&email=alice@example.com`, { redirect: 'manual' });
    const [attempt] = await sp.listLoginAttempts(org.id);
    expect(attempt?.code).toBe('SP_DOMAIN_NOT_VERIFIED');
    expect(attempt?.atlassianError?.pageText).toContain('Enter your password');
  });

  it('a missing email is a 400 and records nothing', async () => {
    const org = await sp.createOrganization(organizationInput());
    const response = await fetch(`${org.loginUrl}&email=`, { redirect: 'manual' });
    expect(response.status).toBe(400);
    expect(await sp.listLoginAttempts(org.id)).toEqual([]);
  });
});
