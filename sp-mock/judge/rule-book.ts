/** Collects one result per rule while the judge works through them. */
import { checkOrder, type SpCheckCode } from '../rules/catalogue.ts';
import type { RuleResult } from './types.ts';

export interface Failure {
  readonly code: SpCheckCode;
  readonly detail: string;
  /** Values for the catalogue's `{name}` placeholders in Atlassian's text. */
  readonly params: Readonly<Record<string, string>>;
}

export class RuleBook {
  private readonly results = new Map<SpCheckCode, RuleResult>();
  private readonly failures: Failure[] = [];

  pass(code: SpCheckCode, detail?: string): void {
    this.results.set(code, detail === undefined ? { code, status: 'pass' } : { code, status: 'pass', detail });
  }

  fail(code: SpCheckCode, detail: string, params: Readonly<Record<string, string>> = {}): void {
    this.results.set(code, { code, status: 'fail', detail });
    this.failures.push({ code, detail, params });
  }

  skip(code: SpCheckCode, detail: string): void {
    this.results.set(code, { code, status: 'skipped', detail });
  }

  has(code: SpCheckCode): boolean {
    return this.results.has(code);
  }

  failed(code: SpCheckCode): boolean {
    return this.results.get(code)?.status === 'fail';
  }

  /** The first failure in rule order (not in the order rules were evaluated). */
  firstFailure(): Failure | undefined {
    const rank = (code: SpCheckCode) => checkOrder.indexOf(code);
    return [...this.failures].sort((a, b) => rank(a.code) - rank(b.code))[0];
  }

  /** Every rule in order; rules never reached are skipped, naming the failure that stopped them. */
  all(): RuleResult[] {
    const stop = this.firstFailure();
    const reason = stop ? `Not checked: ${stop.code} failed first.` : 'Not checked.';
    return checkOrder.map((code) => this.results.get(code) ?? { code, status: 'skipped', detail: reason });
  }
}
