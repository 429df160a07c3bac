/**
 * What Keycloak says when it refuses, and what each means for an Atlassian setup. The page texts are
 * Keycloak's own (messages_en.properties); the fixes are in fixes.ts, in each version's console words.
 */
import type { KeycloakOutcomeCode } from './outcome.ts';

export interface KeycloakAnswer {
  code: KeycloakOutcomeCode;
  /** Matches the text Keycloak shows. */
  text: RegExp;
  message: string;
}

export const keycloakErrorPages: readonly KeycloakAnswer[] = [
  {
    code: 'KEYCLOAK_INVALID_REQUESTER',
    text: /^Invalid requester/i,
    message: 'Keycloak refused the AuthnRequest: the client requires signed requests, and Atlassian does not sign its requests.',
  },
  {
    code: 'KEYCLOAK_INVALID_REDIRECT_URI',
    text: /^Invalid redirect uri/i,
    message: "Keycloak refused the AuthnRequest: its AssertionConsumerServiceURL (Atlassian's ACS URL) is not among the client's redirect URIs.",
  },
  {
    code: 'KEYCLOAK_INVALID_REQUEST',
    text: /^Invalid Request/i,
    message: "Keycloak could not match the AuthnRequest to a client: its Issuer (Atlassian's SP entity ID) is no client ID in this realm, or the request is malformed.",
  },
  {
    code: 'KEYCLOAK_CLIENT_NOT_FOUND',
    text: /^Client not found/i,
    message: 'Keycloak has no client with this IdP-initiated SSO URL name.',
  },
  {
    code: 'KEYCLOAK_REQUESTER_NOT_ENABLED',
    text: /^Login requester not enabled/i,
    message: 'The SAML client is disabled.',
  },
  {
    code: 'KEYCLOAK_UNSUPPORTED_NAMEID_FORMAT',
    text: /^Unsupported NameIDFormat/i,
    message: 'Keycloak does not support the NameID format Atlassian asked for.',
  },
  {
    code: 'KEYCLOAK_RESTART_COOKIE_NOT_FOUND',
    text: /Restart login cookie not found|Cookie not found/i,
    message: "Keycloak lost the login session: the browser did not send back its login cookies (Keycloak 24+ marks them Secure; SameSite=None).",
  },
  {
    code: 'KEYCLOAK_PAGE_NOT_FOUND',
    text: /^Page not found|Realm does not exist/i,
    message:
      'Keycloak has no page at the IdP SSO URL Atlassian holds: a realm name it does not have, or the /auth prefix of Keycloak before 17 on a newer server (or the reverse).',
  },
  {
    code: 'KEYCLOAK_UNEXPECTED_ERROR',
    text: /Unexpected error when (handling authentication request|authenticating)/i,
    message: 'Keycloak failed while authenticating the user, typically because a user federation provider (LDAP) could not be reached.',
  },
];

export const invalidCredentials = {
  code: 'KEYCLOAK_INVALID_CREDENTIALS',
  message: 'Keycloak did not accept the user name and password.',
} as const;

export const updateProfile = {
  code: 'KEYCLOAK_UPDATE_PROFILE',
  message:
    'Keycloak stopped at "Update Account Information" instead of answering Atlassian: the user lacks an email or a first or last name, which the user profile (always on from Keycloak 24) requires.',
} as const;

export const invalidNameIdPolicy = {
  code: 'KEYCLOAK_INVALID_NAMEID_POLICY',
  message:
    'Keycloak answered with a SAML error (InvalidNameIDPolicy): the NameID format is email, but the user has no email address.',
} as const;

export function answerForErrorPage(text: string): KeycloakAnswer | undefined {
  return keycloakErrorPages.find((answer) => answer.text.test(text));
}
