/**
 * What Keycloak says when it refuses, and what each means for an Atlassian setup. The page texts are
 * Keycloak's own (messages_en.properties); the fixes name the admin-console setting to change.
 */
import type { KeycloakOutcomeCode } from './outcome.ts';

export interface KeycloakAnswer {
  code: KeycloakOutcomeCode;
  /** Matches the text Keycloak shows. */
  text: RegExp;
  message: string;
  fix: string;
}

export const keycloakErrorPages: readonly KeycloakAnswer[] = [
  {
    code: 'KEYCLOAK_INVALID_REQUESTER',
    text: /^Invalid requester/i,
    message: 'Keycloak refused the AuthnRequest: the client requires signed requests, and Atlassian does not sign its requests.',
    fix: 'Clients → <SP entity ID> → Keys → turn off "Client signature required".',
  },
  {
    code: 'KEYCLOAK_INVALID_REDIRECT_URI',
    text: /^Invalid redirect uri/i,
    message: "Keycloak refused the AuthnRequest: its AssertionConsumerServiceURL (Atlassian's ACS URL) is not among the client's redirect URIs.",
    fix: 'Clients → <SP entity ID> → Settings → Access settings → add the Atlassian "Service provider assertion consumer service URL" to "Valid redirect URIs" (and set it as "Assertion Consumer Service POST Binding URL" under Advanced).',
  },
  {
    code: 'KEYCLOAK_INVALID_REQUEST',
    text: /^Invalid Request/i,
    message: "Keycloak could not match the AuthnRequest to a client: its Issuer (Atlassian's SP entity ID) is no client ID in this realm, or the request is malformed.",
    fix: 'Clients → the SAML client → Settings → "Client ID" must be exactly the Atlassian "Service provider entity URL".',
  },
  {
    code: 'KEYCLOAK_CLIENT_NOT_FOUND',
    text: /^Client not found/i,
    message: 'Keycloak has no client with this IdP-initiated SSO URL name.',
    fix: 'Clients → <SP entity ID> → Settings → Access settings → set "IDP-Initiated SSO URL name" to the name used in the URL.',
  },
  {
    code: 'KEYCLOAK_REQUESTER_NOT_ENABLED',
    text: /^Login requester not enabled/i,
    message: 'The SAML client is disabled.',
    fix: 'Clients → <SP entity ID> → turn "Enabled" on.',
  },
  {
    code: 'KEYCLOAK_UNSUPPORTED_NAMEID_FORMAT',
    text: /^Unsupported NameIDFormat/i,
    message: 'Keycloak does not support the NameID format Atlassian asked for.',
    fix: 'Clients → <SP entity ID> → Settings → SAML capabilities → set "Name ID format" to email and turn on "Force name ID format".',
  },
  {
    code: 'KEYCLOAK_RESTART_COOKIE_NOT_FOUND',
    text: /Restart login cookie not found|Cookie not found/i,
    message: "Keycloak lost the login session: the browser did not send back its login cookies (Keycloak 24+ marks them Secure; SameSite=None).",
    fix: 'Serve Keycloak over HTTPS (or use a browser that treats localhost as secure), and allow third-party cookies for the Keycloak host.',
  },
  {
    code: 'KEYCLOAK_PAGE_NOT_FOUND',
    text: /^Page not found|Realm does not exist/i,
    message:
      'Keycloak has no page at the IdP SSO URL Atlassian holds: a realm name it does not have, or the /auth prefix of Keycloak before 17 on a newer server (or the reverse).',
    fix: 'Copy the SSO URL from Realm settings → General → Endpoints → "SAML 2.0 Identity Provider Metadata" (the SingleSignOnService Location) into Atlassian\'s "Identity provider SSO URL".',
  },
  {
    code: 'KEYCLOAK_UNEXPECTED_ERROR',
    text: /Unexpected error when (handling authentication request|authenticating)/i,
    message: 'Keycloak failed while authenticating the user, typically because a user federation provider (LDAP) could not be reached.',
    fix: 'User federation → the LDAP provider → "Test connection" and "Test authentication"; check the server log for the cause.',
  },
];

export const invalidCredentials = {
  code: 'KEYCLOAK_INVALID_CREDENTIALS',
  message: 'Keycloak did not accept the user name and password.',
  fix: 'Check the password of the user (Users → <user> → Credentials), or the LDAP bind of the user federation provider.',
} as const;

export const updateProfile = {
  code: 'KEYCLOAK_UPDATE_PROFILE',
  message:
    'Keycloak stopped at "Update Account Information" instead of answering Atlassian: the user lacks an email or a first or last name, which the user profile (always on from Keycloak 24) requires.',
  fix: 'Fill the missing fields in Users → <user> → Details (or fix the LDAP mappers that should fill them), or relax them under Realm settings → User profile.',
} as const;

export const invalidNameIdPolicy = {
  code: 'KEYCLOAK_INVALID_NAMEID_POLICY',
  message:
    'Keycloak answered with a SAML error (InvalidNameIDPolicy): the NameID format is email, but the user has no email address.',
  fix: 'Give the user an email (for LDAP users: the "email" mapper reads the mail attribute; fill mail in the directory).',
} as const;

export function answerForErrorPage(text: string): KeycloakAnswer | undefined {
  return keycloakErrorPages.find((answer) => answer.text.test(text));
}
