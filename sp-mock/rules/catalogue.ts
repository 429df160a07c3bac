/**
 * Every rule the mock Atlassian SP applies, in the order it applies them: what is checked, the plain
 * sentence a failure gets, the fix (on the Keycloak side, in the admin console's words, where the fix is
 * there), what Atlassian shows, where that knowledge comes from and how sure it is.
 *
 * This table is data: `docs/atlassian-behaviour.md` is checked against it, and fix texts can be
 * overridden per Keycloak version (see `spRuleFix`).
 */

import { denied, NOT_KEYCLOAK, PASSWORD_INSTEAD_OF_SSO, POLICY_STRATEGY_MISMATCH, SOURCES } from './sources.ts';

export const spRuleCodes = [
  'SUCCESS',
  'SP_CONNECTION_UNKNOWN',
  'SP_REQUEST_TOO_LARGE',
  'SP_RELAY_STATE_TOO_LONG',
  'SP_BAD_ENCODING',
  'SP_XML_DOCTYPE',
  'SP_XML_MALFORMED',
  'SP_SCHEMA_INVALID',
  'SP_STATUS_NOT_SUCCESS',
  'SP_ASSERTION_MISSING',
  'SP_MULTIPLE_ASSERTIONS',
  'SP_CERTIFICATE_INVALID',
  'SP_SIGNATURE_WRAPPING',
  'SP_SIGNATURE_MISSING',
  'SP_SIGNATURE_INVALID',
  'SP_ISSUER_MISMATCH',
  'SP_AUDIENCE_INVALID',
  'SP_DESTINATION_MISMATCH',
  'SP_BEARER_CONFIRMATION_MISSING',
  'SP_RECIPIENT_MISMATCH',
  'SP_IN_RESPONSE_TO_UNKNOWN',
  'SP_ASSERTION_NOT_YET_VALID',
  'SP_ASSERTION_EXPIRED',
  'SP_ASSERTION_REPLAYED',
  'SP_NAMEID_NOT_EMAIL',
  'SP_DOMAIN_UNKNOWN',
  'SP_DOMAIN_NOT_VERIFIED',
  'SP_ACCOUNT_LINK_CONFLICT',
  'SP_ACCOUNT_NOT_FOUND',
  'SP_JIT_NAMES_MISSING',
  'SP_ACCOUNT_DEACTIVATED',
  'SP_POLICY_NOT_ENFORCING',
] as const;

export type SpRuleCode = (typeof spRuleCodes)[number];
/** The codes of rules a response can fail; `SUCCESS` is the verdict when none fails. */
export type SpCheckCode = Exclude<SpRuleCode, 'SUCCESS'>;

/** Where in the login the rule applies. */
export type RuleStage = 'login' | 'transport' | 'xml' | 'protocol' | 'signature' | 'conditions' | 'account';

/**
 * What Atlassian shows. `textOrigin` says where the words come from: `reported` (users quote them),
 * `auth0-library` (Auth0's passport-wsfed-saml2, whose messages Atlassian's match; the link is
 * inferred) or `mock` (no source: the mock's own plain wording).
 */
export interface AtlassianAnswer {
  /** The `error` query parameter of the redirect, when Atlassian answers with one. */
  readonly error?: 'access_denied';
  /** The `error_description`; `{name}` placeholders are filled from the failing rule's values. */
  readonly errorDescription?: string;
  /** What the page says to the user. */
  readonly pageText: string;
  readonly textOrigin: 'reported' | 'auth0-library' | 'mock';
}

export interface SpRule {
  readonly code: SpRuleCode;
  readonly stage: RuleStage;
  /** What the rule checks, as a statement. */
  readonly checks: string;
  /** The plain sentence recorded when the rule fails. */
  readonly message: string;
  /** What to change; on the Keycloak side where the fix is there. */
  readonly fix: string;
  readonly atlassian: AtlassianAnswer;
  /** For the two domain rules: what `GET /login` answers, before any SAML is exchanged. */
  readonly atLogin?: AtlassianAnswer;
  readonly source: string;
  readonly confidence: 'documented' | 'inferred';
}

