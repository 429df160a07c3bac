/**
 * Keycloak's pages recognised by the message keys they show, in the words of every version the harness
 * knows, and Keycloak's event lines where a page says less than the server knows.
 */
import { describe, expect, test } from 'vitest';
import { parseEventLine, type KeycloakEvent } from '../../../harness/keycloak/event-log.ts';
import { loginMessageKeys, loginMessages, usedLoginMessageKeys } from '../../../harness/keycloak/login-messages.ts';
import { answeredMessageKeys } from '../../../harness/login/keycloak-answers.ts';
import { keycloakPageOutcome } from '../../../harness/login/keycloak-page-outcome.ts';
import { readKeycloakPage } from '../../../harness/login/keycloak-pages.ts';

const errorPage = (message: string) =>
  `<html><body><h1 id="kc-page-title">We are sorry...</h1><div id="kc-error-message"><p class="instruction">${message}</p></div></body></html>`;
const loginForm = (error: string) =>
  `<html><body><h1 id="kc-page-title">Sign in to your account</h1><span id="input-error">${error}</span><form id="kc-form-login" action="/login-actions/authenticate"></form></body></html>`;
const actionPage = (title: string) =>
  `<html><head><title>Sign in to acme</title></head><body><h1 id="kc-page-title">${title}</h1><form action="/login-actions/required-action"><input type="submit" value="Submit"></form></body></html>`;
const outcomeOf = (html: string, events: KeycloakEvent[] = []) => keycloakPageOutcome(readKeycloakPage(html, 'http://kc/realms/r/x'), 400, 'http://kc/realms/r/x', { events });

// Real lines of Keycloak 21.0.2 and 26.7.3, as this harness's runs logged them.
const line21 =
  '2026-12-01 18:08:13,423 WARN  [org.keycloak.events] (executor-thread-1) type=LOGIN_ERROR, realmId=e59ba948-f35f-455f-b14f-cfd450ff5eb3, clientId=https://auth.atlassian.com/saml/vztrbtdwtj, userId=c667b2d6-ae03-4476-baee-b409f2a59e07, ipAddress=127.0.0.1, error=user_temporarily_disabled, auth_method=saml';
const line26 =
  '2026-12-01 18:07:13,529 WARN  [org.keycloak.events] (executor-thread-1) type="SEND_VERIFY_EMAIL_ERROR", realmId="14fd7f8c-b5ca-43d1-9506-93bcde1446d9", realmName="email-not-verified-1e8aad", clientId="https://auth.atlassian.com/saml/fx6n8jhw2p", userId="6e83631b", ipAddress="127.0.0.1", error="email_send_failed", reason="Invalid sender address \'null\'. If the address contains UTF-8 characters, enable \'Allow UTF-8\'.", auth_method="saml"';

