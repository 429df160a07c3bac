/**
 * What the audit reads from a live Keycloak, read-only: the server version, the realm, the SAML client
 * (by client ID) with its mappers and those of its default client scopes, the realm keys and its active
 * certificate, and the realm's SAML IdP descriptor. Only GET requests.
 */
import type KeycloakAdminClient from '@keycloak/keycloak-admin-client';
import type ClientRepresentation from '@keycloak/keycloak-admin-client/lib/defs/clientRepresentation.js';
import type KeysMetadataRepresentation from '@keycloak/keycloak-admin-client/lib/defs/keyMetadataRepresentation.js';
import type ProtocolMapperRepresentation from '@keycloak/keycloak-admin-client/lib/defs/protocolMapperRepresentation.js';
import { X509Certificate } from 'node:crypto';
import { DOMParser } from '@xmldom/xmldom';
import { HarnessError } from '../errors.ts';

const METADATA_NS = 'urn:oasis:names:tc:SAML:2.0:metadata';
const DSIG_NS = 'http://www.w3.org/2000/09/xmldsig#';

export interface Descriptor {
  readonly url: string;
  readonly entityId?: string;
  /** SingleSignOnService locations by binding (HTTP-Redirect is the one Atlassian uses). */
  readonly ssoUrls: Readonly<Record<string, string>>;
  readonly certificates: readonly string[];
}

export interface SigningCertificate {
  readonly kid: string;
  /** As Atlassian's "Public x509 certificate" takes it. */
  readonly pem: string;
  /** SHA-1 of the DER in upper-case hex, the "thumbprint" of Atlassian's messages. */
  readonly thumbprint: string;
  readonly validTo: Date;
}

export interface MapperSeen {
  readonly name: string;
  readonly protocolMapper: string;
  readonly config: Readonly<Record<string, string>>;
  /** 'client' for the client's own (dedicated) mappers, else the client scope's name. */
  readonly from: string;
}

export interface KeycloakSnapshot {
  /** As audited, without a trailing slash; includes /auth when the server uses it. */
  readonly baseUrl: string;
  /** As the server reports it. */
  readonly version: string;
  readonly realm: { readonly name: string; readonly enabled: boolean };
  readonly client: ClientRepresentation;
  readonly mappers: readonly MapperSeen[];
  readonly keys: KeysMetadataRepresentation;
  /** The active RS256 key's certificate, what Keycloak signs responses with; absent when there is none. */
  readonly signing?: SigningCertificate;
  readonly descriptor: ({ readonly ok: true } & Descriptor) | { readonly ok: false; readonly url: string; readonly problem: string };
}

export function mappersOf(mappers: readonly ProtocolMapperRepresentation[] | undefined, from: string): MapperSeen[] {
  return (mappers ?? []).map((mapper) => ({
    name: mapper.name ?? '',
    protocolMapper: mapper.protocolMapper ?? '',
    config: (mapper.config ?? {}) as Record<string, string>,
    from,
  }));
}

export function parseDescriptor(xml: string, url: string): Descriptor {
  const document = new DOMParser({ errorHandler: { warning: () => undefined, error: () => undefined, fatalError: () => undefined } }).parseFromString(
    xml,
    'text/xml',
  );
  const entity = Array.from(document.getElementsByTagNameNS(METADATA_NS, 'EntityDescriptor'))[0];
  const idp = Array.from(document.getElementsByTagNameNS(METADATA_NS, 'IDPSSODescriptor'))[0];
  const ssoUrls: Record<string, string> = {};
  for (const service of idp ? Array.from(idp.getElementsByTagNameNS(METADATA_NS, 'SingleSignOnService')) : []) {
    const binding = service.getAttribute('Binding') ?? '';
    ssoUrls[binding.replace('urn:oasis:names:tc:SAML:2.0:bindings:', '')] ??= service.getAttribute('Location') ?? '';
  }
  const certificates = idp
    ? Array.from(idp.getElementsByTagNameNS(DSIG_NS, 'X509Certificate')).map((element) => (element.textContent ?? '').replace(/\s+/g, ''))
    : [];
  const entityId = entity?.getAttribute('entityID') ?? undefined;
  return { url, ...(entityId ? { entityId } : {}), ssoUrls, certificates };
}