export const spRules: { readonly [C in SpRuleCode]: SpRule & { readonly code: C } } = {
  SUCCESS: {
    code: 'SUCCESS',
    stage: 'account',
    checks: 'every rule passes',
    message: 'Atlassian would log the user in.',
    fix: 'Nothing to fix.',
    atlassian: { pageText: 'The Atlassian site (or the RelayState) opens, logged in.', textOrigin: 'mock' },
    source: SOURCES.atlassianSaml,
    confidence: 'documented',
  },
  SP_CONNECTION_UNKNOWN: {
    code: 'SP_CONNECTION_UNKNOWN',
    stage: 'transport',
    checks: 'the ACS URL (`connection=saml-<id>`) names an organization this SP knows',
    message: 'The response was posted to an ACS URL that belongs to no organization.',
    fix: 'Clients → <client> → Settings: set "Valid redirect URIs" and "Master SAML Processing URL" to the organization\'s "Service provider assertion consumer service URL", copied from Atlassian.',
    atlassian: denied('connection not found', 'mock'),
    source: SOURCES.mock,
    confidence: 'inferred',
  },
  SP_REQUEST_TOO_LARGE: {
    code: 'SP_REQUEST_TOO_LARGE',
    stage: 'transport',
    checks: 'the SAMLResponse is no larger than the limit (400,000 characters by default)',
    message: 'The SAML response is larger than the service provider accepts.',
    fix: 'Clients → <client> → Client scopes → <client>-dedicated: remove mappers that send large attributes (for example one "Role" attribute per realm role: turn off "Single Role Attribute" or remove the role list mapper).',
    atlassian: denied('request entity too large', 'mock'),
    source: SOURCES.mock,
    confidence: 'inferred',
  },
  SP_RELAY_STATE_TOO_LONG: {
    code: 'SP_RELAY_STATE_TOO_LONG',
    stage: 'transport',
    checks: 'the RelayState is at most 80 bytes (a setting: maxRelayStateBytes)',
    message: 'The RelayState is longer than the SAML bindings allow (80 bytes).',
    fix: 'Clients → <client> → Settings → "IDP-Initiated SSO Relay State": a short target (the site\'s URL, https://<site>.atlassian.net), not a deep link.',
    atlassian: denied('RelayState is too long', 'mock'),
    source: `${SOURCES.samlBindings}; enforced as the bindings require: Atlassian documents no limit`,
    confidence: 'inferred',
  },
  SP_BAD_ENCODING: {
    code: 'SP_BAD_ENCODING',
    stage: 'transport',
    checks: 'the SAMLResponse is base64 that decodes to UTF-8 text starting with an XML element',
    message: 'The SAMLResponse is not base64-encoded XML.',
    fix: NOT_KEYCLOAK,
    atlassian: denied('invalid SAMLResponse', 'mock'),
    source: SOURCES.mock,
    confidence: 'inferred',
  },
  SP_XML_DOCTYPE: {
    code: 'SP_XML_DOCTYPE',
    stage: 'xml',
    checks: 'the XML has no DOCTYPE and declares no entities (XXE and entity expansion are refused unparsed)',
    message: 'The SAML response contains a DOCTYPE or entity declaration, which a SAML message must not carry.',
    fix: NOT_KEYCLOAK,
    atlassian: denied('invalid SAMLResponse', 'mock'),
    source: SOURCES.samlSec,
    confidence: 'inferred',
  },
  SP_XML_MALFORMED: {
    code: 'SP_XML_MALFORMED',
    stage: 'xml',
    checks: 'the XML is well-formed',
    message: 'The SAML response is not well-formed XML.',
    fix: NOT_KEYCLOAK,
    atlassian: denied('XML is not a valid saml response', 'auth0-library'),
    source: SOURCES.auth0Samlp,
    confidence: 'inferred',
  },
  SP_SCHEMA_INVALID: {
    code: 'SP_SCHEMA_INVALID',
    stage: 'xml',
    checks: 'the document is a samlp:Response valid against the SAML 2.0 protocol schema',
    message: 'The SAML response does not follow the SAML 2.0 schema.',
    fix: NOT_KEYCLOAK,
    atlassian: denied('XML is not a valid saml response', 'auth0-library'),
    source: SOURCES.samlCore,
    confidence: 'inferred',
  },
  SP_STATUS_NOT_SUCCESS: {
    code: 'SP_STATUS_NOT_SUCCESS',
    stage: 'protocol',
    checks: 'the top-level StatusCode is urn:oasis:names:tc:SAML:2.0:status:Success',
    message: 'The identity provider answered with an error status instead of an assertion.',
    fix: 'Read the second-level status. InvalidNameIDPolicy: Keycloak could not produce the requested NameID, usually a user without an email (Users → <user> → Email, or the LDAP "email" mapper under User federation → <provider> → Mappers). RequestDenied/AuthnFailed: look in the Keycloak server log for the reason.',
    atlassian: denied('{statusMessage}', 'auth0-library'),
    source: SOURCES.auth0Samlp,
    confidence: 'inferred',
  },
  SP_ASSERTION_MISSING: {
    code: 'SP_ASSERTION_MISSING',
    stage: 'protocol',
    checks: 'the Response carries a plain (not encrypted) Assertion',
    message: 'The SAML response carries no assertion the service provider can read.',
    fix: 'Clients → <client> → Keys: turn off "Encrypt assertions" (Atlassian gives the IdP no encryption certificate).',
    atlassian: denied('saml response does not contain an Assertion element', 'auth0-library'),
    source: SOURCES.auth0Samlp,
    confidence: 'inferred',
  },
  SP_MULTIPLE_ASSERTIONS: {
    code: 'SP_MULTIPLE_ASSERTIONS',
    stage: 'protocol',
    checks: 'the Response carries exactly one Assertion',
    message: 'The SAML response carries more than one assertion.',
    fix: NOT_KEYCLOAK,
    atlassian: denied('A SAMLResponse can contain only one Assertion element.', 'auth0-library'),
    source: SOURCES.auth0Samlp,
    confidence: 'inferred',
  },
  SP_CERTIFICATE_INVALID: {
    code: 'SP_CERTIFICATE_INVALID',
    stage: 'signature',
    checks: 'the certificate the admin pasted into Atlassian reads as an X.509 certificate',
    message: 'The certificate pasted into Atlassian cannot be read, so no signature can be verified.',
    fix: 'Realm settings → Keys → RS256 row → "Certificate": copy it again and paste it into Atlassian\'s "Public x509 certificate" as plain text (no stray or invisible characters).',
    atlassian: denied('Invalid thumbprint', 'reported'),
    source: SOURCES.access1498,
    confidence: 'documented',
  },
  SP_SIGNATURE_WRAPPING: {
    code: 'SP_SIGNATURE_WRAPPING',
    stage: 'signature',
    checks: 'signatures sit only on the Response or its Assertion, each references its own parent by a unique ID, and no copy of a Response or Assertion hides elsewhere',
    message: 'What is signed is not what would be read: the response looks like a signature-wrapping attack.',
    fix: NOT_KEYCLOAK,
    atlassian: denied('Invalid signature', 'mock'),
    source: SOURCES.samlSec,
    confidence: 'inferred',
  },
  SP_SIGNATURE_MISSING: {
    code: 'SP_SIGNATURE_MISSING',
    stage: 'signature',
    checks: 'the Response, the Assertion or both are signed',
    message: 'Neither the response nor the assertion is signed.',
    fix: 'Clients → <client> → Settings → Signature and Encryption: turn on "Sign documents" (and, if you like, "Sign assertions").',
    atlassian: denied('neither the response nor the assertion are signed', 'auth0-library'),
    source: SOURCES.auth0Samlp,
    confidence: 'inferred',
  },
  SP_SIGNATURE_INVALID: {
    code: 'SP_SIGNATURE_INVALID',
    stage: 'signature',
    checks: 'every signature verifies with the configured certificate (never the one in KeyInfo)',
    message: 'The signature does not verify with the certificate Atlassian holds (another key, a rotated certificate, or altered content).',
    fix: 'Realm settings → Keys: copy the certificate of the active RS256 key (the one Keycloak signs with) into Atlassian\'s "Public x509 certificate". After a key rotation, paste the new one.',
    atlassian: denied('Invalid thumbprint', 'reported'),
    source: `${SOURCES.access1498}; ${SOURCES.auth0Saml}`,
    confidence: 'documented',
  },
  SP_ISSUER_MISMATCH: {
    code: 'SP_ISSUER_MISMATCH',
    stage: 'protocol',
    checks: 'the Issuer of the Assertion (and of the Response, when present) is the configured IdP entity ID',
    message: 'The response comes from an issuer other than the IdP entity ID Atlassian holds.',
    fix: 'In Atlassian set "Identity provider Entity ID" to what Keycloak publishes: <server>/realms/<realm> (with /auth before /realms only on Keycloak before 17 or with --http-relative-path=/auth). Realm settings → General → Endpoints → "SAML 2.0 Identity Provider Metadata" shows it as entityID.',
    atlassian: denied('Issuer is invalid. Configured: {expected}', 'mock'),
    source: SOURCES.community,
    confidence: 'inferred',
  },
  SP_AUDIENCE_INVALID: {
    code: 'SP_AUDIENCE_INVALID',
    stage: 'protocol',
    checks: 'the Assertion\'s AudienceRestriction names the SP entity ID',
    message: 'The assertion is meant for another audience than Atlassian\'s service provider entity URL.',
    fix: 'Clients → <client> → Settings → "Client ID" must be Atlassian\'s "Service provider entity URL" (https://auth.atlassian.com/saml/<id>); create the client again with that ID if needed.',
    atlassian: denied('Audience is invalid.', 'reported'),
    source: `${SOURCES.community}; ${SOURCES.auth0Saml}`,
    confidence: 'documented',
  },
  SP_DESTINATION_MISMATCH: {
    code: 'SP_DESTINATION_MISMATCH',
    stage: 'protocol',
    checks: 'the Response\'s Destination, when present, is the ACS URL',
    message: 'The response is addressed to another URL than Atlassian\'s assertion consumer service URL.',
    fix: 'Clients → <client> → Settings: put Atlassian\'s "Service provider assertion consumer service URL" into "Master SAML Processing URL" (or Advanced → "Assertion Consumer Service POST Binding URL") and into "Valid redirect URIs".',
    atlassian: denied('Destination endpoint {destination} did not match {acsUrl}', 'auth0-library'),
    source: SOURCES.auth0Samlp,
    confidence: 'inferred',
  },
  SP_BEARER_CONFIRMATION_MISSING: {
    code: 'SP_BEARER_CONFIRMATION_MISSING',
    stage: 'protocol',
    checks: 'the Assertion\'s Subject has a bearer SubjectConfirmation whose SubjectConfirmationData carries a Recipient and a NotOnOrAfter',
    message: 'The assertion has no bearer subject confirmation with a Recipient and a NotOnOrAfter, which the SAML Web SSO profile requires.',
    fix: NOT_KEYCLOAK,
    atlassian: denied('Invalid SubjectConfirmation', 'mock'),
    source: `${SOURCES.samlProfiles}; enforced as the profile requires: Atlassian documents nothing, Auth0's library checks Recipient only when present`,
    confidence: 'inferred',
  },
  SP_RECIPIENT_MISMATCH: {
    code: 'SP_RECIPIENT_MISMATCH',
    stage: 'protocol',
    checks: 'the bearer SubjectConfirmationData\'s Recipient is the ACS URL',
    message: 'The assertion names another recipient than Atlassian\'s assertion consumer service URL.',
    fix: 'Clients → <client> → Settings: put Atlassian\'s "Service provider assertion consumer service URL" into "Master SAML Processing URL" (or Advanced → "Assertion Consumer Service POST Binding URL") and into "Valid redirect URIs".',
    atlassian: denied('Recipient is invalid. Configured: {acsUrl}', 'auth0-library'),
    source: SOURCES.auth0Saml,
    confidence: 'inferred',
  },
  SP_IN_RESPONSE_TO_UNKNOWN: {
    code: 'SP_IN_RESPONSE_TO_UNKNOWN',
    stage: 'protocol',
    checks: 'an InResponseTo (Response or SubjectConfirmationData) names a request this SP sent and still remembers; both agree; responses without one are accepted as IdP-initiated',
    message: 'The response answers a request this service provider did not send, or no longer remembers.',
    fix: 'Start the login again from Atlassian (the request expired or came from another organization). For IdP-initiated login, use Clients → <client> → Settings → "IDP-Initiated SSO URL name", which sends no InResponseTo.',
    atlassian: denied('InResponseTo is invalid', 'mock'),
    source: SOURCES.auth0Samlp,
    confidence: 'inferred',
  },
  SP_ASSERTION_NOT_YET_VALID: {
    code: 'SP_ASSERTION_NOT_YET_VALID',
    stage: 'conditions',
    checks: 'NotBefore (Conditions, SubjectConfirmationData) is not later than now + 3 minutes on the SP\'s clock',
    message: 'The assertion is not valid yet: the identity provider\'s clock is ahead of Atlassian\'s.',
    fix: 'Synchronise the Keycloak server\'s clock (NTP); Atlassian allows 3 minutes of difference.',
    atlassian: denied('assertion has expired.', 'auth0-library'),
    source: SOURCES.auth0Saml,
    confidence: 'inferred',
  },
  SP_ASSERTION_EXPIRED: {
    code: 'SP_ASSERTION_EXPIRED',
    stage: 'conditions',
    checks: 'NotOnOrAfter (Conditions, SubjectConfirmationData) and SessionNotOnOrAfter are later than now − 3 minutes on the SP\'s clock',
    message: 'The assertion has expired: the identity provider\'s clock is behind Atlassian\'s, or the response arrived too late.',
    fix: 'Synchronise the Keycloak server\'s clock (NTP); if responses take long to arrive, raise Clients → <client> → Advanced → "Assertion Lifespan".',
    atlassian: denied('assertion has expired.', 'auth0-library'),
    source: `${SOURCES.auth0Saml}; ${SOURCES.atlassianSaml} (prerequisite: IdP clock in sync)`,
    confidence: 'inferred',
  },
  SP_ASSERTION_REPLAYED: {
    code: 'SP_ASSERTION_REPLAYED',
    stage: 'conditions',
    checks: 'the Assertion ID has not been used before (one-time use, remembered until it expires)',
    message: 'This assertion was already used to log in; it can be used only once.',
    fix: 'Nothing to change in Keycloak: start a new login instead of posting the same response again.',
    atlassian: denied('assertion has already been used', 'mock'),
    source: SOURCES.samlCore,
    confidence: 'inferred',
  },
  SP_NAMEID_NOT_EMAIL: {
    code: 'SP_NAMEID_NOT_EMAIL',
    stage: 'account',
    checks: 'the NameID value is an email address (its declared Format is not enforced)',
    message: 'The NameID is not an email address, so Atlassian cannot match it to an account.',
    fix: 'Clients → <client> → Settings → SAML capabilities: set "Name ID format" to email and turn on "Force name ID format" (or add a NameID mapper that sends the email).',
    atlassian: {
      pageText: 'Whoops! The email address you entered can\'t be used to log in here.',
      textOrigin: 'reported',
    },
    source: SOURCES.community,
    confidence: 'documented',
  },
  SP_DOMAIN_UNKNOWN: {
    code: 'SP_DOMAIN_UNKNOWN',
    stage: 'account',
    checks: 'the email\'s domain is one of the organization\'s domains',
    message: 'The email\'s domain does not belong to this Atlassian organization, so single sign-on does not apply.',
    fix: 'In Atlassian, verify the domain (Directory → Domains) and link it to the identity provider directory. In Keycloak, check the user\'s email (Users → <user> → Email).',
    atlassian: POLICY_STRATEGY_MISMATCH,
    atLogin: PASSWORD_INSTEAD_OF_SSO,
    source: SOURCES.atlassianSaml,
    confidence: 'inferred',
  },
  SP_DOMAIN_NOT_VERIFIED: {
    code: 'SP_DOMAIN_NOT_VERIFIED',
    stage: 'account',
    checks: 'the email\'s domain is verified and linked to the SAML directory',
    message: 'The email\'s domain is not verified, or not linked to the identity provider directory, so single sign-on does not apply.',
    fix: 'In Atlassian: verify the domain, then Security → Identity providers → <directory> → "Link domains". Nothing to change in Keycloak.',
    atlassian: POLICY_STRATEGY_MISMATCH,
    atLogin: PASSWORD_INSTEAD_OF_SSO,
    source: `${SOURCES.atlassianSaml}; ${SOURCES.community} ("SSO only works for validated domains")`,
    confidence: 'documented',
  },
  SP_ACCOUNT_LINK_CONFLICT: {
    code: 'SP_ACCOUNT_LINK_CONFLICT',
    stage: 'account',
    checks: 'the SAML link (the `name` attribute) and the email point at the same account',
    message: 'The email and the SAML link ID point at different accounts, so Atlassian cannot tell who logs in.',
    fix: 'Send a stable, unique ID in http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name (Clients → <client> → Client scopes → <client>-dedicated → mapper "User Property" id), and keep each email on one user.',
    atlassian: {
      pageText: 'Hang on, we need to verify a few things before you can log in',
      textOrigin: 'reported',
    },
    source: 'support.atlassian.com SAML troubleshooting (email changed at the IdP, duplicate or mis-linked account)',
    confidence: 'inferred',
  },
  SP_ACCOUNT_NOT_FOUND: {
    code: 'SP_ACCOUNT_NOT_FOUND',
    stage: 'account',
    checks: 'a managed account has this email (or JIT provisioning creates one)',
    message: 'The user authenticated at the identity provider, but Atlassian has no managed account for this email: nothing provisioned it.',
    fix: 'Keycloak only authenticates, it never creates Atlassian accounts: provision the user over SCIM or create the account in Atlassian, or turn on just-in-time provisioning in Atlassian (domain linked, default policy enforcing SSO, given and family names sent).',
    atlassian: { pageText: 'user not found', textOrigin: 'reported' },
    source: SOURCES.community,
    confidence: 'documented',
  },
  SP_JIT_NAMES_MISSING: {
    code: 'SP_JIT_NAMES_MISSING',
    stage: 'account',
    checks: 'JIT provisioning receives the givenname and surname attributes it needs',
    message: 'Just-in-time provisioning is on, but the response lacks the given name or surname, so Atlassian cannot create the account.',
    fix: 'Clients → <client> → Client scopes → <client>-dedicated → Add mapper → "User Property": firstName → http://schemas.xmlsoap.org/ws/2005/05/identity/claims/givenname and lastName → .../claims/surname; and give the user a first and last name (Users → <user>, or the LDAP first-name mapper).',
    atlassian: { pageText: 'user not found', textOrigin: 'mock' },
    source: SOURCES.jit,
    confidence: 'documented',
  },
  SP_ACCOUNT_DEACTIVATED: {
    code: 'SP_ACCOUNT_DEACTIVATED',
    stage: 'account',
    checks: 'the managed account is active',
    message: 'The Atlassian account is deactivated.',
    fix: 'In Atlassian, reactivate the account (Directory → Managed accounts), or set it active again over SCIM. Nothing to change in Keycloak.',
    atlassian: {
      pageText: 'We\'re having trouble logging you in. This account has been deactivated',
      textOrigin: 'reported',
    },
    source: 'support.atlassian.com SAML troubleshooting',
    confidence: 'documented',
  },
  SP_POLICY_NOT_ENFORCING: {
    code: 'SP_POLICY_NOT_ENFORCING',
    stage: 'account',
    checks: 'the account\'s authentication policy enforces single sign-on',
    message: 'The user\'s authentication policy does not enforce single sign-on, so Atlassian refuses a SAML login for them.',
    fix: 'In Atlassian: Security → Authentication policies: move the user to a policy with "Enforce single sign-on" on. Nothing to change in Keycloak.',
    atlassian: POLICY_STRATEGY_MISMATCH,
    source: 'community.atlassian.com threads quoting authentication-policy-strategy-mismatch',
    confidence: 'documented',
  },
};

/** The rules a response is judged by, in order (everything but the outcome `SUCCESS`). */
export const checkOrder: readonly SpCheckCode[] = spRuleCodes.filter(
  (code): code is SpCheckCode => code !== 'SUCCESS',
);

export type FixOverrides = Partial<Record<SpRuleCode, string>>;

/** The fix for a rule, taking overrides (for example a Keycloak version's own menu names) first. */
export function spRuleFix(code: SpRuleCode, overrides?: FixOverrides): string {
  return overrides?.[code] ?? spRules[code].fix;
}

/** Fills `{name}` placeholders; a placeholder without a value is left as it is. */
export function fillTemplate(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}
