/**
 * A SCIM 2.0 client that speaks to Atlassian's user-provisioning API as it is: users listed page by
 * page (at most 100), filters only on userName and externalId, rate limits (429) answered with
 * back-off as Retry-After says. The token goes only into the Authorization header, never into a message.
 */
import { HarnessError } from '../errors.ts';

export interface ScimUser {
  id: string;
  userName: string;
  externalId?: string;
  emails?: Array<{ value: string; primary?: boolean; type?: string }>;
  name?: { givenName?: string; familyName?: string };
  displayName?: string;
  active?: boolean;
}

/** An answer that is not a success, with Atlassian's own words (its SCIM error's detail). */
export class ScimRefusal extends Error {
  override readonly name = 'ScimRefusal';

  constructor(
    readonly status: number,
    readonly detail: string,
    readonly scimType?: string,
  ) {
    super(`HTTP ${status}: ${detail}`);
  }
}

export interface ScimClientOptions {
  baseUrl: string;
  token: string;
  /** How often a rate-limited request is tried again (default 5). */
  retries?: number;
  /** Waits between tries when Retry-After says nothing: this, doubled each time (default 1 s). */
  backOffMs?: number;
  onRateLimit?: (waitMs: number) => void;
}

const SCIM_JSON = 'application/scim+json';

export class ScimClient {
  private readonly baseUrl: string;

  constructor(private readonly options: ScimClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
  }

  async listUsers(onPage?: (seen: number, total: number) => void): Promise<ScimUser[]> {
    const users: ScimUser[] = [];
    for (let startIndex = 1; ; ) {
      const page = (await this.request('GET', `/Users?startIndex=${startIndex}&count=100`)) as { totalResults: number; Resources?: ScimUser[] };
      const resources = page.Resources ?? [];
      users.push(...resources);
      onPage?.(users.length, page.totalResults);
      startIndex += resources.length;
      if (resources.length === 0 || users.length >= page.totalResults) return users;
    }
  }

  async createUser(resource: Record<string, unknown>): Promise<ScimUser> {
    return (await this.request('POST', '/Users', resource)) as ScimUser;
  }

  async replaceUser(id: string, resource: Record<string, unknown>): Promise<ScimUser> {
    return (await this.request('PUT', `/Users/${encodeURIComponent(id)}`, resource)) as ScimUser;
  }

  async deactivateUser(id: string): Promise<ScimUser> {
    return (await this.request('PATCH', `/Users/${encodeURIComponent(id)}`, {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: [{ op: 'replace', path: 'active', value: false }],
    })) as ScimUser;
  }

  private async request(method: string, path: string, body?: unknown): Promise<unknown> {
    const retries = this.options.retries ?? 5;
    for (let attempt = 0; ; attempt++) {
      let response: Response;
      try {
        response = await fetch(`${this.baseUrl}${path}`, {
          method,
          headers: { authorization: `Bearer ${this.options.token}`, accept: SCIM_JSON, ...(body === undefined ? {} : { 'content-type': SCIM_JSON }) },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
          signal: AbortSignal.timeout(30_000),
        });
      } catch (error) {
        const reason = error instanceof Error && error.cause instanceof Error ? error.cause.message : String(error);
        throw new HarnessError('SCIM_UNREACHABLE', `The SCIM API at ${this.baseUrl} does not answer: ${reason}`, 'Check --scim-url: the "Directory base URL" Atlassian shows for the directory (https://api.atlassian.com/scim/directory/<id>).', {
          cause: error,
        });
      }
      if ((response.status === 429 || response.status === 503) && attempt < retries) {
        const waitMs = retryAfterMs(response.headers.get('retry-after')) ?? (this.options.backOffMs ?? 1000) * 2 ** attempt;
        this.options.onRateLimit?.(waitMs);
        await response.body?.cancel();
        await new Promise((resolve) => setTimeout(resolve, waitMs));
        continue;
      }
      const text = await response.text();
      if (response.status === 401 || response.status === 403) {
        throw new HarnessError('SCIM_UNAUTHORIZED', `The SCIM API at ${this.baseUrl} refused the API key (HTTP ${response.status})`, 'Pass the directory\'s API key (Atlassian shows it once, when user provisioning is set up) with --token-file or $SAML_HARNESS_SCIM_TOKEN.');
      }
      if (!response.ok) {
        const error = parseJson(text) as { detail?: string; scimType?: string } | undefined;
        throw new ScimRefusal(response.status, error?.detail ?? text.slice(0, 300), error?.scimType);
      }
      return text ? parseJson(text) : undefined;
    }
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function retryAfterMs(header: string | null): number | undefined {
  if (!header) return undefined;
  if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

export function primaryEmailOf(user: ScimUser): string | undefined {
  return (user.emails?.find((email) => email.primary) ?? user.emails?.[0])?.value;
}
