/** The two ways a login starts, as step lists. */
import type { LoginUser } from './driver.ts';
import { answerOneTimeCode, followToIdp, logIn, mistypePassword, openIdpInitiatedUrl, postResponseToAcs, readVerdict, startAtSp, type LoginStep } from './steps.ts';

interface AtKeycloak {
  user: LoginUser;
  /** Wrong passwords the user types first, at the same form. */
  failedAttemptsBefore?: number;
}

/** At Keycloak's login form: wrong passwords first, if any, then the user's, then a one-time code if the user has an authenticator. */
function atKeycloak({ user, failedAttemptsBefore = 0 }: AtKeycloak): LoginStep[] {
  return [
    ...Array.from({ length: failedAttemptsBefore }, (_, index) => mistypePassword(user, index + 1, failedAttemptsBefore)),
    logIn(user, { afterWrongPasswords: failedAttemptsBefore > 0 }),
    ...(user.authenticator ? [answerOneTimeCode(user.authenticator)] : []),
  ];
}

/** The user types their email at the SP, which sends them to Keycloak with an AuthnRequest. */
export function spInitiatedLogin(options: { loginUrl: string; email: string; relayState?: string } & AtKeycloak): LoginStep[] {
  return [startAtSp(options.loginUrl, options.email, options.relayState), followToIdp(), ...atKeycloak(options), postResponseToAcs(), readVerdict()];
}

/** The user starts at Keycloak's IdP-initiated URL; the SP gets an unsolicited response. */
export function idpInitiatedLogin(options: { idpInitiatedUrl: string } & AtKeycloak): LoginStep[] {
  return [openIdpInitiatedUrl(options.idpInitiatedUrl), ...atKeycloak(options), postResponseToAcs(), readVerdict()];
}

/** A login as data (plain JSON: `up` hands it to `verify` in another process). */
export type LoginPlan =
  | ({ flow: 'sp-initiated'; loginUrl: string; email: string; relayState?: string } & AtKeycloak)
  | ({ flow: 'idp-initiated'; idpInitiatedUrl: string } & AtKeycloak);

export function loginSteps(plan: LoginPlan): LoginStep[] {
  return plan.flow === 'idp-initiated' ? idpInitiatedLogin(plan) : spInitiatedLogin(plan);
}
