/** SCIM User and Group resources: what a client sends, what the directory stores, what it answers. */
import { z } from 'zod';
import { ScimError } from './errors.ts';

export const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const GROUP_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Group';
export const ENTERPRISE_USER_SCHEMA = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

const requireSchema = (schema: string) =>
  z.array(z.string()).refine((schemas) => schemas.includes(schema), `must include ${schema}`);

const emailSchema = z.looseObject({
  value: z.email(),
  type: z.string().optional(),
  primary: z.boolean().optional(),
});

export const userInputSchema = z.looseObject({
  schemas: requireSchema(USER_SCHEMA),
  userName: z.string().trim().min(1, 'is required'),
  externalId: z.string().min(1).optional(),
  name: z.looseObject({ givenName: z.string().optional(), familyName: z.string().optional() }).optional(),
  displayName: z.string().optional(),
  active: z.boolean().default(true),
  emails: z
    .array(emailSchema, 'is required')
    .min(1, 'needs one email')
    .refine((emails) => emails.filter((email) => email.primary === true).length === 1, 'needs exactly one email with primary: true'),
});

export type UserInput = z.output<typeof userInputSchema>;

export const groupInputSchema = z.looseObject({
  schemas: requireSchema(GROUP_SCHEMA),
  displayName: z.string().trim().min(1, 'is required'),
  externalId: z.string().min(1).optional(),
  members: z.array(z.looseObject({ value: z.string().min(1) })).default([]),
});


/** Parses a body with one of the schemas above; a bad one is SCIM's 400 invalidValue naming the field. */
export function parseResource<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new ScimError(400, `${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}`, 'invalidValue');
}

export interface ScimUserRecord {
  readonly id: string;
  userName: string;
  externalId?: string;
  name?: { givenName?: string; familyName?: string; formatted?: string };
  displayName: string;
  emails: { value: string; type?: string; primary?: boolean }[];
  active: boolean;
  /** Attributes kept as sent (title, enterprise extension...). */
  other: Record<string, unknown>;
  readonly created: string;
  lastModified: string;
}

export interface ScimGroupRecord {
  readonly id: string;
  readonly displayName: string;
  externalId?: string;
  members: string[];
  readonly created: string;
  lastModified: string;
}

export const primaryEmail = (user: { emails: readonly { value: string; primary?: boolean }[] }) =>
  (user.emails.find((email) => email.primary === true) ?? user.emails[0])?.value.toLowerCase() ?? '';
