/** sp-mock: a mock Atlassian Cloud SAML service provider that checks what Atlassian checks. */
export { startSpMock, StartedSpMock, type StartSpMockOptions } from './server.ts';
export { SpMockClient, SpMockRequestError } from './client.ts';
export { createSpMockApp, type SpMockApp } from './http/app.ts';
export { ATTEMPT_HEADER, ATTEMPT_SCRIPT_ID } from './http/pages.ts';
export { SpMockState, type SpMockOptions } from './state/sp-state.ts';
export { defaultLimits, type SpMockLimits } from './state/limits.ts';
export { judgeResponse } from './judge/judge.ts';
export { elementPath } from './judge/element-path.ts';
export { annotatedLines, marksFor, markedXmlHtml, type Mark } from './judge/annotate.ts';
export { readPastedCertificate } from './judge/certificate.ts';
export { prettyXml } from './http/attempts.ts';
export { ATLASSIAN_ATTRIBUTES, STATUS_SUCCESS } from './judge/xml-names.ts';
export type {
  AccountChange,
  AtlassianError,
  IdLookup,
  JudgeContext,
  JudgedAccount,
  JudgedAt,
  JudgedOrganization,
  ResponseSummary,
  RuleResult,
  RuleStatus,
  Verdict,
} from './judge/types.ts';
export {
  checkOrder,
  spRuleFix,
  spRuleCodes,
  spRules,
  type AtlassianAnswer,
  type FixOverrides,
  type SpCheckCode,
  type SpRule,
  type SpRuleCode,
} from './rules/catalogue.ts';
export {
  DEFAULT_REQUESTED_NAMEID_FORMAT,
  organizationInputSchema,
  organizationPatchSchema,
  type AccountInput,
  type AccountView,
  type DomainView,
  type OrganizationInput,
  type OrganizationPatch,
  type OrganizationView,
} from './model/organization.ts';
export { rulesForAtlassianAnswer, type AtlassianAnswerSeen } from './rules/answer-matching.ts';
export { atlassianAcsUrl, atlassianOrigin, atlassianSpEntityId, connectionIdOf, connectionIdOfSpEntityId } from './model/atlassian-urls.ts';
export type { LoginAttempt } from './model/login-attempt.ts';
export type { AdminErrorBody, AdminErrorCode } from './http/admin-routes.ts';
