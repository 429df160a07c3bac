/**
 * The parts of Keycloak's own representations a scenario may write, spelled as the admin REST API and
 * the console's exports spell them (RealmRepresentation, ClientRepresentation, UserRepresentation). Each
 * shape is checked against the admin client's type at compile time: a key the type does not have does
 * not compile, so the scenario format can only say what Keycloak itself can.
 */
import type ClientRepresentation from '@keycloak/keycloak-admin-client/lib/defs/clientRepresentation.js';
import type ComponentExportRepresentation from '@keycloak/keycloak-admin-client/lib/defs/componentExportRepresentation.js';
import type CredentialRepresentation from '@keycloak/keycloak-admin-client/lib/defs/credentialRepresentation.js';
import type GroupRepresentation from '@keycloak/keycloak-admin-client/lib/defs/groupRepresentation.js';
import type ProtocolMapperRepresentation from '@keycloak/keycloak-admin-client/lib/defs/protocolMapperRepresentation.js';
import type RealmRepresentation from '@keycloak/keycloak-admin-client/lib/defs/realmRepresentation.js';
import type RequiredActionProviderRepresentation from '@keycloak/keycloak-admin-client/lib/defs/requiredActionProviderRepresentation.js';
import type RoleRepresentation from '@keycloak/keycloak-admin-client/lib/defs/roleRepresentation.js';
import type UserRepresentation from '@keycloak/keycloak-admin-client/lib/defs/userRepresentation.js';
import { z } from 'zod';

/** A zod shape whose every key is a property of the representation `R` (any other key must be `never`). */
const shapeOf =
  <R>() =>
  <S extends Record<string, z.ZodType>>(shape: S & Record<Exclude<keyof S, keyof R>, never>) =>
    shape;

const stringMap = z.record(z.string(), z.string());
/** Keycloak keeps multi-valued strings (user and group attributes, component config) as lists. */
const multiValued = z.record(z.string(), z.union([z.string(), z.array(z.string())]).transform((value) => (Array.isArray(value) ? value : [value])));

const protocolMapperSchema = z.strictObject(
  shapeOf<ProtocolMapperRepresentation>()({
    name: z.string().min(1),
    protocol: z.literal('saml').default('saml'),
    protocolMapper: z.string().min(1),
    config: stringMap.default({}),
  }),
);

const credentialSchema = z.strictObject(
  shapeOf<CredentialRepresentation>()({
    type: z.string().min(1),
    value: z.string().optional(),
    temporary: z.boolean().optional(),
    userLabel: z.string().optional(),
    secretData: z.string().optional(),
    credentialData: z.string().optional(),
  }),
);

/** UserRepresentation, as a realm export holds it. */
export const userRepresentationShape = shapeOf<UserRepresentation>()({
  username: z.string().min(1),
  email: z.string().optional(),
  firstName: z.string().optional(),
  lastName: z.string().optional(),
  enabled: z.boolean().optional(),
  emailVerified: z.boolean().optional(),
  requiredActions: z.array(z.enum(['UPDATE_PASSWORD', 'VERIFY_EMAIL', 'CONFIGURE_TOTP', 'TERMS_AND_CONDITIONS', 'UPDATE_PROFILE'])).optional(),
  attributes: multiValued.optional(),
  groups: z.array(z.string().min(1)).optional(),
  realmRoles: z.array(z.string().min(1)).optional(),
  clientRoles: z.record(z.string(), z.array(z.string())).optional(),
  credentials: z.array(credentialSchema).optional(),
});

/** ClientRepresentation: what a scenario changes in the recommended SAML client. */
export const clientRepresentationShape = shapeOf<ClientRepresentation>()({
  clientId: z.string().min(1).optional(),
  name: z.string().optional(),
  description: z.string().optional(),
  enabled: z.boolean().optional(),
  redirectUris: z.array(z.string().min(1)).optional(),
  rootUrl: z.string().optional(),
  baseUrl: z.string().optional(),
  adminUrl: z.string().optional(),
  frontchannelLogout: z.boolean().optional(),
  fullScopeAllowed: z.boolean().optional(),
  consentRequired: z.boolean().optional(),
  alwaysDisplayInConsole: z.boolean().optional(),
  defaultClientScopes: z.array(z.string()).optional(),
  optionalClientScopes: z.array(z.string()).optional(),
  /** Attribute overrides; null removes the recommended value, so Keycloak's own default applies. */
  attributes: z.record(z.string(), z.string().nullable()).optional(),
  /** Added to the recommended mappers; one with a recommended mapper's name replaces it. */
  protocolMappers: z.array(protocolMapperSchema).optional(),
});

