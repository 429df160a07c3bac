/**
 * What Keycloak says when it stops a login, and what each means for an Atlassian setup: one answer per
 * message key of its login theme (keycloak/login-messages.ts holds the words), and per error of its
 * event log line where a page does not tell (Keycloak shows a locked-out user the wrong-password
 * message, on purpose: keycloak/keycloak#10416). The fixes are in fixes.ts, in each version's console words.
 */
import type { KeycloakEvent } from '../keycloak/event-log.ts';
import type { KeycloakOutcomeCode } from './outcome.ts';

export interface KeycloakAnswer {
  code: KeycloakOutcomeCode;
  message: string;
}

const invalidRequester: KeycloakAnswer = {
  code: 'KEYCLOAK_INVALID_REQUESTER',
  message: 'Keycloak refused the AuthnRequest: the client requires signed requests, and Atlassian does not sign its requests.',
};
const requesterNotEnabled: KeycloakAnswer = { code: 'KEYCLOAK_REQUESTER_NOT_ENABLED', message: 'The SAML client is disabled.' };
const unexpectedError: KeycloakAnswer = {
  code: 'KEYCLOAK_UNEXPECTED_ERROR',
  message: 'Keycloak failed while authenticating the user, typically because a user federation provider (LDAP) could not be reached.',
};
const loginExpired: KeycloakAnswer = {
  code: 'KEYCLOAK_LOGIN_EXPIRED',
  message: 'Keycloak no longer knew this login: it timed out, or the page was used twice (Back, a second tab).',
};
export const invalidCredentials: KeycloakAnswer = { code: 'KEYCLOAK_INVALID_CREDENTIALS', message: 'Keycloak did not accept the user name and password.' };
const userDisabled: KeycloakAnswer = { code: 'KEYCLOAK_USER_DISABLED', message: "The user is disabled in Keycloak (the user's Enabled switch is off)." };
const userTemporarilyLocked: KeycloakAnswer = {
  code: 'KEYCLOAK_USER_TEMPORARILY_LOCKED',
  message: "Keycloak's brute-force detection has locked the user out after too many wrong passwords; even the right one is refused until the lock ends.",
};
export const updateProfile: KeycloakAnswer = {
  code: 'KEYCLOAK_UPDATE_PROFILE',
  message:
    'Keycloak stopped at "Update Account Information" instead of answering Atlassian: the user lacks an email or a first or last name, which the user profile (always on from Keycloak 24) requires.',
};
export const otpRequired: KeycloakAnswer = {
  code: 'KEYCLOAK_OTP_REQUIRED',
  message: 'Keycloak asks for a one-time code (the login flow has an OTP step and the user has an authenticator) and none was given.',
};

const emailSendFailed: KeycloakAnswer = {
  code: 'KEYCLOAK_EMAIL_SEND_FAILED',
  message: "Keycloak had to email the user (to verify the address, or for a required action) and could not: the realm's Email settings (SMTP) are missing or wrong.",
};
const verifyEmail: KeycloakAnswer = {
  code: 'KEYCLOAK_VERIFY_EMAIL',
  message: 'Keycloak stopped at "Email verification" instead of answering Atlassian: the realm requires verified emails and this user\'s email is not verified.',
};

