/**
 * Builds SAML responses shaped like Keycloak 26's default: Response signed (RSA-SHA256, exclusive
 * c14n, KeyName + X509Certificate in KeyInfo), Assertion unsigned, Conditions 60 s,
 * SubjectConfirmationData 5 min, InResponseTo on both. Defects are options or edits of the result.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { DOMParser, XMLSerializer } from '@xmldom/xmldom';
import escapeHtml from 'escape-html';
import { SignedXml } from 'xml-crypto';

const fixture = (name: string) => readFileSync(new URL(`./keys/${name}`, import.meta.url), 'utf8');

/** A key pair made for these tests only; it signs nothing else. */
export const TEST_IDP = {
  key: fixture('idp-signing.test-only.key.pem'),
  certificate: fixture('idp-signing.test-only.cert.pem'),
};
/** Another test-only key pair: a rotated or foreign IdP key. */
export const OTHER_IDP = {
  key: fixture('idp-rotated.test-only.key.pem'),
  certificate: fixture('idp-rotated.test-only.cert.pem'),
};

export const IDP_ENTITY_ID = 'http://127.0.0.1:8080/realms/atlassian';
export const IDP_SSO_URL = 'http://127.0.0.1:8080/realms/atlassian/protocol/saml';

// What escapes HTML escapes XML text and attributes too.
const escapeXml = escapeHtml;

export interface KeycloakResponseOptions {
  readonly now: Date;
  readonly acsUrl: string;
  readonly audience: string;
  readonly issuer?: string;
  /** null leaves the attribute out. */
  readonly destination?: string | null;
  readonly recipient?: string | null;
  readonly inResponseTo?: string;
  readonly nameId?: string;
  readonly nameIdFormat?: string;
  readonly attributes?: Readonly<Record<string, readonly string[]>>;
  readonly issuedAt?: Date;
  readonly conditionsLifetimeMs?: number;
  /** null leaves SubjectConfirmationData's NotOnOrAfter out. */
  readonly subjectLifetimeMs?: number | null;
  /** The SubjectConfirmation's Method; `none` leaves the SubjectConfirmation out. */
  readonly subjectConfirmation?: 'bearer' | 'holder-of-key' | 'none';
  readonly statusCode?: string;
  readonly subStatusCode?: string;
  readonly responseId?: string;
  readonly assertionId?: string;
}

export const ATTR = {
  givenName: 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/givenname',
  surname: 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/surname',
  name: 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name',
  emailAddress: 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress',
} as const;

function attributeXml(name: string, values: readonly string[]): string {
  const valueXml = values
    .map(
      (value) =>
        `<saml:AttributeValue xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="xs:string">${escapeXml(value)}</saml:AttributeValue>`,
    )
    .join('');
  return `<saml:Attribute Name="${escapeXml(name)}" NameFormat="urn:oasis:names:tc:SAML:2.0:attrname-format:basic">${valueXml}</saml:Attribute>`;
}

function subjectConfirmationXml(options: KeycloakResponseOptions, inResponseTo: string, recipient: string, iso: (offsetMs: number) => string): string {
  const method = options.subjectConfirmation ?? 'bearer';
  if (method === 'none') return '';
  const notOnOrAfter = options.subjectLifetimeMs === null ? '' : ` NotOnOrAfter="${iso(options.subjectLifetimeMs ?? 300_000)}"`;
  return `<saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:${method}"><saml:SubjectConfirmationData${inResponseTo}${notOnOrAfter}${recipient}/></saml:SubjectConfirmation>`;
}

