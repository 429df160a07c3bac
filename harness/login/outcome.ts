/** How a login ended, as the runner judges it: where it stopped, a stable code, and what to do. */
import type { LoginAttempt } from '../../sp-mock/index.ts';
import type { DriverName } from './driver.ts';
import type { HarLog } from './har.ts';
import type { Hop } from './http-session.ts';
import type { SamlMessage } from './saml-messages.ts';

export type KeycloakOutcomeCode =
  | 'KEYCLOAK_INVALID_REQUESTER'
  | 'KEYCLOAK_INVALID_REDIRECT_URI'
  | 'KEYCLOAK_INVALID_REQUEST'
  | 'KEYCLOAK_CLIENT_NOT_FOUND'
  | 'KEYCLOAK_REQUESTER_NOT_ENABLED'
  | 'KEYCLOAK_UNSUPPORTED_NAMEID_FORMAT'
  | 'KEYCLOAK_RESTART_COOKIE_NOT_FOUND'
  | 'KEYCLOAK_PAGE_NOT_FOUND'
  | 'KEYCLOAK_UNEXPECTED_ERROR'
  | 'KEYCLOAK_LDAP_UNREACHABLE'
  | 'KEYCLOAK_LDAP_BIND_FAILED'
  | 'KEYCLOAK_ERROR_PAGE'
  | 'KEYCLOAK_INVALID_CREDENTIALS'
  | 'KEYCLOAK_USER_DISABLED'
  | 'KEYCLOAK_USER_TEMPORARILY_LOCKED'
  | 'KEYCLOAK_REALM_DISABLED'
  | 'KEYCLOAK_FAILED_TO_PROCESS_RESPONSE'
  | 'KEYCLOAK_LOGIN_EXPIRED'
  | 'KEYCLOAK_INVALID_OTP'
  | 'KEYCLOAK_OTP_REQUIRED'
  | 'KEYCLOAK_UPDATE_PASSWORD'
  | 'KEYCLOAK_VERIFY_EMAIL'
  | 'KEYCLOAK_EMAIL_SEND_FAILED'
  | 'KEYCLOAK_CONFIGURE_OTP'
  | 'KEYCLOAK_TERMS_AND_CONDITIONS'
  | 'KEYCLOAK_UPDATE_PROFILE'
  | 'KEYCLOAK_INVALID_NAMEID_POLICY'
  | 'KEYCLOAK_SAML_ERROR';

export type DriverOutcomeCode = 'DRIVER_UNEXPECTED_PAGE' | 'DRIVER_NETWORK_ERROR' | 'HARNESS_SETUP_FAILED';

export type OutcomeCode = 'SUCCESS' | KeycloakOutcomeCode | DriverOutcomeCode | LoginAttempt['code'];

export interface LoginOutcome {
  result: 'success' | 'failure';
  /**
   * Who stopped the login: Keycloak (the IdP), the SP (mock Atlassian), the browser (nothing answered), or
   * the harness itself (it could not set the scenario up).
   */
  where: 'keycloak' | 'sp' | 'browser' | 'harness';
  code: OutcomeCode;
  /** A plain sentence. */
  message: string;
  /** What to change; in the words of the Keycloak admin console where the fix is there. */
  fix?: string;
  /** What the user saw: the Keycloak page text or Atlassian's error. */
  seen?: string;
  /** The step at which the login stopped. */
  step: { index: number; name: string };
  /** The SP's record of the login, when it got that far. */
  attempt?: LoginAttempt;
}

export interface StepRecord {
  index: number;
  name: string;
  ms: number;
  /** Where the step left the browser. */
  landedAt?: string;
  status?: number;
}

export interface LoginTrace {
  /** Which driver ran the login; absent where none ran (a scenario that could not be set up). */
  driver?: DriverName;
  steps: StepRecord[];
  hops: Hop[];
  messages: SamlMessage[];
  /** Keycloak's own log lines for the failure (its event listener's `type=…_ERROR, error=…`), when it stopped the login. */
  keycloakEvents?: string[];
}

export interface LoginRun {
  outcome: LoginOutcome;
  trace: LoginTrace;
  ms: number;
  /** The login as HAR 1.2, passwords redacted. */
  har: HarLog;
  /** The page the user saw at the end, a base64 JPEG (the browser driver only). */
  screenshot?: string;
}
