/**
 * SP-initiated login (`GET /login?email=`), like typing an email at id.atlassian.com: the email's domain
 * picks the organization, and Atlassian's AuthnRequest goes to the IdP; or Atlassian's refusal.
 */
import type { Request, Response } from 'express';
import { domainOf, isEmail } from '../judge/account-checks.ts';
import type { RuleResult } from '../judge/types.ts';
import { buildAuthnRequest } from '../login/authn-request.ts';
import { spRules } from '../rules/catalogue.ts';
import type { Organization } from '../state/organization.ts';
import type { SpMockState } from '../state/sp-state.ts';
import { answerFailure } from './answers.ts';
import { queryString } from './query-string.ts';
import { failedAttempt } from './attempts.ts';
import { messagePage } from './pages.ts';

export function startLogin(state: SpMockState, req: Request, res: Response): void {
  const email = queryString(req.query.email)?.trim().toLowerCase() ?? '';
  const orgId = queryString(req.query.org);
  const relayState = queryString(req.query.relayState);
  if (!isEmail(email)) {
    res.status(400).type('html').send(messagePage('Enter a valid email address', `"${email}" is not an email address.`));
    return;
  }
  const domain = domainOf(email);
  let organization: Organization | undefined;
  const candidates = state.organizationsWithDomain(domain);
  if (orgId !== undefined) {
    organization = state.organization(orgId);
    if (organization === undefined) {
      res.status(404).type('html').send(messagePage('Unknown organization', `No organization has the id ${orgId}.`));
      return;
    }
  } else {
    const linked = candidates.filter((candidate) =>
      candidate.settings.domains.some((entry) => entry.name === domain && entry.verified && entry.linked),
    );
    if (linked.length > 1) {
      res
        .status(409)
        .type('html')
        .send(messagePage('Several organizations', `${linked.length} organizations link ${domain}; add &org=<id> to choose one.`));
      return;
    }
    organization = linked[0] ?? (candidates.length === 1 ? candidates[0] : undefined);
  }
  const entry = (organization === undefined ? candidates : [organization])
    .flatMap((candidate) => candidate.settings.domains)
    .find((candidate) => candidate.name === domain);
  const refuse = (code: 'SP_DOMAIN_UNKNOWN' | 'SP_DOMAIN_NOT_VERIFIED', detail: string, rules: RuleResult[]) => {
    const attempt = failedAttempt({
      orgId: organization?.id ?? '',
      flow: 'sp-initiated',
      code,
      detail,
      rules,
      ...(spRules[code].atLogin === undefined ? {} : { answer: spRules[code].atLogin }),
      ...(relayState === undefined ? {} : { relayState }),
      ...(state.fixes === undefined ? {} : { fixes: state.fixes }),
      sizes: state.limits,
    });
    state.recordAttempt(attempt);
    answerFailure(res, attempt);
  };
  if (entry === undefined) {
    const detail = `${domain} is not a domain of ${organization === undefined ? 'any organization' : 'this organization'}: Atlassian asks for a password instead of redirecting to SSO.`;
    refuse('SP_DOMAIN_UNKNOWN', detail, [{ code: 'SP_DOMAIN_UNKNOWN', status: 'fail', detail }]);
    return;
  }
  if (organization === undefined || !entry.verified || !entry.linked) {
    const detail = `${domain} is ${!entry.verified ? 'not verified' : 'not linked to the identity provider directory'}: Atlassian asks for a password instead of redirecting to SSO.`;
    refuse('SP_DOMAIN_NOT_VERIFIED', detail, [
      { code: 'SP_DOMAIN_UNKNOWN', status: 'pass', detail: `${domain} belongs to the organization.` },
      { code: 'SP_DOMAIN_NOT_VERIFIED', status: 'fail', detail },
    ]);
    return;
  }
  const request = buildAuthnRequest(
    {
      spEntityId: organization.spEntityId,
      acsUrl: organization.acsUrl(state.publicUrl),
      idp: organization.settings.idp,
      requestedNameIdFormat: organization.settings.requestedNameIdFormat,
    },
    relayState,
  );
  organization.outstandingRequests.set(
    request.id,
    { id: request.id, xml: request.xml, email, ...(relayState === undefined ? {} : { relayState }) },
    Date.now() + state.limits.requestTtlMs,
  );
  res.redirect(302, request.redirectUrl);
}