async function readDescriptor(baseUrl: string, realm: string): Promise<KeycloakSnapshot['descriptor']> {
  const url = `${baseUrl}/realms/${encodeURIComponent(realm)}/protocol/saml/descriptor`;
  try {
    const response = await fetch(url);
    if (!response.ok) return { ok: false, url, problem: `HTTP ${response.status}` };
    return { ok: true, ...parseDescriptor(await response.text(), url) };
  } catch (error) {
    return { ok: false, url, problem: (error as Error).message };
  }
}

async function findClient(admin: KeycloakAdminClient, realm: string, clientId: string): Promise<ClientRepresentation> {
  const [client] = await admin.clients.find({ realm, clientId });
  if (client?.id !== undefined) return client;
  const saml = (await admin.clients.find({ realm })).filter((c) => c.protocol === 'saml').map((c) => c.clientId);
  throw new HarnessError(
    'USAGE',
    `Realm ${realm} has no client with client ID "${clientId}"`,
    saml.length > 0 ? `Pass one of its SAML clients with --client-id: ${saml.join(', ')}.` : `Realm ${realm} has no SAML client at all: create one for Atlassian first.`,
  );
}

/** The mappers that shape the response: the client's own, then those of its default client scopes. */
async function readMappers(admin: KeycloakAdminClient, realm: string, client: ClientRepresentation): Promise<MapperSeen[]> {
  const scopes = await admin.clients.listDefaultClientScopes({ realm, id: client.id! });
  const scopeMappers = await Promise.all(
    scopes.map(async (scope) => mappersOf((await admin.clientScopes.findOne({ realm, id: scope.id! }))?.protocolMappers, scope.name ?? scope.id!)),
  );
  return [...mappersOf(client.protocolMappers, 'client'), ...scopeMappers.flat()];
}

/** The certificate of the key `keys.active.RS256` names, read; undefined when there is none or it does not read. */
export function signingCertificate(keys: KeysMetadataRepresentation): SigningCertificate | undefined {
  const kid = keys.active?.RS256;
  const base64 = keys.keys?.find((key) => key.kid === kid)?.certificate;
  if (kid === undefined || !base64) return undefined;
  try {
    const certificate = new X509Certificate(Buffer.from(base64, 'base64'));
    return {
      kid,
      pem: certificate.toString(),
      thumbprint: certificate.fingerprint.replace(/:/g, ''),
      validTo: new Date(certificate.validTo),
    };
  } catch {
    return undefined;
  }
}

export async function readKeycloak(admin: KeycloakAdminClient, baseUrl: string, realm: string, clientId: string): Promise<KeycloakSnapshot> {
  const [serverInfo, realmRepresentation] = await Promise.all([admin.serverInfo.find(), admin.realms.findOne({ realm })]);
  if (!realmRepresentation) {
    const realms = (await admin.realms.find()).map((r) => r.realm).filter((name) => name !== undefined);
    throw new HarnessError('USAGE', `Keycloak at ${baseUrl} has no realm "${realm}"`, `Pass one of its realms with --realm: ${realms.join(', ')}.`);
  }
  const client = await findClient(admin, realm, clientId);
  const [mappers, keys, descriptor] = await Promise.all([
    readMappers(admin, realm, client),
    admin.realms.getKeys({ realm }),
    readDescriptor(baseUrl, realm),
  ]);
  const signing = signingCertificate(keys);
  return {
    baseUrl,
    version: serverInfo.systemInfo?.version ?? 'unknown',
    realm: { name: realm, enabled: realmRepresentation.enabled !== false },
    client,
    mappers,
    keys,
    ...(signing === undefined ? {} : { signing }),
    descriptor,
  };
}
