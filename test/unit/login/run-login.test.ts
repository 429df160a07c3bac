/**
 * The login driver and its runner against a real sp-mock and a stand-in IdP that serves Keycloak's pages
 * (its login form, its error page, the POST-binding form) and signs with sp-mock's test key: the steps,
 * the cookie jar, the trace and the verdict, without a Keycloak.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idpInitiatedLogin, spInitiatedLogin } from '../../../harness/login/flows.ts';
import { runLogin } from '../../../harness/login/run-login.ts';
import type { LoginStep } from '../../../harness/login/steps.ts';
import { consoleWords } from '../../../harness/keycloak/console-words.ts';
import { password, startStandInIdp, type StandInIdp } from './support/stand-in-idp.ts';

let idp: StandInIdp;
beforeAll(async () => {
  idp = await startStandInIdp();
});
afterAll(() => idp.close());

const spInitiated = (user = { username: 'alice', password }) => spInitiatedLogin({ loginUrl: idp.org.loginUrl, email: 'alice@example.com', user });

describe('an SP-initiated login', () => {
  it('runs every step, keeps the IdP\'s cookie, and ends with the SP\'s verdict', async () => {
    idp.answer = 'signed';
    const lines: string[] = [];
    const run = await runLogin(spInitiated(), { version: '26.7.3', log: (line) => lines.push(line) });
    expect(run.outcome).toMatchObject({ result: 'success', where: 'sp', code: 'SUCCESS' });
    expect(run.outcome.attempt?.nameId).toBe('alice@example.com');
    expect(run.trace.steps.map((step) => step.name)).toEqual([
      'start at the SP as alice@example.com',
      'follow the AuthnRequest to Keycloak',
      'log in to Keycloak as alice',
      'post the SAML response to the ACS',
      "read the SP's verdict",
    ]);
    expect(run.trace.messages.map((message) => `${message.kind} ${message.binding}`)).toEqual(['AuthnRequest HTTP-Redirect', 'Response HTTP-POST']);
    expect(run.trace.hops.map((hop) => `${hop.method} ${new URL(hop.url).pathname}`)).toContain('POST /realms/stand-in/login-actions/authenticate');
    expect(lines[0]).toBe('Running step 1: start at the SP as alice@example.com');
  });

  it('a wrong password is Keycloak\'s "Invalid username or password.", with the fix in that version\'s words', async () => {
    const run = await runLogin(spInitiated({ username: 'alice', password: 'wrong' }), { version: '21.0.2', client: 'the-client' });
    expect(run.outcome).toMatchObject({ result: 'failure', where: 'keycloak', code: 'KEYCLOAK_INVALID_CREDENTIALS', seen: 'Invalid username or password.' });
    // Keycloak answers the form with the form again; the step after the login reads it.
    expect(run.outcome.step).toEqual({ index: 4, name: 'post the SAML response to the ACS' });
    expect(run.outcome.fix).toContain(consoleWords('21.0.2').text('credentials'));
  });

  it('an error status from the IdP is judged from what the SP read: InvalidNameIDPolicy is Keycloak\'s', async () => {
    idp.answer = 'invalid-nameid-policy';
    try {
      const run = await runLogin(spInitiated(), { version: '26.7.3' });
      expect(run.outcome).toMatchObject({ where: 'keycloak', code: 'KEYCLOAK_INVALID_NAMEID_POLICY' });
      expect(run.outcome.attempt?.status?.subCode).toBe('urn:oasis:names:tc:SAML:2.0:status:InvalidNameIDPolicy');
    } finally {
      idp.answer = 'signed';
    }
  });
});

describe('the runner', () => {
  it('an IdP that does not answer is DRIVER_NETWORK_ERROR at the step that tried it', async () => {
    const run = await runLogin(idpInitiatedLogin({ idpInitiatedUrl: 'http://127.0.0.1:9/nothing-here', user: { username: 'alice', password } }));
    expect(run.outcome).toMatchObject({ where: 'browser', code: 'DRIVER_NETWORK_ERROR', step: { index: 1, name: 'open the IdP-initiated SSO URL' } });
    expect(run.trace.steps).toHaveLength(1);
  });

  it('a login that lost its cookie is KEYCLOAK_RESTART_COOKIE_NOT_FOUND', async () => {
    const steps = spInitiated();
    // The same steps with the IdP's cookie dropped before the form is posted, as a browser blocking it would.
    const dropCookies: LoginStep = {
      name: 'drop cookies',
      async perform(page, { driver }) {
        await driver.clearCookies();
        return { page: page! };
      },
    };
    const run = await runLogin([steps[0]!, steps[1]!, dropCookies, ...steps.slice(2)], { version: '26.7.3' });
    expect(run.outcome).toMatchObject({ where: 'keycloak', code: 'KEYCLOAK_RESTART_COOKIE_NOT_FOUND' });
  });

  it('an IdP-initiated login sends no InResponseTo and still logs in', async () => {
    const run = await runLogin(idpInitiatedLogin({ idpInitiatedUrl: idp.idpInitiatedUrl, user: { username: 'alice', password } }));
    expect(run.outcome.code).toBe('SUCCESS');
    expect(run.outcome.attempt?.flow).toBe('idp-initiated');
  });
});
