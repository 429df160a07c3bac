/** An Atlassian organization as the mock holds it: the input an admin gives, and the view it returns. */
import { z } from 'zod';

export const DEFAULT_REQUESTED_NAMEID_FORMAT = 'urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified';

const httpUrl = z
  .string()
  .trim()
  .refine((value) => URL.canParse(value) && /^https?:$/.test(new URL(value).protocol), 'must be an http(s) URL');

const domainName = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/, 'must be a domain name such as example.com');

export const idpSchema = z.strictObject({
  /** "Identity provider Entity ID" */
  entityId: z.string().trim().min(1, 'must not be empty'),
  /** "Identity provider SSO URL" */
  ssoUrl: httpUrl,
  /** "Public x509 certificate", as pasted: checked at login, as Atlassian does. */
  certificate: z.string().min(1, 'must not be empty'),
});

export const domainSchema = z.strictObject({
  name: domainName,
  verified: z.boolean(),
  linked: z.boolean(),
});

export const accountInputSchema = z.strictObject({
  email: z.email().transform((email) => email.toLowerCase()),
  givenName: z.string().optional(),
  familyName: z.string().optional(),
  active: z.boolean().default(true),
  /** Whether the user's authentication policy enforces SSO. */
  ssoEnforced: z.boolean().default(true),
  samlLinkId: z.string().min(1).optional(),
});

function noDuplicates<T>(key: (item: T) => string, what: string) {
  return (items: T[], context: z.RefinementCtx) => {
    const seen = new Map<string, number>();
    items.forEach((item, index) => {
      const first = seen.get(key(item));
      if (first !== undefined) {
        context.addIssue({ code: 'custom', message: `duplicates ${what} ${first}`, path: [index] });
      }
      seen.set(key(item), index);
    });
  };
}

const domainsSchema = z.array(domainSchema).superRefine(noDuplicates((domain) => domain.name, 'domain'));
const accountsSchema = z.array(accountInputSchema).superRefine(noDuplicates((account) => account.email, 'account'));

const settings = {
  spEntityId: z.string().trim().min(1).optional(),
  jit: z.strictObject({ enabled: z.boolean() }).optional(),
  /** Whether the default authentication policy enforces SSO (JIT and SCIM accounts get it); default true. */
  defaultPolicyEnforcesSso: z.boolean().optional(),
  requestedNameIdFormat: z.string().trim().min(1).optional(),
  clockOffsetMs: z.number().int().optional(),
  scim: z.strictObject({ token: z.string().min(8, 'must have at least 8 characters').optional() }).optional(),
};

export const organizationInputSchema = z.strictObject({
  /** A fixed id, for setups whose ACS and login URLs must be known before the SP starts; default random. */
  id: z
    .string()
    .regex(/^[a-z0-9](?:[a-z0-9-]{0,30}[a-z0-9])?$/, 'must be 1 to 32 lower-case letters, digits and inner hyphens')
    .optional(),
  idp: idpSchema,
  domains: domainsSchema.default([]),
  accounts: accountsSchema.default([]),
  ...settings,
});

export const organizationPatchSchema = z.strictObject({
  idp: idpSchema.partial().optional(),
  domains: domainsSchema.optional(),
  accounts: accountsSchema.optional(),
  ...settings,
});

/** What an admin gives to create an organization. */
export type OrganizationInput = z.input<typeof organizationInputSchema>;
/** What an admin gives to change one: any field; `idp` may be partial; lists are replaced whole. */
export type OrganizationPatch = z.input<typeof organizationPatchSchema>;
export type AccountInput = z.input<typeof accountInputSchema>;

export interface DomainView {
  readonly name: string;
  readonly verified: boolean;
  readonly linked: boolean;
}

/** A managed account; `source` says who made it. */
export interface AccountView {
  readonly email: string;
  readonly givenName?: string;
  readonly familyName?: string;
  readonly active: boolean;
  readonly ssoEnforced: boolean;
  readonly samlLinkId?: string;
  readonly source: 'admin' | 'scim' | 'jit';
  /** The SCIM user linked to this account, if any. */
  readonly scimUserId?: string;
}

export interface OrganizationView {
  readonly id: string;
  /** "Service provider entity URL" */
  readonly spEntityId: string;
  /** "Service provider assertion consumer service URL" */
  readonly acsUrl: string;
  /** Where SP-initiated login starts; add `&email=<address>`. */
  readonly loginUrl: string;
  readonly scim: { readonly baseUrl: string; readonly token: string; readonly directoryId: string };
  readonly idp: { readonly entityId: string; readonly ssoUrl: string; readonly certificate: string };
  readonly domains: readonly DomainView[];
  readonly accounts: readonly AccountView[];
  readonly jit: { readonly enabled: boolean };
  readonly defaultPolicyEnforcesSso: boolean;
  readonly requestedNameIdFormat: string;
  readonly clockOffsetMs: number;
}
