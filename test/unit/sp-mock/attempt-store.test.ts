/** The store of login attempts stays within its limits, oldest first, whatever it is given. */
import { describe, expect, it } from 'vitest';
import type { LoginAttempt } from '../../../sp-mock/model/login-attempt.ts';
import { AttemptStore, storedChars } from '../../../sp-mock/state/attempt-store.ts';

let next = 0;
const attempt = (orgId: string, payload = ''): LoginAttempt =>
  ({ id: `a${++next}`, orgId, at: '', flow: 'idp-initiated', outcome: 'failure', code: 'SP_BAD_ENCODING', message: '', fix: '', attributes: {}, rules: [], saml: { responseBase64: payload } }) as LoginAttempt;

describe('the attempt store', () => {
  it('keeps per organization the newest up to the limit, the organizations apart', () => {
    const store = new AttemptStore({ perOrganization: 2, totalChars: 1e9 });
    const [a, b, c, d] = [attempt('o1'), attempt('o1'), attempt('o2'), attempt('o1')];
    for (const each of [a, b, c, d]) store.record(each!);
    expect(store.list('o1')).toEqual([b, d]);
    expect(store.list('o2')).toEqual([c]);
    expect(store.get(a!.id)).toBeUndefined();
    expect(store.size).toBe(3);
  });

  it('drops the oldest attempts, of any organization, once their text passes the total', () => {
    const store = new AttemptStore({ perOrganization: 100, totalChars: 10_000 });
    const first = attempt('o1', 'x'.repeat(4000));
    store.record(first);
    for (let i = 0; i < 5; i++) store.record(attempt(`o${i}`, 'y'.repeat(4000)));
    expect(store.totalChars).toBeLessThanOrEqual(10_000);
    expect(store.get(first.id)).toBeUndefined();
    expect(store.size).toBe(2);
  });

  it('an organization deleted takes all its attempts with it', () => {
    const store = new AttemptStore({ perOrganization: 100, totalChars: 1e9 });
    const kept = attempt('o2');
    for (let i = 0; i < 10; i++) store.record(attempt('o1'));
    store.record(kept);
    store.deleteOrganization('o1');
    expect(store.size).toBe(1);
    expect(store.totalChars).toBe(storedChars(kept));
  });
});
