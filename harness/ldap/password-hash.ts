import { createHash, randomBytes } from 'node:crypto';

/**
 * `{SSHA}` (salted SHA-1), the scheme OpenLDAP hashes with by default: stored passwords and the admin's
 * `rootpw` never sit in the directory or its configuration in clear, as in a real deployment.
 */
export function sshaHash(password: string, salt: Buffer = randomBytes(8)): string {
  const digest = createHash('sha1').update(password, 'utf8').update(salt).digest();
  return `{SSHA}${Buffer.concat([digest, salt]).toString('base64')}`;
}
