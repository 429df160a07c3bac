/**
 * What an admin exports from the Keycloak console: one client's JSON (Clients → the client → Action →
 * Export), or a partial realm export (Realm settings → Action → Partial export). Read loosely: fields the
 * harness does not know are reported and passed on to Keycloak, which decides; a file that is not JSON is
 * an error naming the line and column.
 */
import { readFileSync } from 'node:fs';
import type ClientRepresentation from '@keycloak/keycloak-admin-client/lib/defs/clientRepresentation.js';
import type RealmRepresentation from '@keycloak/keycloak-admin-client/lib/defs/realmRepresentation.js';
import { parse as parseJsonc, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { HarnessError } from '../errors.ts';

const clientFields = new Set([
  'access', 'adminUrl', 'alwaysDisplayInConsole', 'attributes', 'authenticationFlowBindingOverrides', 'authorizationServicesEnabled',
  'authorizationSettings', 'baseUrl', 'bearerOnly', 'clientAuthenticatorType', 'clientId', 'consentRequired', 'defaultClientScopes',
  'defaultRoles', 'description', 'directAccessGrantsEnabled', 'enabled', 'frontchannelLogout', 'fullScopeAllowed', 'id',
  'implicitFlowEnabled', 'name', 'nodeReRegistrationTimeout', 'notBefore', 'optionalClientScopes', 'origin', 'protocol',
  'protocolMappers', 'publicClient', 'redirectUris', 'registeredNodes', 'registrationAccessToken', 'rootUrl', 'secret',
  'serviceAccountsEnabled', 'standardFlowEnabled', 'surrogateAuthRequired', 'webOrigins', 'type',
]);

export interface LoadedExport<T> {
  value: T;
  file: string;
  /** Fields the harness does not know, with their paths. */
  unknownFields: string[];
}

function readJson(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new HarnessError('USAGE', `Cannot read ${file}: ${(error as Error).message}`, 'Check the path of the export.', { cause: error });
  }
  // jsonc-parser, strict as JSON, tells where a file breaks; JSON.parse on Node 20 does not.
  const errors: ParseError[] = [];
  const value: unknown = parseJsonc(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  const first = errors[0];
  if (first) {
    const before = text.slice(0, first.offset);
    const line = before.split('\n').length;
    const column = first.offset - before.lastIndexOf('\n');
    throw new HarnessError(
      'USAGE',
      `${file}:${line}:${column}: not valid JSON (${printParseErrorCode(first.error)})`,
      'Export the client again from the Keycloak console (Clients → the client → Action → Export) and pass that file unchanged.',
    );
  }
  return value;
}

function checkClient(value: unknown, where: string): { client: ClientRepresentation; unknownFields: string[] } {
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    throw new HarnessError('USAGE', `${where}: expected a client (a JSON object with clientId and protocol)`, 'Pass the JSON the console exports for one client.');
  }
  const client = value as ClientRepresentation;
  if (typeof client.clientId !== 'string' || !client.clientId) {
    throw new HarnessError('USAGE', `${where}.clientId: missing; a client export always has one`, 'Pass the JSON the console exports for one client.');
  }
  if (client.protocol !== 'saml') {
    throw new HarnessError(
      'USAGE',
      `${where}.protocol: "${client.protocol ?? 'openid-connect'}"; Atlassian needs a SAML client`,
      'Export the SAML client you made for Atlassian (Client type SAML).',
    );
  }
  const unknownFields = Object.keys(client)
    .filter((key) => !clientFields.has(key))
    .map((key) => `${where}.${key}`);
  return { client, unknownFields };
}

export function loadClientExport(file: string): LoadedExport<ClientRepresentation> {
  const { client, unknownFields } = checkClient(readJson(file), file);
  return { value: client, file, unknownFields };
}

export interface RealmExport {
  realm: RealmRepresentation;
  /** The SAML client for Atlassian: the one named, or the only SAML client of the export. */
  client: ClientRepresentation | undefined;
  keycloakVersion: string | undefined;
}

export function loadRealmExport(file: string, clientId?: string): LoadedExport<RealmExport> {
  const value = readJson(file);
  if (!value || typeof value !== 'object' || Array.isArray(value) || typeof (value as RealmRepresentation).realm !== 'string') {
    throw new HarnessError('USAGE', `${file}: expected a realm export (a JSON object with "realm")`, 'Use Realm settings → Action → Partial export, with clients.');
  }
  const realm = value as RealmRepresentation;
  const saml = (realm.clients ?? []).filter((c) => c.protocol === 'saml');
  const chosen = clientId ? saml.find((c) => c.clientId === clientId) : saml.length === 1 ? saml[0] : undefined;
  if (clientId && !chosen) {
    throw new HarnessError('USAGE', `${file}: no SAML client "${clientId}" (SAML clients: ${saml.map((c) => c.clientId).join(', ') || 'none'})`, 'Name one of them with --client-id.');
  }
  if (!chosen && saml.length > 1) {
    throw new HarnessError('USAGE', `${file}: ${saml.length} SAML clients (${saml.map((c) => c.clientId).join(', ')})`, 'Name the one for Atlassian with --client-id.');
  }
  const unknownFields = chosen ? checkClient(chosen, `${file} clients[${chosen.clientId}]`).unknownFields : [];
  const keycloakVersion = typeof (realm as { keycloakVersion?: unknown }).keycloakVersion === 'string' ? (realm as { keycloakVersion: string }).keycloakVersion : undefined;
  return { value: { realm, client: chosen, keycloakVersion }, file, unknownFields };
}
