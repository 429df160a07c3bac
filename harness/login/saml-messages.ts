/** SAML messages as they cross the browser: inflated from the redirect, decoded from the POST form. */
import { inflateRawSync } from 'node:zlib';
import { prettyXml } from '../../sp-mock/index.ts';

export interface SamlMessage {
  kind: 'AuthnRequest' | 'Response';
  binding: 'HTTP-Redirect' | 'HTTP-POST';
  /** Where the message was sent. */
  to: string;
  relayState?: string;
  xml: string;
}

/** The AuthnRequest in an HTTP-Redirect URL (base64 of raw DEFLATE), or undefined when there is none. */
export function authnRequestFromRedirect(url: string): SamlMessage | undefined {
  const parsed = new URL(url);
  const encoded = parsed.searchParams.get('SAMLRequest');
  if (!encoded) return undefined;
  const xml = inflateRawSync(Buffer.from(encoded, 'base64')).toString('utf8');
  const relayState = parsed.searchParams.get('RelayState');
  return {
    kind: 'AuthnRequest',
    binding: 'HTTP-Redirect',
    to: `${parsed.origin}${parsed.pathname}`,
    ...(relayState ? { relayState } : {}),
    xml: prettyXml(xml),
  };
}

export function responseFromPost(action: string, samlResponse: string, relayState?: string): SamlMessage {
  return {
    kind: 'Response',
    binding: 'HTTP-POST',
    to: action,
    ...(relayState ? { relayState } : {}),
    xml: prettyXml(Buffer.from(samlResponse, 'base64').toString('utf8')),
  };
}
