/**
 * What a Keycloak page is, read with a real HTML parser: its login form, its one-time-code form, a
 * POST-binding form carrying a SAML response, the "Update Account Information" form, or another page
 * with its heading and message (an error page, a required action). What they mean is decided by their
 * message keys (keycloak-page-outcome.ts).
 */
import * as cheerio from 'cheerio';

export type KeycloakPage =
  | { kind: 'login-form'; action: string; error?: string }
  | { kind: 'post-binding'; action: string; samlResponse: string; relayState?: string }
  | { kind: 'otp-form'; action: string; error?: string }
  | { kind: 'update-profile'; action: string; missing: string[] }
  | { kind: 'error'; message: string; heading?: string }
  /** `heading`: the page's own title (#kc-page-title), where it has one. */
  | { kind: 'unknown'; title: string; heading?: string; text: string };

export function readKeycloakPage(html: string, url: string): KeycloakPage {
  const $ = cheerio.load(html);
  const absolute = (action: string | undefined) => new URL(action ?? url, url).toString();

  const postForm = $('form').filter((_, form) => $(form).find('input[name="SAMLResponse"]').length > 0).first();
  if (postForm.length) {
    const relayState = postForm.find('input[name="RelayState"]').attr('value');
    return {
      kind: 'post-binding',
      action: absolute(postForm.attr('action')),
      samlResponse: postForm.find('input[name="SAMLResponse"]').attr('value') ?? '',
      ...(relayState ? { relayState } : {}),
    };
  }

  const profileForm = $('form#kc-update-profile-form');
  if (profileForm.length) {
    // Fields the user must fill: marked invalid, or required and empty.
    const missing = profileForm
      .find('input')
      .filter((_, input) => {
        const field = $(input);
        return field.attr('aria-invalid') === 'true' || (field.attr('type') !== 'hidden' && !field.attr('value') && field.is('[required], [aria-required="true"]'));
      })
      .map((_, input) => $(input).attr('name') ?? '')
      .get()
      .filter(Boolean);
    return { kind: 'update-profile', action: absolute(profileForm.attr('action')), missing };
  }

  const formError = () =>
    text($('#input-error, #input-error-username, #input-error-otp-code, .kc-feedback-text, .pf-m-danger .pf-v5-c-alert__title, [data-testid="alert"]').first().text());
  const loginForm = $('form#kc-form-login');
  if (loginForm.length) {
    const error = formError();
    return { kind: 'login-form', action: absolute(loginForm.attr('action')), ...(error ? { error } : {}) };
  }
  const otpForm = $('form#kc-otp-login-form');
  if (otpForm.length) {
    const error = formError();
    return { kind: 'otp-form', action: absolute(otpForm.attr('action')), ...(error ? { error } : {}) };
  }

  const heading = text($('#kc-page-title').first().text());
  const headingField = heading ? { heading } : {};
  const errorMessage = text($('#kc-error-message .instruction, #kc-error-message p, .kc-error-message').first().text());
  if (errorMessage) return { kind: 'error', message: errorMessage, ...headingField };

  return { kind: 'unknown', title: text($('title').text()), ...headingField, text: text($('body').text()).slice(0, 500) };
}

function text(value: string): string {
  return value.replace(/\s+/g, ' ').trim();
}
