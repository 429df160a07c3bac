/** The admin API as typed methods, over HTTP: works against an sp-mock in this process or another. */
import type { AdminErrorBody, AdminErrorCode } from './http/admin-routes.ts';
import type { LoginAttempt } from './model/login-attempt.ts';
import type { OrganizationInput, OrganizationPatch, OrganizationView } from './model/organization.ts';

/** The admin API refused a call: bad input (400), an unknown id (404) or one taken (409). Misuse, hence a TypeError. */
export class SpMockRequestError extends TypeError {
  override readonly name = 'SpMockRequestError';

  constructor(
    readonly status: number,
    readonly code: AdminErrorCode | 'UNEXPECTED_RESPONSE',
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

export class SpMockClient {
  /** Base URL, no trailing slash. */
  readonly url: string;
  private readonly apiUrl: string;

  /** `apiUrl`: where this process reaches the SP, when that differs from its public URL. */
  constructor(url: string, apiUrl: string = url) {
    this.url = url.replace(/\/+$/, '');
    this.apiUrl = apiUrl.replace(/\/+$/, '');
  }

  createOrganization(input: OrganizationInput): Promise<OrganizationView> {
    return this.call('POST', '/admin/organizations', input);
  }

  updateOrganization(id: string, patch: OrganizationPatch): Promise<OrganizationView> {
    return this.call('PATCH', `/admin/organizations/${encodeURIComponent(id)}`, patch);
  }

  getOrganization(id: string): Promise<OrganizationView> {
    return this.call('GET', `/admin/organizations/${encodeURIComponent(id)}`);
  }

  listOrganizations(): Promise<OrganizationView[]> {
    return this.call('GET', '/admin/organizations');
  }

  async deleteOrganization(id: string): Promise<void> {
    await this.call('DELETE', `/admin/organizations/${encodeURIComponent(id)}`);
  }

  listLoginAttempts(orgId: string): Promise<LoginAttempt[]> {
    return this.call('GET', `/admin/organizations/${encodeURIComponent(orgId)}/attempts`);
  }

  getLoginAttempt(orgId: string, attemptId: string): Promise<LoginAttempt> {
    return this.call('GET', `/admin/organizations/${encodeURIComponent(orgId)}/attempts/${encodeURIComponent(attemptId)}`);
  }

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.apiUrl}${path}`, {
      method,
      ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    });
    if (response.status === 204) return undefined as T;
    const text = await response.text();
    if (response.ok) return JSON.parse(text) as T;
    let error: AdminErrorBody['error'] | undefined;
    try {
      error = (JSON.parse(text) as AdminErrorBody).error;
    } catch {
      error = undefined;
    }
    throw new SpMockRequestError(
      response.status,
      error?.code ?? 'UNEXPECTED_RESPONSE',
      error?.message ?? `${method} ${path} answered ${response.status}: ${text.slice(0, 200)}`,
      error?.field,
    );
  }
}
