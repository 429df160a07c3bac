/** The admin API: organizations in, SP values out; bad input answered 400, changing nothing. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SpMockRequestError, startSpMock, type StartedSpMock } from '../../../sp-mock/index.ts';
import { organizationInput } from '../../../sp-mock/testing/running-sp.ts';

let sp: StartedSpMock;
beforeAll(async () => {
  sp = await startSpMock();
});
afterAll(() => sp.stop());

const post = (body: string) =>
  fetch(`${sp.url}/admin/organizations`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });

describe('admin API', () => {
  it('creating an organization returns the SP values Atlassian shows the admin', async () => {
    const org = await sp.createOrganization(organizationInput());
    expect(org.id).toMatch(/^[a-z0-9]{10}$/);
    expect(org).toMatchObject({
      spEntityId: `https://auth.atlassian.com/saml/${org.id}`,
      acsUrl: `${sp.url}/login/callback?connection=saml-${org.id}`,
      loginUrl: `${sp.url}/login?org=${org.id}`,
      scim: { baseUrl: `${sp.url}/scim/directory/${org.scim.directoryId}` },
      requestedNameIdFormat: 'urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified',
      jit: { enabled: false },
    });
  });

  it('a chosen SP entity ID is kept', async () => {
    const org = await sp.createOrganization(organizationInput({ spEntityId: 'https://auth.atlassian.com/saml/fixed-id' }));
    expect(org.spEntityId).toBe('https://auth.atlassian.com/saml/fixed-id');
  });

  it('a bad SSO URL is a 400 naming the field, and no organization is created', async () => {
    const before = (await sp.listOrganizations()).length;
    const response = await post(JSON.stringify({ ...organizationInput(), idp: { ...organizationInput().idp, ssoUrl: 'not a url' } }));
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: 'INVALID_INPUT', field: 'idp.ssoUrl' } });
    expect((await sp.listOrganizations()).length).toBe(before);
  });

  it('a typed call with bad input throws SpMockRequestError naming the field', async () => {
    const error = await sp.createOrganization(organizationInput({ accounts: [{ email: 'not-an-email' }] })).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SpMockRequestError);
    expect(error).toMatchObject({ status: 400, code: 'INVALID_INPUT', field: 'accounts[0].email' });
  });

  it('a body that is not JSON is a 400 INVALID_JSON', async () => {
    const response = await post('{');
    expect(await response.json()).toMatchObject({ error: { code: 'INVALID_JSON' } });
  });

  it('patching replaces only what is given: a new certificate, the rest kept', async () => {
    const org = await sp.createOrganization(organizationInput());
    const patched = await sp.updateOrganization(org.id, { idp: { certificate: 'MIIB...rotated' } });
    expect(patched.idp).toEqual({ ...org.idp, certificate: 'MIIB...rotated' });
    expect(patched.accounts).toEqual(org.accounts);
  });

  it('a bad patch changes nothing', async () => {
    const org = await sp.createOrganization(organizationInput());
    const response = await fetch(`${sp.url}/admin/organizations/${org.id}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ domains: [{ name: 'new.example', verified: true, linked: true }], clockOffsetMs: 'soon' }),
    });
    expect(response.status).toBe(400);
    expect(await sp.getOrganization(org.id)).toEqual(org);
  });

  it('an unknown field is refused rather than ignored', async () => {
    const response = await post(JSON.stringify({ ...organizationInput(), jitEnabled: true }));
    expect(await response.json()).toMatchObject({ error: { code: 'INVALID_INPUT' } });
  });

  it('a deleted organization is gone', async () => {
    const org = await sp.createOrganization(organizationInput());
    await sp.deleteOrganization(org.id);
    await expect(sp.getOrganization(org.id)).rejects.toMatchObject({ status: 404, code: 'ORGANIZATION_NOT_FOUND' });
  });
});
