/**
 * The SAML Web SSO profile's requirements on what the IdP really signed (saml-profiles-2.0-os §4.1.4.2),
 * and the bindings' on RelayState (saml-bindings-2.0-os §3.5.3): enforced although Auth0's library, whose
 * words Atlassian's answers match, is looser.
 */
import { describe, expect, it } from 'vitest';
import { contextAt, goodSignedResponse, judge, statusOf } from './support/judged-organization.ts';

describe('the bearer subject confirmation', () => {
  it('the recommended response has one, with Recipient and NotOnOrAfter, and logs in', () => {
    const verdict = judge(goodSignedResponse());
    expect(verdict.code).toBe('SUCCESS');
    expect(statusOf(verdict, 'SP_BEARER_CONFIRMATION_MISSING')).toBe('pass');
  });

  it.each([
    ['no SubjectConfirmation at all', { subjectConfirmation: 'none' as const }, /lacks a bearer SubjectConfirmation/],
    ['a holder-of-key confirmation only', { subjectConfirmation: 'holder-of-key' as const }, /lacks a bearer SubjectConfirmation/],
    ['a bearer confirmation without NotOnOrAfter', { subjectLifetimeMs: null }, /lacks a NotOnOrAfter/],
    ['a bearer confirmation without Recipient', { recipient: null }, /lacks a Recipient/],
  ])('an assertion the IdP really signed with %s fails SP_BEARER_CONFIRMATION_MISSING', (_what, changes, detail) => {
    const verdict = judge(goodSignedResponse(changes));
    expect(statusOf(verdict, 'SP_SIGNATURE_INVALID')).toBe('pass');
    expect(verdict.code).toBe('SP_BEARER_CONFIRMATION_MISSING');
    expect(verdict.detail).toMatch(detail);
    expect(verdict.outcome).toBe('failure');
  });

  it('a refused response is not remembered as used: only a login (or an account-stage refusal) consumes its assertion', () => {
    expect(judge(goodSignedResponse({ subjectLifetimeMs: null })).consumesAssertion).toBe(false);
  });
});

describe('the RelayState', () => {
  it('of 80 bytes passes; of 81 fails SP_RELAY_STATE_TOO_LONG, counted in bytes, not characters', () => {
    const ok = judge(goodSignedResponse(), { context: contextAt(undefined, { relayState: 'x'.repeat(80) }) });
    expect(ok.code).toBe('SUCCESS');
    const long = judge(goodSignedResponse(), { context: contextAt(undefined, { relayState: 'x'.repeat(81) }) });
    expect([long.code, long.detail]).toEqual(['SP_RELAY_STATE_TOO_LONG', 'The RelayState has 81 bytes; the limit is 80.']);
    const wide = judge(goodSignedResponse(), { context: contextAt(undefined, { relayState: 'é'.repeat(41) }) });
    expect(wide.code).toBe('SP_RELAY_STATE_TOO_LONG');
  });

  it('the limit is a setting', () => {
    const verdict = judge(goodSignedResponse(), { context: contextAt(undefined, { relayState: 'x'.repeat(200), maxRelayStateBytes: 256 }) });
    expect(verdict.code).toBe('SUCCESS');
  });
});
