/**
 * Every limit of the mock SP, named, with its default: what one request may carry, and what the SP keeps.
 * sp-mock/README.md lists them; `startSpMock({ limits })` and `saml-harness sp start` take others.
 */
export interface SpMockLimits {
  /** The largest ACS request body, in bytes (larger ones are refused unread, as SP_REQUEST_TOO_LARGE). */
  readonly maxBodyBytes: number;
  /** The most form fields an ACS post may carry (a real one carries SAMLResponse and RelayState). */
  readonly maxFormFields: number;
  /** The largest SAMLResponse judged, in characters (about 300 KB of XML once decoded). */
  readonly maxResponseChars: number;
  /** The longest RelayState, in bytes: the SAML bindings' limit (saml-bindings-2.0-os §3.4.3, §3.5.3). */
  readonly maxRelayStateBytes: number;
  /** What one attempt keeps of each SAML message (the post as sent, the XML): longer ones are cut, and say so. */
  readonly maxStoredSamlChars: number;
  /** What one attempt keeps of each other text it holds (a rule's detail, the NameID, an attribute's values, the RelayState). */
  readonly maxStoredTextChars: number;
  /** What all attempts keep together, in characters; the oldest attempts go first. */
  readonly maxStoredChars: number;
  /** Attempts kept per organization (and for attempts tied to none); the oldest go first. */
  readonly maxAttemptsPerOrganization: number;
  /** How long an AuthnRequest stays answerable, in ms. */
  readonly requestTtlMs: number;
  readonly maxOutstandingRequests: number;
  /** Assertion IDs remembered against replay, per organization, each until its NotOnOrAfter. */
  readonly maxUsedAssertionIds: number;
}

export const defaultLimits: SpMockLimits = {
  maxBodyBytes: 512 * 1024,
  maxFormFields: 20,
  maxResponseChars: 400_000,
  maxRelayStateBytes: 80,
  maxStoredSamlChars: 64 * 1024,
  maxStoredTextChars: 2 * 1024,
  maxStoredChars: 32 * 1024 * 1024,
  maxAttemptsPerOrganization: 500,
  requestTtlMs: 10 * 60_000,
  maxOutstandingRequests: 1_000,
  maxUsedAssertionIds: 10_000,
};
