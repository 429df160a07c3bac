/** Validity windows, judged on the organization's clock with Atlassian's 3 minutes of skew. */
import type { AssertionParts } from './response-parts.ts';
import type { RuleBook } from './rule-book.ts';

export const DEFAULT_CLOCK_SKEW_MS = 3 * 60_000;

interface Clock {
  /** The SP's time for this organization, in ms. */
  readonly now: number;
  readonly skewMs: number;
}

function bounds(assertion: AssertionParts): { notBefore: [string, string][]; notOnOrAfter: [string, string][] } {
  const notBefore: [string, string][] = [];
  const notOnOrAfter: [string, string][] = [];
  const add = (list: [string, string][], label: string, value: string | undefined) => {
    if (value !== undefined) list.push([label, value]);
  };
  add(notBefore, 'Conditions NotBefore', assertion.conditions?.notBefore);
  add(notBefore, 'SubjectConfirmationData NotBefore', assertion.bearer?.notBefore);
  add(notOnOrAfter, 'Conditions NotOnOrAfter', assertion.conditions?.notOnOrAfter);
  add(notOnOrAfter, 'SubjectConfirmationData NotOnOrAfter', assertion.bearer?.notOnOrAfter);
  add(notOnOrAfter, 'AuthnStatement SessionNotOnOrAfter', assertion.sessionNotOnOrAfter);
  return { notBefore, notOnOrAfter };
}

const inSeconds = (ms: number) => `${Math.round(ms / 1000)} s`;

/** SAML times are UTC; one written without a zone is read as UTC, not as this machine's local time. */
export function instant(value: string): number {
  return Date.parse(/(?:[zZ]|[+-]\d\d:\d\d)$/.test(value) ? value : `${value}Z`);
}

export function checkTimes(book: RuleBook, assertion: AssertionParts, clock: Clock): void {
  const { notBefore, notOnOrAfter } = bounds(assertion);
  const spTime = new Date(clock.now).toISOString();
  // Written as negations so that an unreadable time fails instead of passing.
  const early = notBefore.find(([, value]) => !(instant(value) <= clock.now + clock.skewMs));
  if (early !== undefined) {
    book.fail(
      'SP_ASSERTION_NOT_YET_VALID',
      Number.isNaN(instant(early[1]))
        ? `${early[0]} "${early[1]}" is not a readable time.`
        : `${early[0]} is ${early[1]}, ${inSeconds(instant(early[1]) - clock.now)} after the SP's clock (${spTime}); ${inSeconds(clock.skewMs)} of skew are allowed.`,
    );
  } else {
    book.pass('SP_ASSERTION_NOT_YET_VALID', `Valid from the SP's clock (${spTime}).`);
  }
  const late = notOnOrAfter.find(([, value]) => !(clock.now - clock.skewMs < instant(value)));
  if (late !== undefined) {
    book.fail(
      'SP_ASSERTION_EXPIRED',
      Number.isNaN(instant(late[1]))
        ? `${late[0]} "${late[1]}" is not a readable time.`
        : `${late[0]} is ${late[1]}, ${inSeconds(clock.now - instant(late[1]))} before the SP's clock (${spTime}); ${inSeconds(clock.skewMs)} of skew are allowed.`,
    );
  } else {
    book.pass('SP_ASSERTION_EXPIRED', `Not expired at the SP's clock (${spTime}).`);
  }
}

/** Until when (SP clock, ms) the assertion could still pass the time checks: how long to remember its ID. */
export function validUntil(assertion: AssertionParts, clock: Clock): number {
  const ends = bounds(assertion)
    .notOnOrAfter.map(([, value]) => instant(value))
    .filter(Number.isFinite);
  // Without any end the assertion never expires; remember it for a day, longer than any real login.
  const end = ends.length > 0 ? Math.min(...ends) : clock.now + 24 * 60 * 60_000;
  return end + clock.skewMs;
}
