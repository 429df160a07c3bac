/** What the judge needs to know, and what it answers. */
import type { FixOverrides, SpCheckCode, SpRuleCode } from '../rules/catalogue.ts';

export interface JudgedAccount {
  readonly email: string;
  readonly givenName?: string;
  readonly familyName?: string;
  /** Default true. */
  readonly active?: boolean;
  /** Whether the user's authentication policy enforces SSO; default true. */
  readonly ssoEnforced?: boolean;
  readonly samlLinkId?: string;
}

/** The organization as the judge sees it; an `OrganizationView` is one. */
export interface JudgedOrganization {
  readonly spEntityId: string;
  readonly acsUrl: string;
  readonly idp: { readonly entityId: string; readonly certificate: string };
  readonly domains: readonly { readonly name: string; readonly verified: boolean; readonly linked: boolean }[];
  readonly accounts: readonly JudgedAccount[];
  readonly jit?: { readonly enabled: boolean };
  /** Whether the default authentication policy (the one JIT-created accounts get) enforces SSO; default true. */
  readonly defaultPolicyEnforcesSso?: boolean;
  /** Shifts the SP's clock for this organization (positive: the SP is ahead of the IdP). */
  readonly clockOffsetMs?: number;
}

/** Something that answers "do you hold this id?": a Set, or the SP's expiring stores. */
export interface IdLookup {
  has(id: string): boolean;
}

export interface JudgeContext {
  /** The real time of the judgement; the organization's clockOffsetMs is added to it. */
  readonly now: Date;
  /** The AuthnRequest ID the response must answer (offline judging of an SP-initiated login). */
  readonly expectedRequestId?: string;
  /** Requests this SP sent and still remembers; without it (and without expectedRequestId) a solicited response's InResponseTo is not judged. */
  readonly outstandingRequestIds?: IdLookup;
  /** Assertion IDs already used; without it replay is not judged. */
  readonly usedAssertionIds?: IdLookup;
  /** Allowed clock difference, default 3 minutes as Atlassian (Auth0) allows. */
  readonly clockSkewMs?: number;
  /** Largest SAMLResponse accepted, in characters. */
  readonly maxResponseChars?: number;
  /** The RelayState posted with the response; without it, none is judged. */
  readonly relayState?: string;
  /** Longest RelayState accepted, in bytes (the bindings' 80 by default). */
  readonly maxRelayStateBytes?: number;
  /** Replaces catalogue fix texts (for example with a Keycloak version's menu names). */
  readonly fixes?: FixOverrides;
  /** Judge the validity windows at the response's own IssueInstant, when it is readable (a captured response). */
  readonly atIssueInstant?: boolean;
}

export type RuleStatus = 'pass' | 'fail' | 'skipped';

export interface RuleResult {
  readonly code: SpCheckCode;
  readonly status: RuleStatus;
  readonly detail?: string;
  /** For a failure about elements of the response: their paths (see element-path.ts). */
  readonly at?: readonly string[];
}

/** What the response says about itself, as the judge read it (direct children only, never trusted). */
export interface ResponseSummary {
  readonly id?: string;
  readonly issueInstant?: string;
  readonly issuer?: string;
  readonly destination?: string;
  readonly inResponseTo?: string;
  /** The assertion's first Audience: Keycloak puts the client ID there. */
  readonly audience?: string;
  readonly status: { readonly code?: string; readonly subCode?: string };
}

/** The time the validity windows were judged at. */
export interface JudgedAt {
  readonly time: string;
  readonly source: 'now' | 'issue-instant';
  /** Why the IssueInstant, when it was asked for, could not be used. */
  readonly unreadable?: string;
}

export interface AtlassianError {
  readonly error?: string;
  readonly errorDescription?: string;
  readonly pageText: string;
}

/** What a successful login changes on the Atlassian side; the SP applies it, the judge only says it. */
export type AccountChange =
  | {
      readonly kind: 'create';
      readonly account: {
        readonly email: string;
        readonly givenName: string;
        readonly familyName: string;
        readonly samlLinkId?: string;
      };
    }
  | {
      readonly kind: 'update';
      /** The account's email before the change. */
      readonly email: string;
      readonly set: {
        readonly email?: string;
        readonly givenName?: string;
        readonly familyName?: string;
        readonly samlLinkId?: string;
      };
    };

export interface Verdict {
  readonly outcome: 'success' | 'failure';
  /** The first failing rule, or SUCCESS. */
  readonly code: SpRuleCode;
  readonly message: string;
  /** The first failing rule's specifics. */
  readonly detail?: string;
  readonly fix: string;
  /** What Atlassian would show; absent on success. */
  readonly atlassianError?: AtlassianError;
  /** sp-initiated when the response carries an InResponseTo. */
  readonly flow: 'sp-initiated' | 'idp-initiated';
  readonly inResponseTo?: string;
  readonly nameId?: string;
  readonly nameIdFormat?: string;
  readonly attributes: Readonly<Record<string, readonly string[]>>;
  /** Every rule, in order: pass, fail, or skipped (not reached or not applicable). */
  readonly rules: readonly RuleResult[];
  /** The decoded XML, as received; only once it is known to be XML without a DOCTYPE. */
  readonly xml?: string;
  /** What the response says about itself, once it could be read. */
  readonly response?: ResponseSummary;
  readonly judgedAt: JudgedAt;
  /** The assertion's ID and how long to remember it against replay (real clock). */
  readonly assertion?: { readonly id: string; readonly rememberUntil: string };
  /** True when the assertion passed every protocol rule, so it counts as used even if the account rules fail. */
  readonly consumesAssertion: boolean;
  readonly account?: { readonly email: string; readonly createdByJit: boolean };
  readonly accountChange?: AccountChange;
}
