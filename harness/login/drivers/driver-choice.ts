/** Which driver runs logins when no flag says: SAML_HARNESS_BROWSER (npm test reads it too). */
import { HarnessError } from '../../errors.ts';

export const browserEnvVariable = 'SAML_HARNESS_BROWSER';

/** `chromium`: the browser driver; unset or `http`: the HTTP driver. */
export function browserFromEnvironment(value = process.env[browserEnvVariable]): boolean {
  if (value === undefined || value === '' || value === 'http') return false;
  if (value === 'chromium') return true;
  throw new HarnessError('USAGE', `${browserEnvVariable} is "${value}"`, 'Set it to chromium (a real browser) or http (the default), or leave it unset.');
}
