/** SAML messages as they cross the browser: inflated from the redirect, decoded from the POST form. */
import { inflateRawSync } from 'node:zlib';
import { DOMParser } from '@xmldom/xmldom';
import { prettyXml } from '../../sp-mock/index.ts';

export interface SamlMessage {
  kind: 'AuthnRequest' | 'Response';
  binding: 'HTTP-Redirect' | 'HTTP-POST';
  /** Where the message was sent. */
  to: string;
  relayState?: string;
  xml: string;
}

const statusNs = 'urn:oasis:names:tc:SAML:2.0:protocol';

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

export interface SamlStatus {
  /** e.g. urn:oasis:names:tc:SAML:2.0:status:Success */
  code: string;
  /** The second-level code, e.g. urn:oasis:names:tc:SAML:2.0:status:InvalidNameIDPolicy */
  subCode?: string;
}

/** The top-level and second-level status of a Response, read without trusting anything else in it. */
export function responseStatus(samlResponseBase64: string): SamlStatus | undefined {
  const document = new DOMParser({ errorHandler: () => {} }).parseFromString(
    Buffer.from(samlResponseBase64, 'base64').toString('utf8'),
    'text/xml',
  );
  const status = document.getElementsByTagNameNS(statusNs, 'Status')[0];
  const codes = status ? Array.from(status.getElementsByTagNameNS(statusNs, 'StatusCode')) : [];
  const code = codes[0]?.getAttribute('Value');
  if (!code) return undefined;
  const subCode = codes[1]?.getAttribute('Value');
  return subCode ? { code, subCode } : { code };
}
