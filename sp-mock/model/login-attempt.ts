/** One login as the mock SP saw it: outcome, the rule that decided, and the SAML exchanged. */
import type { SpRuleCode } from '../rules/catalogue.ts';
import type { AtlassianError, RuleResult } from '../judge/types.ts';

export interface LoginAttempt {
  readonly id: string;
  /** Empty when the attempt could not be tied to an organization (unknown connection or domain). */
  readonly orgId: string;
  readonly at: string;
  readonly flow: 'sp-initiated' | 'idp-initiated';
  readonly outcome: 'success' | 'failure';
  readonly code: SpRuleCode;
  readonly message: string;
  /** The specifics of the failing rule. */
  readonly detail?: string;
  readonly fix: string;
  readonly atlassianError?: AtlassianError;
  readonly nameId?: string;
  readonly nameIdFormat?: string;
  readonly attributes: Readonly<Record<string, readonly string[]>>;
  readonly relayState?: string;
  readonly rules: readonly RuleResult[];
  readonly saml: {
    /** Pretty-printed. */
    readonly authnRequestXml?: string;
    /** Pretty-printed (for reading; signatures do not survive pretty-printing). */
    readonly responseXml?: string;
    /** The SAMLResponse exactly as posted, to judge again offline. */
    readonly responseBase64?: string;
  };
  readonly account?: { readonly email: string; readonly createdByJit: boolean };
}
