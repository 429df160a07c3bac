/** The filter and paging Atlassian's SCIM API supports: one `eq`, startIndex and count, no sorting. */
import { ScimError } from './errors.ts';

export interface EqFilter {
  /** As the allowed list spells it. */
  readonly attribute: string;
  readonly value: string;
}

const EQ = /^\s*([A-Za-z][\w.]*)\s+eq\s+"((?:[^"\\]|\\.)*)"\s*$/i;

export function parseEqFilter(filter: string | undefined, allowed: readonly string[]): EqFilter | undefined {
  if (filter === undefined || filter.trim() === '') return undefined;
  const match = EQ.exec(filter);
  const attribute = match && allowed.find((name) => name.toLowerCase() === match[1]?.toLowerCase());
  if (match === null || attribute === undefined || attribute === null) {
    throw new ScimError(
      400,
      `Unsupported filter ${JSON.stringify(filter)}: only a single eq on ${allowed.join(' or ')} is supported, such as ${allowed[0]} eq "value".`,
      'invalidFilter',
    );
  }
  return { attribute, value: (match[2] ?? '').replace(/\\(.)/g, '$1') };
}

export const MAX_PAGE_SIZE = 100;

export interface Page {
  readonly startIndex: number;
  readonly count: number;
}

function integer(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  if (!/^-?\d+$/.test(value)) throw new ScimError(400, `${name} must be an integer`, 'invalidValue');
  return Number(value);
}

export function parsePage(startIndex: string | undefined, count: string | undefined): Page {
  return {
    startIndex: Math.max(1, integer(startIndex, 'startIndex', 1)),
    count: Math.min(MAX_PAGE_SIZE, Math.max(0, integer(count, 'count', MAX_PAGE_SIZE))),
  };
}

export const LIST_RESPONSE_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';

export function listResponse<T>(all: readonly T[], page: Page): Record<string, unknown> {
  const resources = all.slice(page.startIndex - 1, page.startIndex - 1 + page.count);
  return {
    schemas: [LIST_RESPONSE_SCHEMA],
    totalResults: all.length,
    startIndex: page.startIndex,
    itemsPerPage: resources.length,
    Resources: resources,
  };
}
