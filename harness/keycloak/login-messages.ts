/**
 * The words of Keycloak's login pages, by message key: the English texts of the login theme's bundle
 * (theme/base/login/messages/messages_en.properties in keycloak-themes.jar), per version. A page a login
 * stopped at is recognised by the keys whose text it shows, never by English matched by hand; an
 * integration test reads the bundle of the version under test and compares.
 */
import { compareVersions } from './versions.ts';

const textsByVersion: ReadonlyArray<{ since: string; texts: Readonly<Record<string, string>> }> = [
  {
    since: '21.0.0',
    texts: {
      // Error pages (error.ftl shows the message; its title is errorTitle).
      errorTitle: 'We are sorry...',
      invalidRequesterMessage: 'Invalid requester',
      invalidRedirectUriMessage: 'Invalid redirect uri',
      invalidRequestMessage: 'Invalid Request',
      clientNotFoundMessage: 'Client not found.',
      clientDisabledMessage: 'Client disabled.',
      loginRequesterNotEnabledMessage: 'Login requester not enabled',
      unsupportedNameIdFormatMessage: 'Unsupported NameIDFormat',
      cookieNotFoundMessage: 'Cookie not found. Please make sure cookies are enabled in your browser.',
      pageNotFound: 'Page not found',
      realmNotEnabledMessage: 'Realm not enabled',
      unexpectedErrorHandlingRequestMessage: 'Unexpected error when handling authentication request to identity provider.',
      identityProviderUnexpectedErrorMessage: 'Unexpected error when authenticating with identity provider',
      failedToProcessResponseMessage: 'Failed to process response',
      expiredCodeMessage: 'Login timeout. Please sign in again.',
      staleCodeMessage: 'This page is no longer valid, please go back to your application and sign in again',
      invalidCodeMessage: 'An error occurred, please login again through your application.',
      emailSendErrorMessage: 'Failed to send email, please try again later.',
      // Messages on the login form.
      invalidUserMessage: 'Invalid username or password.',
      accountDisabledMessage: 'Account is disabled, contact your administrator.',
      accountTemporarilyDisabledMessage: 'Account is temporarily disabled; contact your administrator or retry later.',
      invalidTotpMessage: 'Invalid authenticator code.',
      // Page titles: the form a login stops at.
      loginAccountTitle: 'Sign in to your account',
      loginProfileTitle: 'Update Account Information',
      updatePasswordTitle: 'Update password',
      emailVerifyTitle: 'Email verification',
      loginTotpTitle: 'Mobile Authenticator Setup',
      termsTitle: 'Terms and Conditions',
    },
  },
  {
    // After 26.0.8 (the supported versions tell no closer) the bundle gave a locked-out user's key the
    // wrong-password text Keycloak had shown them all along (no account enumeration), and reworded the
    // lost-cookie page.
    since: '26.1.0',
    texts: {
      accountTemporarilyDisabledMessage: 'Invalid username or password.',
      cookieNotFoundMessage:
        'Restart login cookie not found. It may have expired; it may have been deleted or cookies are disabled in your browser. If cookies are disabled then enable them. Click Back to Application to login again.',
    },
  },
];

/** Every key the harness reads, for the test that compares them with a distribution's bundle. */
export const usedLoginMessageKeys: readonly string[] = Object.keys(textsByVersion[0]!.texts);

export function loginMessages(version: string): Readonly<Record<string, string>> {
  return Object.assign({}, ...textsByVersion.filter((entry) => compareVersions(version, entry.since) >= 0).map((entry) => entry.texts));
}

/** Every text a key has had, newest first: a page captured from an unknown version may show any. */
function textsOf(key: string): string[] {
  return [...new Set(textsByVersion.map((entry) => entry.texts[key]).filter((text): text is string => text !== undefined).reverse())];
}

const normalise = (text: string) => text.replace(/\s+/g, ' ').trim();

/**
 * The keys whose text a page shows, in the bundle's order. `exact`: the text is the whole message (a
 * page's message or title element); otherwise the message may sit anywhere in it (a page's body text).
 * Given a version, only its texts count; without one, any version's.
 */
export function loginMessageKeys(shown: string, options: { version?: string; exact?: boolean } = {}): string[] {
  const text = normalise(shown);
  if (!text) return [];
  const versionTexts = options.version ? loginMessages(options.version) : undefined;
  return usedLoginMessageKeys.filter((key) => {
    const candidates = versionTexts ? [versionTexts[key]!] : textsOf(key);
    return candidates.some((candidate) => {
      const wanted = normalise(candidate);
      return options.exact ? text === wanted || text === wanted.replace(/\.$/, '') : text.includes(wanted);
    });
  });
}
