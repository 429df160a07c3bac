/**
 * A scenario file: the differences from the recommended configuration, the flow, and the expected
 * outcome. Validated with zod; `load.ts` turns its issues into file:line:col messages.
 */
import { z } from 'zod';
import { clientRepresentationShape, realmRepresentationSchema, userRepresentationShape } from './keycloak-representations.ts';

const id = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be lower-case words joined by hyphens, e.g. nameid-username');

/** A plain statement of fact, as in a test catalogue: "the login succeeds", never "should …". */
const statement = z
  .string()
  .trim()
  .min(8, 'must say what happens in a few words')
  .max(100, 'must be at most 100 characters: keep the details for the description')
  .refine((text) => !/^(should|it should|test)\b/i.test(text), 'must be a plain statement ("the login succeeds"), not "should …"');

/**
 * A UserRepresentation, and what the user types: `password` (a permanent password credential; may be
 * left out for a user named like a default user, whose fields the entry then changes) and `totpSecret`
 * (an authenticator of the user, as Keycloak stores its secret; the login answers its one-time codes).
 */
export const userSchema = z.strictObject({
  ...userRepresentationShape,
  password: z.string().min(1).optional(),
  totpSecret: z.string().min(16, 'must be at least 16 characters, as Keycloak makes them').optional(),
});

const domainSchema = z.strictObject({ name: z.string(), verified: z.boolean(), linked: z.boolean() });

const accountSchema = z.strictObject({
  email: z.string(),
  givenName: z.string().optional(),
  familyName: z.string().optional(),
  active: z.boolean().optional(),
  ssoEnforced: z.boolean().optional(),
});

/**
 * Values in `atlassian.idp` may use placeholders for what the realm really publishes:
 * {baseUrl} (Keycloak's, with any relative path), {origin} (scheme, host and port), {realm},
 * {entityId} and {ssoUrl} (the realm's real values).
 */
const template = z.string().min(1);

const versionRange = z
  .string()
  .regex(/^(?:(?:<|<=|>|>=|=)?\d+(?:\.\d+){0,2})(?:\s+(?:<|<=|>|>=|=)?\d+(?:\.\d+){0,2})*$/, 'must be a version range such as "<24" or ">=24 <26"');

export const expectationSchema = z.discriminatedUnion('outcome', [
  z.strictObject({
    outcome: z.literal('success'),
    /** The NameID the SP must receive; {email} stands for the user's email. */
    nameId: z.string().optional(),
    /** The RelayState the user must land on. */
    relayState: z.string().optional(),
    /** The account must have been created by this login (JIT). */
    accountCreatedByJit: z.boolean().optional(),
  }),
  z.strictObject({
    outcome: z.literal('failure'),
    where: z.enum(['keycloak', 'sp', 'browser']),
    code: z.string().regex(/^[A-Z][A-Z0-9_]+$/, 'must be an outcome code such as SP_AUDIENCE_INVALID'),
  }),
]);

export const ldapPersonSchema = z.strictObject({
  uid: z.string().min(1),
  password: z.string().min(1),
  cn: z.string().min(1),
  sn: z.string().min(1),
  mail: z.string().optional(),
  givenName: z.string().optional(),
});

/** A directory behind Keycloak: its people, and differences from the recommended LDAP provider. */
const ldapSchema = z.strictObject({
  people: z.array(ldapPersonSchema).min(1),
  federation: z
    .strictObject({
      /** The LDAP attribute Keycloak's "first name" mapper reads; Keycloak's default is cn. */
      firstNameAttribute: z.string().optional(),
      /** What the admin typed as the bind password. */
      bindCredential: z.string().optional(),
    })
    .optional(),
  /** The directory stops after everything is set up, before the user logs in. */
  stopBeforeLogin: z.boolean().optional(),
});

export const scenarioSchema = z.strictObject({
  id,
  title: statement,
  description: z.string().optional(),
  /** Rows of the support-case catalogue (scenarios/support-cases.yaml) this scenario reproduces. */
  supportCases: z.array(id).default([]),
  flow: z.enum(['sp-initiated', 'idp-initiated']).default('sp-initiated'),
  keycloak: z
    .strictObject({
      /** A partial RealmRepresentation, applied as the realm is made (values may use placeholders). */
      realm: realmRepresentationSchema.optional(),
      /** A partial ClientRepresentation merged over the recommended client (values may use placeholders). */
      client: z
        .strictObject({
          ...clientRepresentationShape,
          /** Recommended mappers to leave out, by name. */
          withoutMappers: z.array(z.string().min(1)).optional(),
        })
        .optional(),
      /** Replaces the default user (alice@acme.example); an entry named alice changes her. */
      users: z.array(userSchema).min(1).optional(),
      /** After Atlassian has saved the certificate, the realm gets a new active signing key (a key rotation). */
      rotateSigningKey: z.boolean().optional(),
    })
    .default({}),
  /** A real OpenLDAP directory, federated into the realm (Keycloak brokers it). */
  ldap: ldapSchema.optional(),
  atlassian: z
    .strictObject({
      idp: z
        .strictObject({
          entityId: template.optional(),
          ssoUrl: template.optional(),
          /**
           * What the admin pasted: the realm's active certificate, it with stray control characters, or
           * the certificate of one key provider of the realm (by its name in Realm settings → Keys).
           */
          certificate: z.union([z.enum(['active', 'mangled']), z.strictObject({ keyProvider: z.string().min(1) })]).optional(),
        })
        .optional(),
      domains: z.array(domainSchema).optional(),
      /** Managed accounts; by default one per user, made by an admin. */
      accounts: z.array(accountSchema).optional(),
      /** Users (by Keycloak username or LDAP uid) provisioned through Atlassian's SCIM API before the login. */
      scimProvision: z.array(z.string()).optional(),
      /** `saml-harness scim-sync` runs before the login: the realm's users (a directory's synced first) into Atlassian. */
      scimSync: z.boolean().optional(),
      jit: z.boolean().optional(),
      defaultPolicyEnforcesSso: z.boolean().optional(),
      /** The SP's clock runs this many minutes ahead of Keycloak's (negative: behind). */
      clockOffsetMinutes: z.number().optional(),
      requestedNameIdFormat: z.string().optional(),
    })
    .default({}),
  login: z
    .strictObject({
      /** The Keycloak username; default: the first user. */
      user: z.string().optional(),
      /** What the user types at Keycloak; default: the user's password. */
      password: z.string().optional(),
      /** Logins with a wrong password the user made before this one (as a brute-force detector counts them). */
      failedAttemptsBefore: z.number().int().min(1).max(30).optional(),
      /** SP-initiated: sent with the request. IdP-initiated: set as the client's IdP-initiated relay state. */
      relayState: z.string().optional(),
    })
    .default({}),
  expect: expectationSchema,
  /** Where a Keycloak version behaves differently; the first matching range wins over `expect`. */
  expectByVersion: z.array(z.strictObject({ versions: versionRange, expect: expectationSchema, why: z.string().min(8) })).optional(),
});

export type Scenario = z.output<typeof scenarioSchema>;
export type ScenarioLdap = z.output<typeof ldapSchema>;
export type Expectation = z.output<typeof expectationSchema>;
