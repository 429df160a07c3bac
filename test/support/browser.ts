/**
 * Whether tests that drive a real browser can run here: a Chromium or Chrome the harness finds. Where
 * not, they are skipped and say why; with SAML_HARNESS_BROWSER_TESTS=required (as .ci/run sets it) they
 * fail instead, so that CI never passes by skipping them.
 */
import { HarnessError } from '../../harness/errors.ts';
import { findChromium } from '../../harness/login/drivers/chromium.ts';

export function browserUnusable(): string | undefined {
  let reason: string | undefined;
  try {
    findChromium();
  } catch (error) {
    if (!HarnessError.is(error, 'BROWSER_NOT_FOUND')) throw error;
    reason = error.message;
  }
  if (reason && process.env.SAML_HARNESS_BROWSER_TESTS === 'required') throw new Error(`SAML_HARNESS_BROWSER_TESTS=required, but no browser runs here: ${reason}`);
  if (reason) console.warn(`browser tests skipped: ${reason}`);
  return reason;
}
