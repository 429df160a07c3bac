/**
 * The Atlassian side of a captured login, from a YAML file: what sp-mock's organizations hold (the three
 * IdP values, domains, accounts, JIT…) plus the two values Atlassian shows, which the judge checks the
 * response against. A bad file is an error naming the file, the line and the field.
 */
import { z } from 'zod';
import { organizationInputSchema } from '../../sp-mock/index.ts';
import { HarnessError } from '../errors.ts';
import { parseYamlFile, readUserFile } from '../yaml-file.ts';

const required = (what: string) => ({
  error: (issue: { input: unknown }) => (issue.input === undefined ? `required: ${what}` : 'must be a string'),
});

export const capturedOrganizationSchema = organizationInputSchema.extend({
  /** "Service provider entity URL": the Audience the response must name. */
  spEntityId: z.string(required('Atlassian\'s "Service provider entity URL"')).trim().min(1, 'must not be empty'),
  /** "Service provider assertion consumer service URL": the response's Destination and Recipient. */
  acsUrl: z
    .string(required('Atlassian\'s "Service provider assertion consumer service URL"'))
    .trim()
    .refine((value) => URL.canParse(value) && /^https?:$/.test(new URL(value).protocol), 'must be an http(s) URL'),
});

export type CapturedOrganizationInput = z.input<typeof capturedOrganizationSchema>;
/** A superset of what the judge needs: the organization as sp-mock would hold it. */
export type CapturedOrganization = z.output<typeof capturedOrganizationSchema>;

export function parseOrganizationFile(text: string, file: string): CapturedOrganization {
  return parseYamlFile(text, file, capturedOrganizationSchema, invalid).data;
}

export function loadOrganizationFile(file: string): CapturedOrganization {
  const text = readUserFile(
    file,
    (reason, cause) => new HarnessError('USAGE', `Cannot read the organization file ${file}: ${reason}`, 'Check the path given to --org.', { cause }),
  );
  return parseOrganizationFile(text, file);
}

function invalid(message: string): HarnessError {
  return new HarnessError(
    'USAGE',
    message,
    'Correct the organization file: idp (entityId, ssoUrl, certificate), spEntityId and acsUrl as Atlassian shows them, and domains and accounts (README: "Check a captured response").',
  );
}