/** An unsigned Keycloak-shaped response. */
export function keycloakResponseXml(options: KeycloakResponseOptions): string {
  const issued = options.issuedAt ?? options.now;
  const iso = (offsetMs: number) => new Date(issued.getTime() + offsetMs).toISOString();
  const issuer = escapeXml(options.issuer ?? IDP_ENTITY_ID);
  const inResponseTo = options.inResponseTo === undefined ? '' : ` InResponseTo="${escapeXml(options.inResponseTo)}"`;
  const destination = options.destination === null ? '' : ` Destination="${escapeXml(options.destination ?? options.acsUrl)}"`;
  const recipient = options.recipient === null ? '' : ` Recipient="${escapeXml(options.recipient ?? options.acsUrl)}"`;
  const status = options.statusCode ?? 'urn:oasis:names:tc:SAML:2.0:status:Success';
  const subStatus = options.subStatusCode === undefined ? '' : `<samlp:StatusCode Value="${options.subStatusCode}"/>`;
  const statusXml = `<samlp:Status><samlp:StatusCode Value="${status}">${subStatus}</samlp:StatusCode></samlp:Status>`;
  const attributes = Object.entries(options.attributes ?? { Role: ['default-roles-atlassian', 'offline_access'] });
  const attributeStatement =
    attributes.length === 0
      ? ''
      : `<saml:AttributeStatement>${attributes.map(([name, values]) => attributeXml(name, values)).join('')}</saml:AttributeStatement>`;
  const assertion =
    status !== 'urn:oasis:names:tc:SAML:2.0:status:Success'
      ? ''
      : `<saml:Assertion xmlns="urn:oasis:names:tc:SAML:2.0:assertion" ID="${options.assertionId ?? `ID_${randomUUID()}`}" IssueInstant="${iso(0)}" Version="2.0">` +
        `<saml:Issuer>${issuer}</saml:Issuer>` +
        `<saml:Subject><saml:NameID Format="${options.nameIdFormat ?? 'urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified'}">${escapeXml(options.nameId ?? 'alice')}</saml:NameID>` +
        subjectConfirmationXml(options, inResponseTo, recipient, iso) +
        `</saml:Subject>` +
        `<saml:Conditions NotBefore="${iso(0)}" NotOnOrAfter="${iso(options.conditionsLifetimeMs ?? 60_000)}"><saml:AudienceRestriction><saml:Audience>${escapeXml(options.audience)}</saml:Audience></saml:AudienceRestriction></saml:Conditions>` +
        `<saml:AuthnStatement AuthnInstant="${iso(0)}" SessionIndex="${randomUUID()}::${randomUUID()}"><saml:AuthnContext><saml:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:unspecified</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement>` +
        attributeStatement +
        `</saml:Assertion>`;
  return (
    `<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion"${destination} ID="${options.responseId ?? `ID_${randomUUID()}`}"${inResponseTo} IssueInstant="${iso(0)}" Version="2.0">` +
    `<saml:Issuer>${issuer}</saml:Issuer>${statusXml}${assertion}</samlp:Response>`
  );
}

const RSA_SHA256 = 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256';
const EXC_C14N = 'http://www.w3.org/2001/10/xml-exc-c14n#';
const ENVELOPED = 'http://www.w3.org/2000/09/xmldsig#enveloped-signature';
const SHA256 = 'http://www.w3.org/2001/04/xmlenc#sha256';

/** Keycloak's client settings "Signature algorithm" and "Canonicalization method", as XML-DSig URIs. */
export interface SigningChoice {
  readonly signatureAlgorithm?: string;
  readonly canonicalization?: string;
}

function sign(xml: string, elementXpath: string, keys: { key: string; certificate: string }, choice: SigningChoice): string {
  const certificateBody = keys.certificate.replace(/-----(BEGIN|END) CERTIFICATE-----|\s/g, '');
  const canonicalization = choice.canonicalization ?? EXC_C14N;
  const signer = new SignedXml({
    privateKey: keys.key,
    publicCert: keys.certificate,
    signatureAlgorithm: choice.signatureAlgorithm ?? RSA_SHA256,
    canonicalizationAlgorithm: canonicalization,
    getKeyInfoContent: () =>
      `<dsig:KeyName>test-only-kid</dsig:KeyName><dsig:X509Data><dsig:X509Certificate>${certificateBody}</dsig:X509Certificate></dsig:X509Data>`,
  });
  signer.addReference({ xpath: elementXpath, transforms: [ENVELOPED, canonicalization], digestAlgorithm: SHA256 });
  signer.computeSignature(xml, {
    prefix: 'dsig',
    location: { reference: `${elementXpath}/*[local-name(.)='Issuer']`, action: 'after' },
  });
  return signer.getSignedXml();
}

const RESPONSE = "/*[local-name(.)='Response']";
const ASSERTION = "/*[local-name(.)='Response']/*[local-name(.)='Assertion']";

/** Signs the Response, as Keycloak's "Sign documents" does. */
export const signResponse = (xml: string, keys = TEST_IDP, choice: SigningChoice = {}) => sign(xml, RESPONSE, keys, choice);
/** Signs the Assertion, as Keycloak's "Sign assertions" does. */
export const signAssertion = (xml: string, keys = TEST_IDP, choice: SigningChoice = {}) => sign(xml, ASSERTION, keys, choice);

export const toBase64 = (xml: string) => Buffer.from(xml, 'utf8').toString('base64');

/** Edits a response in flight: parse, change, serialise (as Keycloak's test client's transformDocument). */
export function transformDocument(xml: string, change: (document: Document) => void): string {
  const document = new DOMParser().parseFromString(xml, 'text/xml');
  change(document);
  return new XMLSerializer().serializeToString(document);
}

export const SAML_NS = {
  protocol: 'urn:oasis:names:tc:SAML:2.0:protocol',
  assertion: 'urn:oasis:names:tc:SAML:2.0:assertion',
  dsig: 'http://www.w3.org/2000/09/xmldsig#',
} as const;

/** The first element with this namespace and local name. */
export function elementOf(document: Document, namespace: string, localName: string): Element {
  const element = document.getElementsByTagNameNS(namespace, localName)[0];
  if (element === undefined) throw new Error(`no ${localName} in the document`);
  return element;
}
