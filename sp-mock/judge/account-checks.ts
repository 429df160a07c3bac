/** From the NameID to an Atlassian account: email, domain, SAML link, JIT, active, policy. */
import { atlassianAttribute } from './response-parts.ts';
import type { RuleBook } from './rule-book.ts';
import type { AccountChange, JudgedAccount, JudgedOrganization } from './types.ts';

// Deliberately plain: one @, something before it, a dotted domain after it, no spaces.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function isEmail(value: string): boolean {
  return EMAIL.test(value);
}

export function domainOf(email: string): string {
  return email.slice(email.lastIndexOf('@') + 1).toLowerCase();
}

const sameEmail = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

export interface AccountResult {
  readonly account?: { readonly email: string; readonly createdByJit: boolean };
  readonly change?: AccountChange;
}

function checkDomain(book: RuleBook, org: JudgedOrganization, email: string): boolean {
  const name = domainOf(email);
  const domain = org.domains.find((candidate) => candidate.name.toLowerCase() === name);
  if (domain === undefined) {
    book.fail('SP_DOMAIN_UNKNOWN', `${name} is not a domain of this organization.`);
    return false;
  }
  book.pass('SP_DOMAIN_UNKNOWN', `${name} belongs to this organization.`);
  if (!domain.verified || !domain.linked) {
    const state = !domain.verified ? 'not verified' : 'verified but not linked to the identity provider directory';
    book.fail('SP_DOMAIN_NOT_VERIFIED', `${name} is ${state}.`);
    return false;
  }
  book.pass('SP_DOMAIN_NOT_VERIFIED', `${name} is verified and linked.`);
  return true;
}

function findAccount(
  book: RuleBook,
  org: JudgedOrganization,
  email: string,
  linkId: string | undefined,
): { found: boolean; account?: JudgedAccount } {
  const byEmail = org.accounts.find((account) => sameEmail(account.email, email));
  const byLink = linkId === undefined ? undefined : org.accounts.find((account) => account.samlLinkId === linkId);
  if (byLink !== undefined && byEmail !== undefined && byLink !== byEmail) {
    book.fail(
      'SP_ACCOUNT_LINK_CONFLICT',
      `The SAML link "${linkId}" belongs to ${byLink.email}, but the NameID ${email} is another account.`,
    );
    return { found: false };
  }
  if (byEmail?.samlLinkId !== undefined && linkId !== undefined && byEmail.samlLinkId !== linkId) {
    book.fail(
      'SP_ACCOUNT_LINK_CONFLICT',
      `${byEmail.email} is SAML-linked to "${byEmail.samlLinkId}", but the response sends "${linkId}".`,
    );
    return { found: false };
  }
  book.pass('SP_ACCOUNT_LINK_CONFLICT', linkId === undefined ? 'No name attribute: the account is matched by email.' : `SAML link "${linkId}".`);
  const account = byLink ?? byEmail;
  return account === undefined ? { found: true } : { found: true, account };
}

function provisionJustInTime(
  book: RuleBook,
  org: JudgedOrganization,
  email: string,
  givenName: string | undefined,
  familyName: string | undefined,
  linkId: string | undefined,
): AccountResult | undefined {
  if (org.jit?.enabled !== true) {
    book.fail('SP_ACCOUNT_NOT_FOUND', `No managed account has the email ${email}, and JIT provisioning is off.`);
    book.skip('SP_JIT_NAMES_MISSING', 'JIT provisioning is off.');
    return undefined;
  }
  if (org.defaultPolicyEnforcesSso === false) {
    book.fail(
      'SP_ACCOUNT_NOT_FOUND',
      `No managed account has the email ${email}; JIT provisioning is on but cannot run: the default authentication policy does not enforce SSO.`,
    );
    book.skip('SP_JIT_NAMES_MISSING', 'JIT provisioning cannot run.');
    return undefined;
  }
  book.pass('SP_ACCOUNT_NOT_FOUND', `No managed account has the email ${email}; JIT provisioning creates one.`);
  if (givenName === undefined || familyName === undefined) {
    const missing = [givenName === undefined ? 'givenname' : '', familyName === undefined ? 'surname' : '']
      .filter(Boolean)
      .join(' and ');
    book.fail('SP_JIT_NAMES_MISSING', `The response has no ${missing} attribute.`);
    return undefined;
  }
  book.pass('SP_JIT_NAMES_MISSING', `JIT gets ${givenName} ${familyName}.`);
  book.pass('SP_ACCOUNT_DEACTIVATED', 'A JIT-created account is active.');
  book.pass('SP_POLICY_NOT_ENFORCING', 'A JIT-created account gets the default policy, which enforces SSO.');
  return {
    account: { email, createdByJit: true },
    change: {
      kind: 'create',
      account: linkId === undefined ? { email, givenName, familyName } : { email, givenName, familyName, samlLinkId: linkId },
    },
  };
}

export function checkAccount(
  book: RuleBook,
  org: JudgedOrganization,
  nameId: string | undefined,
  attributes: Readonly<Record<string, readonly string[]>>,
): AccountResult {
  if (nameId === undefined || nameId === '') {
    book.fail('SP_NAMEID_NOT_EMAIL', 'The assertion has no NameID.');
    return {};
  }
  if (!isEmail(nameId)) {
    book.fail('SP_NAMEID_NOT_EMAIL', `The NameID is "${nameId}", not an email address.`);
    return {};
  }
  book.pass('SP_NAMEID_NOT_EMAIL', `NameID ${nameId}.`);
  if (!checkDomain(book, org, nameId)) return {};
  const linkId = atlassianAttribute(attributes, 'name');
  const givenName = atlassianAttribute(attributes, 'givenName');
  const familyName = atlassianAttribute(attributes, 'surname');
  const { found, account } = findAccount(book, org, nameId, linkId);
  if (!found) return {};
  if (account === undefined) return provisionJustInTime(book, org, nameId, givenName, familyName, linkId) ?? {};
  book.pass('SP_ACCOUNT_NOT_FOUND', `Managed account ${account.email}.`);
  book.skip('SP_JIT_NAMES_MISSING', 'The account exists; JIT is not needed.');
  if (account.active === false) {
    book.fail('SP_ACCOUNT_DEACTIVATED', `${account.email} is deactivated.`);
    return {};
  }
  book.pass('SP_ACCOUNT_DEACTIVATED', `${account.email} is active.`);
  if (account.ssoEnforced === false) {
    book.fail('SP_POLICY_NOT_ENFORCING', `${account.email}'s authentication policy does not enforce SSO.`);
    return {};
  }
  book.pass('SP_POLICY_NOT_ENFORCING', `${account.email}'s authentication policy enforces SSO.`);
  // Atlassian updates the email just in time (SAML-linked accounts) and lets SAML names overwrite the profile.
  const set = {
    ...(sameEmail(account.email, nameId) ? {} : { email: nameId }),
    ...(givenName !== undefined && givenName !== account.givenName ? { givenName } : {}),
    ...(familyName !== undefined && familyName !== account.familyName ? { familyName } : {}),
    ...(linkId !== undefined && account.samlLinkId === undefined ? { samlLinkId: linkId } : {}),
  };
  return {
    account: { email: set.email ?? account.email, createdByJit: false },
    ...(Object.keys(set).length > 0 ? { change: { kind: 'update', email: account.email, set } } : {}),
  };
}
