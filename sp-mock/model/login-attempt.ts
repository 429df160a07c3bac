/** One login as the mock SP saw it: the verdict's outcome and rules, and the SAML exchanged. */
import type { Verdict } from '../judge/types.ts';

/** What a login attempt shares with the judge's verdict, field for field. */
type VerdictFields = Pick<
  Verdict,
  'flow' | 'outcome' | 'code' | 'message' | 'detail' | 'fix' | 'atlassianError' | 'nameId' | 'nameIdFormat' | 'attributes' | 'rules' | 'account'
>;

export interface LoginAttempt extends VerdictFields {
  readonly id: string;
  /** Empty when the attempt could not be tied to an organization (unknown connection or domain). */
  readonly orgId: string;
  readonly at: string;
  readonly relayState?: string;
  /** The Response's top-level and second-level StatusCode, as the judge read them. */
  readonly status?: { readonly code?: string; readonly subCode?: string };
  readonly saml: {
    /** Pretty-printed. */
    readonly authnRequestXml?: string;
    /** Pretty-printed (for reading; signatures do not survive pretty-printing). */
    readonly responseXml?: string;
    /** The SAMLResponse exactly as posted, to judge again offline. */
    readonly responseBase64?: string;
  };
}
