/** Where the rules' knowledge comes from, and the answers several rules share (catalogue.ts). */
import type { AtlassianAnswer } from './catalogue.ts';

export const SOURCES = {
  atlassianSaml:
    'support.atlassian.com/security-and-access-policies/docs/configure-saml-single-sign-on-with-an-identity-provider',
  auth0Samlp: 'github.com/auth0/passport-wsfed-saml2 lib/passport-wsfed-saml2/samlp.js',
  auth0Saml: 'github.com/auth0/passport-wsfed-saml2 lib/passport-wsfed-saml2/saml.js',
  access1498: 'jira.atlassian.com ACCESS-1498 (stray control characters in the pasted certificate)',
  samlCore: 'OASIS SAML 2.0 core and profiles (saml-core-2.0-os, saml-profiles-2.0-os §4.1.4)',
  samlProfiles: 'OASIS saml-profiles-2.0-os §4.1.4.2 (the bearer SubjectConfirmation an assertion of the Web SSO profile MUST carry)',
  samlBindings: 'OASIS saml-bindings-2.0-os §3.4.3 and §3.5.3 (RelayState MUST NOT exceed 80 bytes)',
  samlSec: 'OASIS SAML 2.0 security considerations; XML signature wrapping research (XSW1–8)',
  community: 'community.atlassian.com thread "Keycloak as IdP for Atlassian Cloud" (2018–2023)',
  jit: 'confluence.atlassian.com cloudkb "What is just-in-time provisioning and how to set it up"',
  mock: 'the mock only (no public source)',
} as const;

/** An Auth0-style refusal: the page shows the error description, as users report it. */
export const denied = (errorDescription: string, textOrigin: AtlassianAnswer['textOrigin']): AtlassianAnswer => ({
  error: 'access_denied',
  errorDescription,
  pageText: errorDescription,
  textOrigin,
});

/** Reported for users whose policy does not allow SSO, which is also what an unlinked domain amounts to. */
export const POLICY_STRATEGY_MISMATCH: AtlassianAnswer = {
  error: 'access_denied',
  errorDescription: 'authentication-policy-strategy-mismatch',
  pageText: 'Hmm...We\'re having trouble logging you in. Please try again with a different authentication method.',
  textOrigin: 'reported',
};

/** At id.atlassian.com, an email SSO does not apply to is asked for its Atlassian password. */
export const PASSWORD_INSTEAD_OF_SSO: AtlassianAnswer = {
  pageText: 'Enter your password (Atlassian does not redirect to single sign-on for this email).',
  textOrigin: 'mock',
};

export const NOT_KEYCLOAK =
  'Nothing to change in Keycloak: the response was altered between Keycloak and Atlassian. Check what sits in between (proxy, browser extension, test tool) and send the response exactly as Keycloak produced it.';
