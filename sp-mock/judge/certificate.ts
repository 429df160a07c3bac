/** Reads the certificate an admin pasted into Atlassian ("Public x509 certificate"). */
import { createHash, createPublicKey, X509Certificate, type KeyObject } from 'node:crypto';

export interface ReadCertificate {
  readonly ok: true;
  /** SHA-1 of the DER, upper-case hex: the "thumbprint" Atlassian's messages talk about. */
  readonly thumbprint: string;
  readonly subject: string;
  /** What signatures are verified with. */
  readonly publicKey: KeyObject;
}

export type CertificateResult = ReadCertificate | { readonly ok: false; readonly detail: string };

const PEM_ARMOUR = /-----(BEGIN|END) CERTIFICATE-----/g;
// Line breaks, tabs and spaces are how a PEM is laid out; any other character is a stray one.
const LAYOUT = /[ \t\r\n]+/g;
const BASE64_CHAR = /[A-Za-z0-9+/=]/;

export function thumbprintOf(der: Buffer): string {
  return createHash('sha1').update(der).digest('hex').toUpperCase();
}

function describeCharacter(character: string): string {
  const codePoint = character.codePointAt(0) ?? 0;
  return `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`;
}

// Organizations keep their certificate for many logins; reading it once saves a parse per response.
const RECENTLY_READ_LIMIT = 64;
const recentlyRead = new Map<string, CertificateResult>();

/**
 * Tolerates what Atlassian tolerates (surrounding whitespace, line breaks, missing BEGIN/END lines)
 * and refuses the rest: stray control or invisible characters make it unreadable (ACCESS-1498).
 */
export function readPastedCertificate(pasted: string): CertificateResult {
  const known = recentlyRead.get(pasted);
  if (known !== undefined) return known;
  const result = readUncached(pasted);
  if (recentlyRead.size >= RECENTLY_READ_LIMIT) recentlyRead.delete(recentlyRead.keys().next().value ?? '');
  recentlyRead.set(pasted, result);
  return result;
}

function readUncached(pasted: string): CertificateResult {
  const body = pasted.replace(PEM_ARMOUR, '').replace(LAYOUT, '');
  if (body.length === 0) return { ok: false, detail: 'The certificate is empty.' };
  for (let index = 0; index < body.length; index++) {
    const character = body.charAt(index);
    if (!BASE64_CHAR.test(character)) {
      return {
        ok: false,
        detail: `The certificate contains the character ${describeCharacter(character)}, which has no place in a PEM certificate (position ${index} of the base64 body).`,
      };
    }
  }
  const der = Buffer.from(body, 'base64');
  try {
    const certificate = new X509Certificate(der);
    return {
      ok: true,
      thumbprint: thumbprintOf(der),
      subject: certificate.subject.replace(/\n/g, ', '),
      publicKey: createPublicKey(certificate.toString()),
    };
  } catch (error) {
    return {
      ok: false,
      detail: `The certificate is not a readable X.509 certificate (${error instanceof Error ? error.message : String(error)}).`,
    };
  }
}