describe("Keycloak's pages, by message key", () => {
  test('every key an answer is for is one the harness reads from the bundle', () => {
    expect(answeredMessageKeys.filter((key) => !usedLoginMessageKeys.includes(key))).toEqual([]);
  });

  const expectations: Record<string, string> = {
    invalidRequesterMessage: 'KEYCLOAK_INVALID_REQUESTER',
    loginRequesterNotEnabledMessage: 'KEYCLOAK_REQUESTER_NOT_ENABLED',
    failedToProcessResponseMessage: 'KEYCLOAK_FAILED_TO_PROCESS_RESPONSE',
    cookieNotFoundMessage: 'KEYCLOAK_RESTART_COOKIE_NOT_FOUND',
    expiredCodeMessage: 'KEYCLOAK_LOGIN_EXPIRED',
    emailSendErrorMessage: 'KEYCLOAK_EMAIL_SEND_FAILED',
    realmNotEnabledMessage: 'KEYCLOAK_REALM_DISABLED',
  };
  for (const version of ['21.0.2', '26.7.3']) {
    test.each(Object.entries(expectations))(`Keycloak ${version}'s error page showing %s is %s`, (key, code) => {
      expect(outcomeOf(errorPage(loginMessages(version)[key]!))).toMatchObject({ where: 'keycloak', code });
    });

    test(`Keycloak ${version}'s required-action pages are named by their heading`, () => {
      const words = loginMessages(version);
      expect(outcomeOf(actionPage(words.updatePasswordTitle!)).code).toBe('KEYCLOAK_UPDATE_PASSWORD');
      expect(outcomeOf(actionPage(words.emailVerifyTitle!)).code).toBe('KEYCLOAK_VERIFY_EMAIL');
      expect(outcomeOf(actionPage(words.loginTotpTitle!)).code).toBe('KEYCLOAK_CONFIGURE_OTP');
      expect(outcomeOf(actionPage(words.termsTitle!)).code).toBe('KEYCLOAK_TERMS_AND_CONDITIONS');
    });
  }

  test("the login form's own message tells a disabled user from a wrong password", () => {
    expect(outcomeOf(loginForm('Account is disabled, contact your administrator.')).code).toBe('KEYCLOAK_USER_DISABLED');
    expect(outcomeOf(loginForm('Invalid username or password.')).code).toBe('KEYCLOAK_INVALID_CREDENTIALS');
    // The bundle's own text for a locked-out user, before 26.1 (a custom theme may show it).
    expect(outcomeOf(loginForm(loginMessages('21.0.2').accountTemporarilyDisabledMessage!)).code).toBe('KEYCLOAK_USER_TEMPORARILY_LOCKED');
  });

  test('a message of no key the harness knows is an unrecognised error page, with what it said', () => {
    expect(outcomeOf(errorPage('Something only a custom theme says'))).toMatchObject({
      code: 'KEYCLOAK_ERROR_PAGE',
      seen: 'Something only a custom theme says',
    });
  });

  test("a required action's URL names the unverified email behind a verification email that could not be sent", () => {
    const page = readKeycloakPage(errorPage('Failed to send email, please try again later.'), 'http://kc/x');
    const at = 'http://kc/realms/r/login-actions/required-action?execution=VERIFY_EMAIL&client_id=x&tab_id=y';
    const outcome = keycloakPageOutcome(page, 500, at);
    expect(outcome.code).toBe('KEYCLOAK_VERIFY_EMAIL');
    expect(outcome.message).toMatch(/could not even send the verification email/);
    expect(keycloakPageOutcome(page, 500, 'http://kc/realms/r/login-actions/authenticate').code).toBe('KEYCLOAK_EMAIL_SEND_FAILED');
  });

  test('a key is matched by its whole text, not by a word of it', () => {
    expect(loginMessageKeys('Invalid')).toEqual([]);
    expect(loginMessageKeys('Invalid username or password.')).toContain('invalidUserMessage');
  });
});

describe("Keycloak's event lines", () => {
  test('are read in the unquoted form of Keycloak before 24 and the quoted one after', () => {
    expect(parseEventLine(line21)).toMatchObject({ type: 'LOGIN_ERROR', realmId: 'e59ba948-f35f-455f-b14f-cfd450ff5eb3', error: 'user_temporarily_disabled' });
    expect(parseEventLine(line26)).toMatchObject({ type: 'SEND_VERIFY_EMAIL_ERROR', realmName: 'email-not-verified-1e8aad', error: 'email_send_failed' });
    expect(parseEventLine('2026-12-01 INFO [io.quarkus] (main) started')).toBeUndefined();
  });

  test('tell a locked-out user from a wrong password, which the page does not', () => {
    const locked = parseEventLine(line21)!;
    expect(outcomeOf(loginForm('Invalid username or password.'), [locked]).code).toBe('KEYCLOAK_USER_TEMPORARILY_LOCKED');
    const wrong = parseEventLine(line21.replace('user_temporarily_disabled', 'invalid_user_credentials'))!;
    expect(outcomeOf(loginForm('Invalid username or password.'), [locked, wrong]).code).toBe('KEYCLOAK_INVALID_CREDENTIALS');
  });


  test('do not overrule a page that says what happened', () => {
    expect(outcomeOf(errorPage('Invalid requester'), [parseEventLine(line21)!]).code).toBe('KEYCLOAK_INVALID_REQUESTER');
  });
});
