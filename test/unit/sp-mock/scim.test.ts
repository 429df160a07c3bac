/** SCIM 2.0 against the running SP, with a real HTTP client, under Atlassian's rules. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ATTEMPT_HEADER, startSpMock, type OrganizationView, type StartedSpMock } from '../../../sp-mock/index.ts';
import { keycloakResponseFor, organizationInput, postToAcs } from '../../../sp-mock/testing/running-sp.ts';

let sp: StartedSpMock;
beforeAll(async () => {
  sp = await startSpMock();
});
afterAll(() => sp.stop());

const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
const GROUP_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Group';
const PATCH_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

interface ScimAnswer {
  readonly status: number;
  readonly body: Record<string, unknown>;
}

function scim(org: OrganizationView, token = org.scim.token) {
  return async (method: string, path: string, body?: unknown): Promise<ScimAnswer> => {
    const response = await fetch(`${org.scim.baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/scim+json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, body: text === '' ? {} : (JSON.parse(text) as Record<string, unknown>) };
  };
}

const user = (userName: string, changes: Record<string, unknown> = {}) => ({
  schemas: [USER_SCHEMA],
  userName,
  name: { givenName: 'Grace', familyName: 'Hopper' },
  emails: [{ value: userName, type: 'work', primary: true }],
  ...changes,
});

async function directory(changes = {}) {
  const org = await sp.createOrganization(organizationInput(changes));
  return { org, call: scim(org) };
}

describe('SCIM users', () => {
  it('without the directory API key the answer is 401 in SCIM\'s error shape', async () => {
    const { org } = await directory();
    const answer = await scim(org, 'wrong-token')('GET', '/Users');
    expect(answer).toEqual({
      status: 401,
      body: { schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '401', detail: expect.any(String) },
    });
  });

  it('a created user becomes a managed account that SAML login finds', async () => {
    const { org, call } = await directory({ accounts: [] });
    expect((await call('POST', '/Users', user('grace@example.com'))).status).toBe(201);
    const response = await postToAcs(org, keycloakResponseFor(org, { nameId: 'grace@example.com' }));
    expect((await sp.getLoginAttempt(org.id, response.headers.get(ATTEMPT_HEADER) ?? '')).code).toBe('SUCCESS');
  });

  it('a display name left empty is built from the given and family names', async () => {
    const { call } = await directory();
    expect((await call('POST', '/Users', user('grace@example.com'))).body.displayName).toBe('Grace Hopper');
  });

  it('a user without userName is a 400 naming the field', async () => {
    const { call } = await directory();
    const answer = await call('POST', '/Users', user('grace@example.com', { userName: undefined }));
    expect(answer.status).toBe(400);
    expect(answer.body.detail).toContain('userName');
  });

  it('a user without a primary email is a 400', async () => {
    const { call } = await directory();
    const answer = await call('POST', '/Users', user('grace@example.com', { emails: [{ value: 'grace@example.com' }] }));
    expect(answer.status).toBe(400);
  });

  it('an email on a domain the organization has not verified is a 400', async () => {
    const { call } = await directory();
    expect((await call('POST', '/Users', user('grace@elsewhere.test'))).status).toBe(400);
  });

  it('creating the same userName twice is a 409 uniqueness error', async () => {
    const { call } = await directory();
    await call('POST', '/Users', user('grace@example.com'));
    const answer = await call('POST', '/Users', user('grace@example.com'));
    expect(answer).toMatchObject({ status: 409, body: { scimType: 'uniqueness' } });
  });

  it("another userName with an email a user already has is a 409 in Atlassian's words", async () => {
    const { call } = await directory();
    await call('POST', '/Users', user('grace@example.com'));
    const answer = await call('POST', '/Users', user('g.hopper', { emails: [{ value: 'grace@example.com', type: 'work', primary: true }] }));
    expect(answer).toMatchObject({ status: 409, body: { scimType: 'uniqueness', detail: 'Resource [USER]: with email[grace@example.com] already exists.' } });
  });

  it('a filter on anything but userName or externalId is a 400 invalidFilter', async () => {
    const { call } = await directory();
    expect(await call('GET', `/Users?filter=${encodeURIComponent('emails.value eq "grace@example.com"')}`)).toMatchObject({ status: 400, body: { scimType: 'invalidFilter' } });
    expect((await call('GET', `/Users?filter=${encodeURIComponent('externalId eq "k-1"')}`)).status).toBe(200);
  });

  it('a user whose email matches an existing managed account links it instead of adding one', async () => {
    const { org, call } = await directory();
    const created = await call('POST', '/Users', user('alice@example.com'));
    const { accounts } = await sp.getOrganization(org.id);
    expect(accounts).toEqual([expect.objectContaining({ email: 'alice@example.com', source: 'admin', scimUserId: created.body.id })]);
  });

  it('DELETE deactivates the managed account, and SAML login then says so', async () => {
    const { org, call } = await directory({ accounts: [] });
    const created = await call('POST', '/Users', user('grace@example.com'));
    expect((await call('DELETE', `/Users/${String(created.body.id)}`)).status).toBe(204);
    const response = await postToAcs(org, keycloakResponseFor(org, { nameId: 'grace@example.com' }));
    expect((await sp.getLoginAttempt(org.id, response.headers.get(ATTEMPT_HEADER) ?? '')).code).toBe('SP_ACCOUNT_DEACTIVATED');
  });

  it('a deleted user is gone from the directory', async () => {
    const { call } = await directory();
    const created = await call('POST', '/Users', user('grace@example.com'));
    await call('DELETE', `/Users/${String(created.body.id)}`);
    expect((await call('GET', `/Users/${String(created.body.id)}`)).status).toBe(404);
  });

  it('filter userName eq finds one user, case-insensitively', async () => {
    const { call } = await directory();
    await call('POST', '/Users', user('grace@example.com'));
    await call('POST', '/Users', user('ada@example.com'));
    const answer = await call('GET', `/Users?filter=${encodeURIComponent('userName eq "GRACE@example.com"')}`);
    expect(answer.body).toMatchObject({ totalResults: 1, Resources: [{ userName: 'grace@example.com' }] });
  });

  it('filter externalId eq finds one user', async () => {
    const { call } = await directory();
    await call('POST', '/Users', user('grace@example.com', { externalId: 'ext-1' }));
    const answer = await call('GET', `/Users?filter=${encodeURIComponent('externalId eq "ext-1"')}`);
    expect(answer.body.totalResults).toBe(1);
  });

  it('any other filter is a 400 invalidFilter', async () => {
    const { call } = await directory();
    const answer = await call('GET', `/Users?filter=${encodeURIComponent('userName sw "g"')}`);
    expect(answer).toMatchObject({ status: 400, body: { scimType: 'invalidFilter' } });
  });

  it('startIndex and count page through users', async () => {
    const { call } = await directory();
    for (const name of ['a', 'b', 'c']) await call('POST', '/Users', user(`${name}@example.com`));
    const answer = await call('GET', '/Users?startIndex=2&count=1');
    expect(answer.body).toMatchObject({ totalResults: 3, startIndex: 2, itemsPerPage: 1, Resources: [{ userName: 'b@example.com' }] });
  });

  it('PATCH active=false (as Entra sends it) deactivates the account', async () => {
    const { org, call } = await directory();
    const created = await call('POST', '/Users', user('grace@example.com'));
    await call('PATCH', `/Users/${String(created.body.id)}`, {
      schemas: [PATCH_SCHEMA],
      Operations: [{ op: 'Replace', path: 'active', value: 'False' }],
    });
    const { accounts } = await sp.getOrganization(org.id);
    expect(accounts.find((account) => account.email === 'grace@example.com')?.active).toBe(false);
  });

  it('PATCH of a filtered path changes the work email, and the account follows', async () => {
    const { org, call } = await directory();
    const created = await call('POST', '/Users', user('grace@example.com'));
    const answer = await call('PATCH', `/Users/${String(created.body.id)}`, {
      schemas: [PATCH_SCHEMA],
      Operations: [{ op: 'replace', path: 'emails[type eq "work"].value', value: 'grace.hopper@example.com' }],
    });
    expect(answer.body.emails).toEqual([{ value: 'grace.hopper@example.com', type: 'work', primary: true }]);
    expect((await sp.getOrganization(org.id)).accounts.map((account) => account.email)).toContain('grace.hopper@example.com');
  });
});

describe('SCIM groups', () => {
  it('a group with members lists them, and the user lists the group', async () => {
    const { call } = await directory();
    const member = await call('POST', '/Users', user('grace@example.com'));
    const group = await call('POST', '/Groups', { schemas: [GROUP_SCHEMA], displayName: 'jira-users', members: [{ value: member.body.id }] });
    expect(group.body.members).toEqual([{ value: member.body.id, display: 'Grace Hopper' }]);
    const reread = await call('GET', `/Users/${String(member.body.id)}`);
    expect(reread.body.groups).toEqual([expect.objectContaining({ value: group.body.id, display: 'jira-users' })]);
  });

  it('a group\'s displayName cannot change', async () => {
    const { call } = await directory();
    const group = await call('POST', '/Groups', { schemas: [GROUP_SCHEMA], displayName: 'jira-users' });
    const answer = await call('PATCH', `/Groups/${String(group.body.id)}`, {
      schemas: [PATCH_SCHEMA],
      Operations: [{ op: 'replace', path: 'displayName', value: 'confluence-users' }],
    });
    expect(answer).toMatchObject({ status: 400, body: { scimType: 'mutability' } });
  });

  it('PATCH adds and removes members', async () => {
    const { call } = await directory();
    const grace = await call('POST', '/Users', user('grace@example.com'));
    const ada = await call('POST', '/Users', user('ada@example.com'));
    const group = await call('POST', '/Groups', { schemas: [GROUP_SCHEMA], displayName: 'jira-users', members: [{ value: grace.body.id }] });
    const answer = await call('PATCH', `/Groups/${String(group.body.id)}`, {
      schemas: [PATCH_SCHEMA],
      Operations: [
        { op: 'add', path: 'members', value: [{ value: ada.body.id }] },
        { op: 'remove', path: `members[value eq "${String(grace.body.id)}"]` },
      ],
    });
    expect(answer.body.members).toEqual([{ value: ada.body.id, display: 'Grace Hopper' }]);
  });

  it('a second group with the same name is a 409', async () => {
    const { call } = await directory();
    await call('POST', '/Groups', { schemas: [GROUP_SCHEMA], displayName: 'jira-users' });
    expect((await call('POST', '/Groups', { schemas: [GROUP_SCHEMA], displayName: 'jira-users' })).status).toBe(409);
  });
});

describe('SCIM discovery', () => {
  it('ServiceProviderConfig says patch and filter yes, bulk and sort no', async () => {
    const { call } = await directory();
    expect((await call('GET', '/ServiceProviderConfig')).body).toMatchObject({
      patch: { supported: true },
      filter: { supported: true },
      bulk: { supported: false },
      sort: { supported: false },
    });
  });

  it('Schemas and ResourceTypes list User and Group', async () => {
    const { call } = await directory();
    const types = (await call('GET', '/ResourceTypes')).body.Resources as { id: string }[];
    const schemas = (await call('GET', '/Schemas')).body.Resources as { id: string }[];
    expect(types.map((type) => type.id)).toEqual(['User', 'Group']);
    expect(schemas.map((schema) => schema.id)).toContain(USER_SCHEMA);
  });
});
