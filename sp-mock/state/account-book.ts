/** An organization's managed accounts, keyed by lower-cased email. */
import type { AccountChange } from '../judge/types.ts';
import type { AccountView } from '../model/organization.ts';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
export type ManagedAccount = Mutable<AccountView>;

const key = (email: string) => email.toLowerCase();

export class AccountBook {
  private readonly accounts = new Map<string, ManagedAccount>();

  get(email: string): ManagedAccount | undefined {
    return this.accounts.get(key(email));
  }

  /** Copies, so callers cannot change the book behind its back. */
  list(): AccountView[] {
    return [...this.accounts.values()].map((account) => ({ ...account }));
  }

  add(account: AccountView): ManagedAccount {
    const stored: ManagedAccount = { ...account, email: key(account.email) };
    this.accounts.set(stored.email, stored);
    return stored;
  }

  replaceAll(accounts: readonly AccountView[]): void {
    this.accounts.clear();
    for (const account of accounts) this.add(account);
  }

  /** Moves an account to a new email; the caller has checked the new one is free. */
  rename(account: ManagedAccount, email: string): void {
    this.accounts.delete(key(account.email));
    account.email = key(email);
    this.accounts.set(account.email, account);
  }

  /** Applies what a successful SAML login changes: a JIT account, or names, email and link updated. */
  apply(change: AccountChange, defaultPolicyEnforcesSso: boolean): void {
    if (change.kind === 'create') {
      this.add({ ...change.account, active: true, ssoEnforced: defaultPolicyEnforcesSso, source: 'jit' });
      return;
    }
    const account = this.get(change.email);
    if (account === undefined) return;
    const { email, ...rest } = change.set;
    if (email !== undefined && this.get(email) === undefined) this.rename(account, email);
    Object.assign(account, rest);
  }
}