/** By the message key a page shows, as its message or its title (bundle order decides between keys). */
const byMessageKey: Readonly<Record<string, KeycloakAnswer>> = {
  invalidRequesterMessage: invalidRequester,
  invalidRedirectUriMessage: {
    code: 'KEYCLOAK_INVALID_REDIRECT_URI',
    message: "Keycloak refused the AuthnRequest: its AssertionConsumerServiceURL (Atlassian's ACS URL) is not among the client's redirect URIs.",
  },
  invalidRequestMessage: {
    code: 'KEYCLOAK_INVALID_REQUEST',
    message: "Keycloak could not match the AuthnRequest to a client: its Issuer (Atlassian's SP entity ID) is no client ID in this realm, or the request is malformed.",
  },
  clientNotFoundMessage: { code: 'KEYCLOAK_CLIENT_NOT_FOUND', message: 'Keycloak has no client with this IdP-initiated SSO URL name.' },
  loginRequesterNotEnabledMessage: requesterNotEnabled,
  clientDisabledMessage: requesterNotEnabled,
  unsupportedNameIdFormatMessage: { code: 'KEYCLOAK_UNSUPPORTED_NAMEID_FORMAT', message: 'Keycloak does not support the NameID format Atlassian asked for.' },
  cookieNotFoundMessage: {
    code: 'KEYCLOAK_RESTART_COOKIE_NOT_FOUND',
    message: "Keycloak lost the login session: the browser did not send back its login cookies (Keycloak 24+ marks them Secure; SameSite=None).",
  },
  pageNotFound: {
    code: 'KEYCLOAK_PAGE_NOT_FOUND',
    message:
      'Keycloak has no page at the IdP SSO URL Atlassian holds: a realm name it does not have, or the /auth prefix of Keycloak before 17 on a newer server (or the reverse).',
  },
  realmNotEnabledMessage: { code: 'KEYCLOAK_REALM_DISABLED', message: 'The realm is disabled: Keycloak logs no one in to it.' },
  unexpectedErrorHandlingRequestMessage: unexpectedError,
  identityProviderUnexpectedErrorMessage: unexpectedError,
  failedToProcessResponseMessage: {
    code: 'KEYCLOAK_FAILED_TO_PROCESS_RESPONSE',
    message:
      'Keycloak authenticated the user but could not build the SAML response; with Atlassian this is "Encrypt assertions" switched on: Atlassian gives no encryption certificate, so Keycloak has none to encrypt with.',
  },
  expiredCodeMessage: loginExpired,
  staleCodeMessage: loginExpired,
  invalidCodeMessage: loginExpired,
  invalidUserMessage: invalidCredentials,
  accountDisabledMessage: userDisabled,
  accountTemporarilyDisabledMessage: userTemporarilyLocked,
  invalidTotpMessage: { code: 'KEYCLOAK_INVALID_OTP', message: 'Keycloak did not accept the one-time code.' },
  loginProfileTitle: updateProfile,
  updatePasswordTitle: {
    code: 'KEYCLOAK_UPDATE_PASSWORD',
    message: 'Keycloak stopped at "Update password" instead of answering Atlassian: the user has the required action Update Password (a temporary password, or set by an admin).',
  },
  emailVerifyTitle: verifyEmail,
  emailSendErrorMessage: emailSendFailed,
  loginTotpTitle: {
    code: 'KEYCLOAK_CONFIGURE_OTP',
    message: 'Keycloak stopped at "Mobile Authenticator Setup" instead of answering Atlassian: the user must set up an authenticator first (required action Configure OTP).',
  },
  termsTitle: {
    code: 'KEYCLOAK_TERMS_AND_CONDITIONS',
    message: 'Keycloak stopped at "Terms and Conditions" instead of answering Atlassian: the user has the required action Terms and Conditions.',
  },
};

/**
 * What Keycloak's event log line says where the page says less: a locked-out user shown the
 * wrong-password message, a disabled one where a theme says no more.
 */
const byEvent: ReadonlyArray<{ matches: (event: KeycloakEvent) => boolean; over: KeycloakAnswer; answer: KeycloakAnswer }> = [
  { matches: (event) => event.error === 'user_temporarily_disabled', over: invalidCredentials, answer: userTemporarilyLocked },
  { matches: (event) => event.error === 'user_disabled', over: invalidCredentials, answer: userDisabled },
];

/**
 * The required action a page belongs to, by the `execution` its URL names
 * (/login-actions/required-action?execution=VERIFY_EMAIL), where its text says less: without working
 * SMTP, the verification page of an unverified user shows only that the email could not be sent.
 */
const byRequiredAction: Readonly<Record<string, { over: KeycloakAnswer; answer: KeycloakAnswer }>> = {
  VERIFY_EMAIL: {
    over: emailSendFailed,
    answer: {
      ...verifyEmail,
      message: `${verifyEmail.message} Keycloak could not even send the verification email: the realm's Email settings (SMTP) are missing or wrong.`,
    },
  },
};

/** Texts Keycloak's code writes without its message bundle. */
const serverTexts: ReadonlyArray<{ text: RegExp; answer: KeycloakAnswer }> = [{ text: /Realm does not exist/i, answer: byMessageKey.pageNotFound! }];

export function answerForMessageKeys(keys: readonly string[]): KeycloakAnswer | undefined {
  for (const key of keys) if (byMessageKey[key]) return byMessageKey[key];
  return undefined;
}

export function answerForServerText(text: string): KeycloakAnswer | undefined {
  return serverTexts.find((entry) => entry.text.test(text))?.answer;
}

/** The answer the page gave, or what its URL's required action or the login's last error event says instead. */
export function answerInContext(answer: KeycloakAnswer, context: { url: string; events: readonly KeycloakEvent[] }): KeycloakAnswer {
  const action = /\/login-actions\/required-action\b/.test(context.url) ? new URL(context.url).searchParams.get('execution') : null;
  const byAction = action ? byRequiredAction[action] : undefined;
  if (byAction?.over === answer) return byAction.answer;
  const last = context.events.findLast((event) => event.error);
  const told = last && byEvent.find((entry) => entry.over === answer && entry.matches(last));
  return told ? told.answer : answer;
}

/** The message keys the answers are for, for the test that every one is in the login bundle. */
export const answeredMessageKeys: readonly string[] = Object.keys(byMessageKey);

export const invalidNameIdPolicy = {
  code: 'KEYCLOAK_INVALID_NAMEID_POLICY',
  message:
    'Keycloak answered with a SAML error (InvalidNameIDPolicy): the NameID format is email, but the user has no email address.',
} as const;
