/** From NameID to Atlassian account: domain, SAML link, JIT, active, policy. */
import { describe, expect, it } from 'vitest';
import { ATTR } from '../../../sp-mock/testing/keycloak-response.ts';
import { goodSignedResponse, judge, organization } from './support/judged-organization.ts';

const loginAs = (nameId: string, attributes: Record<string, string[]> = {}) =>
  goodSignedResponse({ nameId, attributes: { [ATTR.givenName]: ['Grace'], [ATTR.surname]: ['Hopper'], ...attributes } });

describe('account rules', () => {
  it('an email on a domain the organization does not have fails SP_DOMAIN_UNKNOWN', () => {
    const verdict = judge(loginAs('grace@elsewhere.test'));
    expect(verdict.code).toBe('SP_DOMAIN_UNKNOWN');
    expect(verdict.atlassianError?.errorDescription).toBe('authentication-policy-strategy-mismatch');
  });

  it('an email on an unverified domain fails SP_DOMAIN_NOT_VERIFIED', () => {
    expect(judge(loginAs('grace@unverified.example')).code).toBe('SP_DOMAIN_NOT_VERIFIED');
  });

  it('an email on a verified domain not linked to the SAML directory fails SP_DOMAIN_NOT_VERIFIED', () => {
    const verdict = judge(loginAs('grace@unlinked.example'));
    expect(verdict.code).toBe('SP_DOMAIN_NOT_VERIFIED');
    expect(verdict.detail).toContain('not linked');
  });

  it('a user nothing provisioned fails SP_ACCOUNT_NOT_FOUND ("user not found")', () => {
    const verdict = judge(loginAs('grace@example.com'));
    expect(verdict.code).toBe('SP_ACCOUNT_NOT_FOUND');
    expect(verdict.atlassianError?.pageText).toBe('user not found');
  });

  it('with JIT on, a first login with names creates the account', () => {
    const verdict = judge(loginAs('grace@example.com', { [ATTR.name]: ['kc-grace'] }), { org: organization({ jit: { enabled: true } }) });
    expect(verdict).toMatchObject({
      code: 'SUCCESS',
      account: { email: 'grace@example.com', createdByJit: true },
      accountChange: { kind: 'create', account: { email: 'grace@example.com', givenName: 'Grace', familyName: 'Hopper', samlLinkId: 'kc-grace' } },
    });
  });

  it('with JIT on, a first login without a given name fails SP_JIT_NAMES_MISSING', () => {
    const response = goodSignedResponse({ nameId: 'grace@example.com', attributes: { [ATTR.surname]: ['Hopper'] } });
    const verdict = judge(response, { org: organization({ jit: { enabled: true } }) });
    expect(verdict.code).toBe('SP_JIT_NAMES_MISSING');
    expect(verdict.detail).toContain('givenname');
  });

  it('with JIT on but a default policy that does not enforce SSO, the account is not found', () => {
    const verdict = judge(loginAs('grace@example.com'), { org: organization({ jit: { enabled: true }, defaultPolicyEnforcesSso: false }) });
    expect(verdict.code).toBe('SP_ACCOUNT_NOT_FOUND');
    expect(verdict.detail).toContain('default authentication policy');
  });

  it('a deactivated account fails SP_ACCOUNT_DEACTIVATED', () => {
    const verdict = judge(loginAs('dora@example.com'));
    expect(verdict.code).toBe('SP_ACCOUNT_DEACTIVATED');
    expect(verdict.atlassianError?.pageText).toBe("We're having trouble logging you in. This account has been deactivated");
  });

  it('an account whose policy does not enforce SSO fails SP_POLICY_NOT_ENFORCING', () => {
    const verdict = judge(loginAs('pat@example.com'));
    expect(verdict.code).toBe('SP_POLICY_NOT_ENFORCING');
    expect(verdict.atlassianError).toMatchObject({ error: 'access_denied', errorDescription: 'authentication-policy-strategy-mismatch' });
  });

  it('a SAML link pointing at one account while the NameID is another fails SP_ACCOUNT_LINK_CONFLICT', () => {
    const verdict = judge(loginAs('alice@example.com', { [ATTR.name]: ['kc-user-linked'] }));
    expect(verdict.code).toBe('SP_ACCOUNT_LINK_CONFLICT');
  });

  it('a SAML-linked account whose email changed at the IdP is found by its link and gets the new email', () => {
    const verdict = judge(loginAs('linked.renamed@example.com', { [ATTR.name]: ['kc-user-linked'] }));
    expect(verdict).toMatchObject({
      code: 'SUCCESS',
      accountChange: { kind: 'update', email: 'linked@example.com', set: { email: 'linked.renamed@example.com' } },
    });
  });

  it('the NameID matches the account email whatever its case', () => {
    expect(judge(loginAs('Alice@Example.COM')).code).toBe('SUCCESS');
  });
});
