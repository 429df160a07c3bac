/**
 * Everything `saml-harness audit` can find, as data: a stable code, whether it breaks logging in to
 * Atlassian or is advice, and what it means. The checks (checks.ts) say which apply, with the current and
 * recommended values and the fix in the admin console's words.
 */

export type Severity = 'breaks' | 'advisory';

export interface FindingKind {
  readonly severity: Severity;
  /** What is wrong and what it does, as a statement. */
  readonly message: string;
}

export const auditFindings = {
  AUDIT_REALM_DISABLED: {
    severity: 'breaks',
    message: 'The realm is disabled: Keycloak answers no login for it.',
  },
  AUDIT_CLIENT_NOT_SAML: {
    severity: 'breaks',
    message: 'The client is not a SAML client; Atlassian Cloud needs SAML 2.0.',
  },
  AUDIT_CLIENT_DISABLED: {
    severity: 'breaks',
    message: 'The client is disabled: Keycloak answers "Login requester not enabled".',
  },
  AUDIT_CLIENT_ID_NOT_SP_ENTITY_ID: {
    severity: 'breaks',
    message:
      'The client ID is not the "Service provider entity URL" Atlassian shows: Keycloak refuses Atlassian\'s requests ("Invalid Request") and puts the client ID in the Audience, which Atlassian rejects ("Audience is invalid.").',
  },
  AUDIT_CLIENT_ID_NOT_ATLASSIAN_SHAPE: {
    severity: 'breaks',
    message:
      'The client ID is not of the shape of Atlassian\'s "Service provider entity URL" (https://auth.atlassian.com/saml/<id>): Keycloak refuses Atlassian\'s requests and the Audience is wrong.',
  },
  AUDIT_CLIENT_SIGNATURE_REQUIRED: {
    severity: 'breaks',
    message: '"Client signature required" is on: Atlassian does not sign its requests, so Keycloak answers "Invalid requester".',
  },
  AUDIT_ACS_NOT_ALLOWED: {
    severity: 'breaks',
    message:
      'Atlassian\'s assertion consumer service URL is not among the valid redirect URIs: Keycloak answers "Invalid redirect uri" to every login Atlassian starts.',
  },
  AUDIT_IDP_INITIATED_NO_ACS: {
    severity: 'breaks',
    message:
      'An IdP-initiated SSO URL name is set, but neither an Assertion Consumer Service POST Binding URL nor a Master SAML Processing URL tells Keycloak where to post: IdP-initiated login fails.',
  },
  AUDIT_ACS_POST_URL_WRONG: {
    severity: 'breaks',
    message:
      'The URL IdP-initiated responses are posted to is not Atlassian\'s assertion consumer service URL: Atlassian rejects their Destination and Recipient.',
  },
  AUDIT_NOTHING_SIGNED: {
    severity: 'breaks',
    message: 'Neither documents nor assertions are signed: Atlassian rejects unsigned responses.',
  },
  AUDIT_SIGNING_PARTIAL: {
    severity: 'advisory',
    message: 'Only one of document and assertion is signed. Atlassian accepts that; the recommended configuration signs both.',
  },
  AUDIT_SIGNATURE_ALGORITHM_UNSUPPORTED: {
    severity: 'breaks',
    message: 'The signature algorithm is not an RSA PKCS#1 signature (RSA_SHA1, RSA_SHA256, RSA_SHA512), which is what Atlassian verifies.',
  },
  AUDIT_SIGNATURE_ALGORITHM_WEAK: {
    severity: 'advisory',
    message: 'The signature algorithm is RSA_SHA1, which is weak; RSA_SHA256 is recommended.',
  },
  AUDIT_SIGNATURE_KEY_NAME: {
    severity: 'advisory',
    message:
      'The SAML signature key name is not KEY_ID, as the support thread recommends. Advisory: it changes only <ds:KeyName>; the certificate is in KeyInfo either way and Atlassian verifies with the one it holds.',
  },
  AUDIT_ENCRYPTION_ON: {
    severity: 'breaks',
    message:
      'Assertions are to be encrypted: Atlassian gives the IdP no encryption certificate, so Keycloak fails the login ("Failed to process response"), or with a certificate of its own sends what Atlassian cannot read.',
  },
  AUDIT_NAMEID_NOT_EMAIL: {
    severity: 'breaks',
    message: 'The Name ID format is not email: Atlassian matches the NameID against the account email and refuses anything else.',
  },
  AUDIT_NAMEID_NOT_FORCED: {
    severity: 'breaks',
    message:
      '"Force name ID format" is off: Atlassian asks for the unspecified format, and Keycloak then answers with the username whatever format the client names.',
  },
  AUDIT_JIT_NAME_MAPPERS_MISSING: {
    severity: 'advisory',
    message:
      'No mapper sends the givenname and surname claims: just-in-time provisioning cannot create accounts (accounts made over SCIM or by hand still log in).',
  },
  AUDIT_NAME_CLAIM_MISSING: {
    severity: 'advisory',
    message: 'No mapper sends the name claim, a stable ID that is not the email, which Atlassian uses to link the account.',
  },
  AUDIT_IDP_INITIATED_URL_NAME_MISSING: {
    severity: 'advisory',
    message: 'No IdP-initiated SSO URL name: users cannot start at Keycloak; logins Atlassian starts still work.',
  },
  AUDIT_NO_ACTIVE_SIGNING_KEY: {
    severity: 'breaks',
    message: 'The realm has no active RS256 key with a certificate: Keycloak cannot sign responses Atlassian can verify.',
  },
  AUDIT_SEVERAL_SIGNING_KEYS: {
    severity: 'advisory',
    message:
      'The realm has several enabled RS256 keys. Keycloak signs with the active one (highest priority); Atlassian must hold its certificate, and needs the new one pasted after every rotation.',
  },
  AUDIT_CERTIFICATE_EXPIRED: {
    severity: 'advisory',
    message: 'The active signing certificate has expired. Atlassian is not known to check expiry (it compares the certificate), but many tools do.',
  },
  AUDIT_DESCRIPTOR_UNAVAILABLE: {
    severity: 'breaks',
    message: 'The realm does not publish its SAML IdP metadata, so there is nothing to copy into Atlassian.',
  },
  AUDIT_AUTH_PATH: {
    severity: 'advisory',
    message:
      'This server serves under /auth (Keycloak before 17, or --http-relative-path=/auth): the IdP entity ID and SSO URL Atlassian holds must carry /auth too. Keycloak 17+ without it has none; answers written before 2022 add it.',
  },
  AUDIT_ENTITY_ID_NOT_AUDITED_URL: {
    severity: 'advisory',
    message:
      'The realm publishes an entity ID on another base URL than the one audited (a frontend URL or a hostname setting): Atlassian must hold the published one.',
  },
  AUDIT_NOT_HTTPS: {
    severity: 'advisory',
    message: 'The IdP entity ID or SSO URL is plain http: Atlassian lists HTTPS as a prerequisite for SAML single sign-on.',
  },
} as const satisfies Readonly<Record<string, FindingKind>>;

export type AuditCode = keyof typeof auditFindings;

