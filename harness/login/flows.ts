/** The two ways a login starts, as step lists. */
import type { LoginUser } from './driver.ts';
import { followToIdp, logIn, openIdpInitiatedUrl, postResponseToAcs, readVerdict, startAtSp, type LoginStep } from './steps.ts';

/** The user types their email at the SP, which sends them to Keycloak with an AuthnRequest. */
export function spInitiatedLogin(options: { loginUrl: string; email: string; user: LoginUser; relayState?: string }): LoginStep[] {
  return [
    startAtSp(options.loginUrl, options.email, options.relayState),
    followToIdp(),
    logIn(options.user),
    postResponseToAcs(),
    readVerdict(),
  ];
}

/** The user starts at Keycloak's IdP-initiated URL; the SP gets an unsolicited response. */
export function idpInitiatedLogin(options: { idpInitiatedUrl: string; user: LoginUser }): LoginStep[] {
  return [openIdpInitiatedUrl(options.idpInitiatedUrl), logIn(options.user), postResponseToAcs(), readVerdict()];
}
