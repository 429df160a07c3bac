import { describe, expect, it } from 'vitest';
import { sshaHash } from '../../../harness/ldap/password-hash.ts';

describe('sshaHash', () => {
  it('matches {SSHA} computed independently (openssl sha1 over "secret" then salt 01..08)', () => {
    expect(sshaHash('secret', Buffer.from([1, 2, 3, 4, 5, 6, 7, 8]))).toBe('{SSHA}lHFzXul4wnzRItssVcTnvXWRjNgBAgMEBQYHCA==');
  });

  it('salts each hash anew', () => {
    expect(sshaHash('secret')).not.toBe(sshaHash('secret'));
  });
});
