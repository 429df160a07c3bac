/**
 * The ACS under posts no IdP sends: every answer is a recorded attempt with the attempt header, says
 * what was wrong in plain words, and keeps what it stores within its limits.
 */
import { deflateRawSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ATTEMPT_HEADER, startSpMock, type OrganizationView, type StartedSpMock } from '../../../sp-mock/index.ts';
import { keycloakResponseFor, organizationInput } from '../../../sp-mock/testing/running-sp.ts';

let sp: StartedSpMock;
let org: OrganizationView;
beforeAll(async () => {
  sp = await startSpMock({ limits: { maxStoredSamlChars: 4096 } });
  org = await sp.createOrganization(organizationInput());
});
afterAll(() => sp.stop());

/** Posts `body` to the organization's ACS and reads back the attempt the answer names. */
async function post(body: BodyInit, headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' }) {
  const response = await fetch(org.acsUrl, { method: 'POST', body, headers, redirect: 'manual' });
  const id = response.headers.get(ATTEMPT_HEADER);
  expect(id, `status ${response.status}: ${await response.clone().text()}`).toBeTruthy();
  const found = await fetch(`${sp.url}/admin/attempts/${id}`);
  expect(found.status).toBe(200);
  return { response, attempt: await found.json() };
}

const form = (fields: Array<[string, string]>) => new URLSearchParams(fields).toString();

describe('a post the ACS refuses before reading SAML is still an attempt, in plain words', () => {
  it('more form fields than the limit: SP_REQUEST_TOO_LARGE, not a bare 413', async () => {
    const { response, attempt } = await post(form(Array.from({ length: 25 }, (_, i) => [`f${i}`, 'x'])));
    expect(response.status).toBe(302);
    expect([attempt.code, attempt.detail]).toEqual(['SP_REQUEST_TOO_LARGE', 'The form has more than 20 fields.']);
  });

  it('a charset other than UTF-8: SP_BAD_ENCODING naming it, not a bare 415', async () => {
    const { attempt } = await post(form([['SAMLResponse', 'PHg+']]), { 'content-type': 'application/x-www-form-urlencoded; charset=utf-16' });
    expect([attempt.code, attempt.detail]).toEqual(['SP_BAD_ENCODING', "The form's charset (utf-16) is not one the ACS reads (UTF-8, ISO-8859-1)."]);
  });

  it('a body that is not a form: SP_BAD_ENCODING naming its content type, not "the SAMLResponse is empty"', async () => {
    const { attempt } = await post(JSON.stringify({ SAMLResponse: 'PHg+' }), { 'content-type': 'application/json' });
    expect(attempt.code).toBe('SP_BAD_ENCODING');
    expect(attempt.detail).toBe('The ACS takes an HTML form post (application/x-www-form-urlencoded); this request is "application/json".');
  });

  it('SAMLResponse given twice: SP_BAD_ENCODING saying so', async () => {
    const { attempt } = await post(form([['SAMLResponse', 'PHg+'], ['SAMLResponse', 'PHk+']]));
    expect([attempt.code, attempt.detail]).toEqual(['SP_BAD_ENCODING', 'The form carries SAMLResponse 2 times; a response is posted with it once.']);
  });

  it('a body over the size limit: SP_REQUEST_TOO_LARGE', async () => {
    const { attempt } = await post(form([['SAMLResponse', 'A'.repeat(1024 * 1024 + 10)]]));
    expect(attempt.code).toBe('SP_REQUEST_TOO_LARGE');
  });
});

describe('what the decoding says', () => {
  it('a deflated response (the Redirect binding\'s encoding) is named as such', async () => {
    const deflated = deflateRawSync(Buffer.from(keycloakResponseFor(org))).toString('base64');
    const { attempt } = await post(form([['SAMLResponse', deflated]]));
    expect(attempt.code).toBe('SP_BAD_ENCODING');
    expect(attempt.detail).toMatch(/^The SAMLResponse is deflated/);
  });

  it('a response base64-encoded twice is named as such', async () => {
    const twice = Buffer.from(Buffer.from(keycloakResponseFor(org)).toString('base64')).toString('base64');
    const { attempt } = await post(form([['SAMLResponse', twice]]));
    expect([attempt.code, attempt.detail]).toEqual(['SP_BAD_ENCODING', 'The SAMLResponse is base64-encoded twice: decoded once, it is base64 again.']);
  });
});

describe('what an attempt keeps', () => {
  it('malformed XML is kept once, as posted and cut to the limit, never rendered (XML nested 1,800 deep)', async () => {
    const nested = `${'<a>'.repeat(1800)}x${'</a>'.repeat(1800)}`;
    const posted = Buffer.from(nested).toString('base64');
    const { attempt } = await post(form([['SAMLResponse', posted]]));
    expect(attempt.outcome).toBe('failure');
    expect(attempt.saml.responseXml).toBeUndefined();
    expect(attempt.saml.responseBase64).toBe(`${posted.slice(0, 4096)}…[sp-mock kept 4096 of ${posted.length} characters]`);
    expect(JSON.stringify(attempt).length).toBeLessThan(4096 + 8 * 2048 + 4096);
  });

  it('a RelayState of 10 kB is refused (SP_RELAY_STATE_TOO_LONG) and kept cut', async () => {
    const { attempt } = await post(form([['SAMLResponse', Buffer.from(keycloakResponseFor(org)).toString('base64')], ['RelayState', 'r'.repeat(10_000)]]));
    expect(attempt.code).toBe('SP_RELAY_STATE_TOO_LONG');
    expect(attempt.relayState.length).toBeLessThan(2048 + 64);
  });

  it('an organization keeps its newest attempts up to the limit, and the attempt index holds no others', async () => {
    await using small = await startSpMock({ limits: { maxAttemptsPerOrganization: 3 } });
    const mine = await small.createOrganization(organizationInput());
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const response = await fetch(mine.acsUrl, { method: 'POST', body: form([['SAMLResponse', 'PHg+']]), headers: { 'content-type': 'application/x-www-form-urlencoded' }, redirect: 'manual' });
      ids.push(response.headers.get(ATTEMPT_HEADER)!);
    }
    expect((await small.listLoginAttempts(mine.id)).map((attempt) => attempt.id)).toEqual(ids.slice(2));
    expect((await fetch(`${small.url}/admin/attempts/${ids[0]}`)).status).toBe(404);
    await small.deleteOrganization(mine.id);
    for (const id of ids) expect((await fetch(`${small.url}/admin/attempts/${id}`)).status).toBe(404);
  });
});

describe('routes nobody serves', () => {
  it('answer 404 in the JSON shape of every other answer', async () => {
    const response = await fetch(`${sp.url}/no/such/page`);
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: { code: 'NOT_FOUND', message: 'Nothing answers GET /no/such/page here.' } });
  });
});

describe('`sp start --limit`', () => {
  it('takes another value for a named limit, and refuses a name or value it does not know', async () => {
    const { parseLimits } = await import('../../../harness/commands/sp.ts');
    expect(parseLimits(['maxRelayStateBytes=256', 'maxAttemptsPerOrganization=10'])).toEqual({ maxRelayStateBytes: 256, maxAttemptsPerOrganization: 10 });
    expect(() => parseLimits(['maxRelay=1'])).toThrowError(expect.objectContaining({ code: 'USAGE' }));
    expect(() => parseLimits(['maxRelayStateBytes=lots'])).toThrowError(expect.objectContaining({ code: 'USAGE' }));
  });
});
