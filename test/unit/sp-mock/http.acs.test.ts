/** The ACS over HTTP: what a browser posting Keycloak's form gets back, and what the SP records. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ATTEMPT_HEADER, startSpMock, type StartedSpMock } from '../../../sp-mock/index.ts';
import { ATTR } from '../../../sp-mock/testing/keycloak-response.ts';
import { attemptOnPage, keycloakResponseFor, organizationInput, postToAcs, startLogin } from '../../../sp-mock/testing/running-sp.ts';

let sp: StartedSpMock;
beforeAll(async () => {
  sp = await startSpMock();
});
afterAll(() => sp.stop());

describe('POST /login/callback', () => {
  it('an SP-initiated login lands on the success page, which embeds the attempt with the AuthnRequest', async () => {
    const org = await sp.createOrganization(organizationInput());
    const login = await startLogin(org, 'alice@example.com');
    const response = await postToAcs(org, keycloakResponseFor(org, { inResponseTo: login.requestId }), 'https://site.atlassian.net');
    expect(response.status).toBe(302);
    expect(response.headers.get('set-cookie')).toContain('saml_harness_session=');
    const attempt = await attemptOnPage(sp.url, response.headers.get('location') ?? '');
    expect(attempt).toMatchObject({
      id: response.headers.get(ATTEMPT_HEADER),
      outcome: 'success',
      flow: 'sp-initiated',
      nameId: 'alice@example.com',
      relayState: 'https://site.atlassian.net',
    });
    expect(attempt.saml.authnRequestXml).toContain(login.requestId);
  });

  it('an IdP-initiated login (no InResponseTo) with a RelayState succeeds', async () => {
    const org = await sp.createOrganization(organizationInput());
    const response = await postToAcs(org, keycloakResponseFor(org), 'https://start.atlassian.com');
    const attempt = await sp.getLoginAttempt(org.id, response.headers.get(ATTEMPT_HEADER) ?? '');
    expect(attempt).toMatchObject({ outcome: 'success', flow: 'idp-initiated', relayState: 'https://start.atlassian.com' });
  });

  it('a refused response redirects with Atlassian\'s error and error_description', async () => {
    const org = await sp.createOrganization(organizationInput());
    const response = await postToAcs(org, keycloakResponseFor(org, { audience: 'atlassian' }));
    const location = response.headers.get('location') ?? '';
    expect(location).toContain('error=access_denied&error_description=Audience%20is%20invalid.');
    expect(await attemptOnPage(sp.url, location)).toMatchObject({ code: 'SP_AUDIENCE_INVALID', id: response.headers.get(ATTEMPT_HEADER) });
  });

  it('the same response posted twice is refused the second time with SP_ASSERTION_REPLAYED', async () => {
    const org = await sp.createOrganization(organizationInput());
    const xml = keycloakResponseFor(org);
    await postToAcs(org, xml);
    const again = await postToAcs(org, xml);
    expect((await sp.getLoginAttempt(org.id, again.headers.get(ATTEMPT_HEADER) ?? '')).code).toBe('SP_ASSERTION_REPLAYED');
  });

  it('a response for a request this SP never sent is refused with SP_IN_RESPONSE_TO_UNKNOWN', async () => {
    const org = await sp.createOrganization(organizationInput());
    const response = await postToAcs(org, keycloakResponseFor(org, { inResponseTo: '_never-sent' }));
    expect((await sp.getLoginAttempt(org.id, response.headers.get(ATTEMPT_HEADER) ?? '')).code).toBe('SP_IN_RESPONSE_TO_UNKNOWN');
  });

  it('an organization whose clock runs 5 minutes ahead refuses a fresh response as expired', async () => {
    const org = await sp.createOrganization(organizationInput({ clockOffsetMs: 5 * 60_000 }));
    const response = await postToAcs(org, keycloakResponseFor(org));
    expect((await sp.getLoginAttempt(org.id, response.headers.get(ATTEMPT_HEADER) ?? '')).code).toBe('SP_ASSERTION_EXPIRED');
  });

  it('a first login with JIT on creates the managed account', async () => {
    const org = await sp.createOrganization(organizationInput({ accounts: [], jit: { enabled: true } }));
    await postToAcs(org, keycloakResponseFor(org, { attributes: { [ATTR.givenName]: ['Alice'], [ATTR.surname]: ['Liddell'] } }));
    expect((await sp.getOrganization(org.id)).accounts).toEqual([
      { email: 'alice@example.com', givenName: 'Alice', familyName: 'Liddell', active: true, ssoEnforced: true, source: 'jit' },
    ]);
  });

  it('a refused login creates no account', async () => {
    const org = await sp.createOrganization(organizationInput({ accounts: [], jit: { enabled: true } }));
    await postToAcs(org, keycloakResponseFor(org, { audience: 'atlassian', attributes: { [ATTR.givenName]: ['A'], [ATTR.surname]: ['L'] } }));
    expect((await sp.getOrganization(org.id)).accounts).toEqual([]);
  });

  it('a body over 1 MB is refused with SP_REQUEST_TOO_LARGE and the server keeps serving', async () => {
    const org = await sp.createOrganization(organizationInput());
    const response = await fetch(org.acsUrl, {
      method: 'POST',
      body: new URLSearchParams({ SAMLResponse: 'A'.repeat(2_000_000) }),
      redirect: 'manual',
    });
    expect((await sp.getLoginAttempt(org.id, response.headers.get(ATTEMPT_HEADER) ?? '')).code).toBe('SP_REQUEST_TOO_LARGE');
    expect((await fetch(`${sp.url}/health`)).status).toBe(200);
  });

  it('garbage in SAMLResponse is refused with SP_BAD_ENCODING', async () => {
    const org = await sp.createOrganization(organizationInput());
    const response = await fetch(org.acsUrl, { method: 'POST', body: new URLSearchParams({ SAMLResponse: '!!not base64!!' }), redirect: 'manual' });
    expect((await sp.getLoginAttempt(org.id, response.headers.get(ATTEMPT_HEADER) ?? '')).code).toBe('SP_BAD_ENCODING');
  });

  it('a response posted to an unknown connection is refused with SP_CONNECTION_UNKNOWN', async () => {
    const org = await sp.createOrganization(organizationInput());
    const response = await fetch(`${sp.url}/login/callback?connection=saml-nosuchorg`, {
      method: 'POST',
      body: new URLSearchParams({ SAMLResponse: 'x' }),
      redirect: 'manual',
    });
    expect((await attemptOnPage(sp.url, response.headers.get('location') ?? '')).code).toBe('SP_CONNECTION_UNKNOWN');
    expect(await sp.listLoginAttempts(org.id)).toEqual([]);
  });
});
