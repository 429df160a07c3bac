/**
 * The recommended configuration, Keycloak side: the SAML client an admin makes from the values Atlassian
 * shows, and the realm values Atlassian is told. The answer to the support thread lives in this folder
 * (Keycloak side here, users.ts, atlassian.ts, directory.ts); every scenario is a difference from it.
 */
import type ClientRepresentation from '@keycloak/keycloak-admin-client/lib/defs/clientRepresentation.js';
import type ProtocolMapperRepresentation from '@keycloak/keycloak-admin-client/lib/defs/protocolMapperRepresentation.js';
import { ATLASSIAN_ATTRIBUTES } from '../../sp-mock/index.ts';

/** The name in Keycloak's IdP-initiated URL: `/realms/<realm>/protocol/saml/clients/atlassian`. */
export const idpInitiatedUrlName = 'atlassian';

export interface SpValues {
  /** "Service provider entity URL" */
  spEntityId: string;
  /** "Service provider assertion consumer service URL" */
  acsUrl: string;
}

/**
 * Client attributes, as the admin console sets them. Keys left out keep Keycloak's REST defaults, which
 * differ from the console's (e.g. `saml.client.signature` defaults to true over REST).
 */
export function recommendedClientAttributes(sp: SpValues): Record<string, string> {
  return {
    // Keys → Signing keys config → Client signature required: Atlassian does not sign its requests.
    'saml.client.signature': 'false',
    // Settings → Signature and Encryption: sign both the document and the assertion.
    'saml.server.signature': 'true',
    'saml.assertion.signature': 'true',
    'saml.signature.algorithm': 'RSA_SHA256',
    saml_signature_canonicalization_method: 'http://www.w3.org/2001/10/xml-exc-c14n#',
    'saml.server.signature.keyinfo.xmlSigKeyInfoKeyNameTransformer': 'KEY_ID',
    'saml.encrypt': 'false',
    // Settings → SAML capabilities: Atlassian matches the NameID against the account email.
    saml_name_id_format: 'email',
    saml_force_name_id_format: 'true',
    'saml.force.post.binding': 'true',
    'saml.authnstatement': 'true',
    // Advanced → Fine Grain SAML Endpoint Configuration.
    saml_assertion_consumer_url_post: sp.acsUrl,
    // Settings → Access settings → IDP-Initiated SSO URL name.
    saml_idp_initiated_sso_url_name: idpInitiatedUrlName,
  };
}

function attributeMapper(name: string, claim: string, userProperty: string, friendlyName: string): ProtocolMapperRepresentation {
  return {
    name,
    protocol: 'saml',
    protocolMapper: 'saml-user-property-mapper',
    config: {
      'user.attribute': userProperty,
      'attribute.name': claim,
      'attribute.nameformat': 'URI Reference',
      'friendly.name': friendlyName,
    },
  };
}

/** Mappers for the claims Atlassian reads; `name` is Keycloak's user id: stable, and not the email. */
export function recommendedMappers(): ProtocolMapperRepresentation[] {
  return [
    attributeMapper('givenName', ATLASSIAN_ATTRIBUTES.givenName, 'firstName', 'givenname'),
    attributeMapper('surname', ATLASSIAN_ATTRIBUTES.surname, 'lastName', 'surname'),
    attributeMapper('name', ATLASSIAN_ATTRIBUTES.name, 'id', 'name'),
    attributeMapper('email', ATLASSIAN_ATTRIBUTES.emailAddress, 'email', 'emailaddress'),
  ];
}

export function recommendedClient(sp: SpValues): ClientRepresentation {
  return {
    // Settings → General settings → Client ID = Atlassian's "Service provider entity URL".
    clientId: sp.spEntityId,
    name: 'Atlassian Cloud',
    protocol: 'saml',
    enabled: true,
    // Settings → Access settings: Valid redirect URIs, Home URL (baseUrl), Master SAML Processing URL.
    redirectUris: [sp.acsUrl],
    baseUrl: sp.acsUrl,
    adminUrl: sp.acsUrl,
    frontchannelLogout: true,
    attributes: recommendedClientAttributes(sp),
    protocolMappers: recommendedMappers(),
  };
}

/** What Atlassian is told about the IdP: the realm's own values. */
export function realmIdpValues(keycloakBaseUrl: string, realm: string) {
  return {
    entityId: `${keycloakBaseUrl}/realms/${realm}`,
    ssoUrl: `${keycloakBaseUrl}/realms/${realm}/protocol/saml`,
  };
}

export function idpInitiatedUrl(keycloakBaseUrl: string, realm: string): string {
  return `${keycloakBaseUrl}/realms/${realm}/protocol/saml/clients/${idpInitiatedUrlName}`;
}