const componentSchema = z.strictObject(
  shapeOf<ComponentExportRepresentation>()({
    name: z.string().min(1),
    providerId: z.string().min(1),
    subType: z.string().optional(),
    config: multiValued.default({}),
  }),
);

const groupSchema: z.ZodType<GroupRepresentation> = z.strictObject(
  shapeOf<GroupRepresentation>()({
    name: z.string().min(1),
    attributes: multiValued.optional(),
    realmRoles: z.array(z.string()).optional(),
    get subGroups() {
      return z.array(groupSchema).optional();
    },
  }),
);

const roleSchema = z.strictObject(shapeOf<RoleRepresentation>()({ name: z.string().min(1), description: z.string().optional() }));

const requiredActionSchema = z.strictObject(
  shapeOf<RequiredActionProviderRepresentation>()({
    alias: z.string().min(1),
    enabled: z.boolean().optional(),
    defaultAction: z.boolean().optional(),
  }),
);

/** RealmRepresentation: realm settings, keys and other components, groups and roles, flows. */
export const realmRepresentationSchema = z.strictObject(
  shapeOf<RealmRepresentation>()({
    displayName: z.string().optional(),
    enabled: z.boolean().optional(),
    sslRequired: z.enum(['all', 'external', 'none']).optional(),
    registrationEmailAsUsername: z.boolean().optional(),
    loginWithEmailAllowed: z.boolean().optional(),
    duplicateEmailsAllowed: z.boolean().optional(),
    verifyEmail: z.boolean().optional(),
    resetPasswordAllowed: z.boolean().optional(),
    rememberMe: z.boolean().optional(),
    editUsernameAllowed: z.boolean().optional(),
    bruteForceProtected: z.boolean().optional(),
    permanentLockout: z.boolean().optional(),
    failureFactor: z.number().int().positive().optional(),
    waitIncrementSeconds: z.number().int().nonnegative().optional(),
    maxFailureWaitSeconds: z.number().int().nonnegative().optional(),
    minimumQuickLoginWaitSeconds: z.number().int().nonnegative().optional(),
    quickLoginCheckMilliSeconds: z.number().int().nonnegative().optional(),
    maxDeltaTimeSeconds: z.number().int().nonnegative().optional(),
    otpPolicyType: z.enum(['totp', 'hotp']).optional(),
    otpPolicyAlgorithm: z.enum(['HmacSHA1', 'HmacSHA256', 'HmacSHA512']).optional(),
    otpPolicyDigits: z.number().int().min(6).max(8).optional(),
    otpPolicyPeriod: z.number().int().positive().optional(),
    accessCodeLifespan: z.number().int().positive().optional(),
    accessCodeLifespanLogin: z.number().int().positive().optional(),
    accessCodeLifespanUserAction: z.number().int().positive().optional(),
    ssoSessionIdleTimeout: z.number().int().positive().optional(),
    ssoSessionMaxLifespan: z.number().int().positive().optional(),
    defaultSignatureAlgorithm: z.string().optional(),
    internationalizationEnabled: z.boolean().optional(),
    defaultLocale: z.string().optional(),
    loginTheme: z.string().optional(),
    /** Realm attributes, such as frontendUrl; values may use placeholders. */
    attributes: stringMap.optional(),
    /** Per provider type, e.g. org.keycloak.keys.KeyProvider; one named like the harness's replaces it. */
    components: z.record(z.string(), z.array(componentSchema)).optional(),
    groups: z.array(groupSchema).optional(),
    roles: z.strictObject({ realm: z.array(roleSchema) }).optional(),
    /** Merged by alias over Keycloak's own. */
    requiredActions: z.array(requiredActionSchema).optional(),
    /** A whole set of flows, as an export has them (Keycloak then makes no default flows). */
    authenticationFlows: z.array(z.record(z.string(), z.unknown())).optional(),
    authenticatorConfig: z.array(z.record(z.string(), z.unknown())).optional(),
    browserFlow: z.string().optional(),
  }),
);

export type RealmDifferences = z.output<typeof realmRepresentationSchema>;
type ScenarioProtocolMapper = z.output<typeof protocolMapperSchema>;

// The shapes' outputs are the admin client's representations (components aside: the client's type says
// one component per provider type and a string per config key, where Keycloak takes lists of both).
type Assignable<T, U> = T extends U ? true : false;
export const representationsFit: [
  Assignable<z.output<z.ZodObject<typeof userRepresentationShape>>, UserRepresentation>,
  Assignable<Omit<RealmDifferences, 'components'>, RealmRepresentation>,
  Assignable<ScenarioProtocolMapper, ProtocolMapperRepresentation>,
] = [true, true, true];
