/** The admin API (JSON): organizations and their login attempts. */
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import type { z } from 'zod';
import { organizationInputSchema, organizationPatchSchema } from '../model/organization.ts';
import type { Organization } from '../state/organization.ts';
import type { SpMockState } from '../state/sp-state.ts';

export type AdminErrorCode = 'INVALID_INPUT' | 'INVALID_JSON' | 'ORGANIZATION_EXISTS' | 'ORGANIZATION_NOT_FOUND' | 'ATTEMPT_NOT_FOUND';

export interface AdminErrorBody {
  readonly error: {
    readonly code: AdminErrorCode;
    readonly message: string;
    /** For INVALID_INPUT: the first offending field, e.g. "idp.ssoUrl" or "accounts[1].email". */
    readonly field?: string;
    readonly issues?: readonly { readonly field: string; readonly message: string }[];
  };
}

function fieldName(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (name, segment) => (typeof segment === 'number' ? `${name}[${segment}]` : name === '' ? String(segment) : `${name}.${String(segment)}`),
    '',
  );
}

function sendError(res: Response, status: number, body: AdminErrorBody['error']): void {
  res.status(status).json({ error: body } satisfies AdminErrorBody);
}

/** Parses a body, or answers 400 naming the field and returns undefined (nothing is changed). */
function parseBody<S extends z.ZodType>(schema: S, req: Request, res: Response): z.output<S> | undefined {
  const parsed = schema.safeParse(req.body ?? {});
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((issue) => ({ field: fieldName(issue.path) || '(body)', message: issue.message }));
  const [first] = issues;
  sendError(res, 400, {
    code: 'INVALID_INPUT',
    message: first === undefined ? 'Invalid input.' : `${first.field}: ${first.message}`,
    ...(first === undefined ? {} : { field: first.field }),
    issues,
  });
  return undefined;
}

export function adminRouter(state: SpMockState): Router {
  const router = express.Router();
  router.use('/admin', express.json({ limit: '1mb' }));

  const withOrganization =
    (handle: (organization: Organization, req: Request, res: Response) => void) => (req: Request, res: Response) => {
      const id = String(req.params.id);
      const organization = state.organization(id);
      if (organization === undefined) {
        sendError(res, 404, { code: 'ORGANIZATION_NOT_FOUND', message: `No organization has the id ${id}.` });
        return;
      }
      handle(organization, req, res);
    };

  router.post('/admin/organizations', (req, res) => {
    const input = parseBody(organizationInputSchema, req, res);
    if (input === undefined) return;
    if (input.id !== undefined && state.organization(input.id) !== undefined) {
      sendError(res, 409, { code: 'ORGANIZATION_EXISTS', message: `An organization has the id ${input.id} already.`, field: 'id' });
      return;
    }
    res.status(201).json(state.createOrganization(input).view(state.publicUrl));
  });
  router.get('/admin/organizations', (_req, res) => {
    res.json(state.list().map((organization) => organization.view(state.publicUrl)));
  });
  router.get(
    '/admin/organizations/:id',
    withOrganization((organization, _req, res) => res.json(organization.view(state.publicUrl))),
  );
  router.patch(
    '/admin/organizations/:id',
    withOrganization((organization, req, res) => {
      const patch = parseBody(organizationPatchSchema, req, res);
      if (patch === undefined) return;
      state.updateOrganization(organization, patch);
      res.json(organization.view(state.publicUrl));
    }),
  );
  router.delete(
    '/admin/organizations/:id',
    withOrganization((organization, _req, res) => {
      state.deleteOrganization(organization);
      res.status(204).end();
    }),
  );
  router.get(
    '/admin/organizations/:id/attempts',
    withOrganization((organization, _req, res) => res.json(state.attemptsOf(organization))),
  );
  router.get(
    '/admin/organizations/:id/attempts/:attemptId',
    withOrganization((organization, req, res) => {
      const attempt = state.attempt(String(req.params.attemptId));
      if (attempt === undefined || attempt.orgId !== organization.id) {
        sendError(res, 404, { code: 'ATTEMPT_NOT_FOUND', message: `No attempt ${String(req.params.attemptId)} in this organization.` });
        return;
      }
      res.json(attempt);
    }),
  );
  router.get('/admin/attempts/:attemptId', (req, res) => {
    const attempt = state.attempt(String(req.params.attemptId));
    if (attempt === undefined) {
      sendError(res, 404, { code: 'ATTEMPT_NOT_FOUND', message: `No attempt ${String(req.params.attemptId)}.` });
      return;
    }
    res.json(attempt);
  });

  router.use('/admin', (error: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (typeof error === 'object' && error !== null && (error as { type?: unknown }).type === 'entity.parse.failed') {
      sendError(res, 400, { code: 'INVALID_JSON', message: 'The request body is not valid JSON.' });
      return;
    }
    next(error);
  });
  return router;
}
