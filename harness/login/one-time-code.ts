/** The code an authenticator app shows now, for a secret as Keycloak stores it (its UTF-8 bytes are the key). */
import { Secret, TOTP } from 'otpauth';

/** An authenticator: its secret and the realm's OTP policy it was set up under (Keycloak's defaults). */
export interface Authenticator {
  secret: string;
  digits: number;
  period: number;
  /** Keycloak's name: HmacSHA1, HmacSHA256 or HmacSHA512. */
  algorithm: string;
}

export function authenticator(secret: string, policy: { otpPolicyDigits?: number; otpPolicyPeriod?: number; otpPolicyAlgorithm?: string } = {}): Authenticator {
  return { secret, digits: policy.otpPolicyDigits ?? 6, period: policy.otpPolicyPeriod ?? 30, algorithm: policy.otpPolicyAlgorithm ?? 'HmacSHA1' };
}

export function oneTimeCode(device: Authenticator): () => string {
  const totp = new TOTP({ secret: Secret.fromUTF8(device.secret), digits: device.digits, period: device.period, algorithm: device.algorithm.replace(/^Hmac/, '') });
  return () => totp.generate();
}
