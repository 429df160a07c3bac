/** Short, URL-safe, random identifiers. */
import { randomBytes } from 'node:crypto';

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

export function newId(length: number): string {
  let id = '';
  while (id.length < length) {
    for (const byte of randomBytes(length)) {
      // 252 = 7 × 36: larger bytes are dropped so that every character is equally likely.
      if (byte < 252 && id.length < length) id += ALPHABET.charAt(byte % 36);
    }
  }
  return id;
}
