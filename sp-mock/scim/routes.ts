/** SCIM 2.0 over HTTP, one directory per organization: /scim/directory/{directoryId}/... */
import { timingSafeEqual } from 'node:crypto';
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { queryString } from '../http/query-string.ts';
import type { Organization } from '../state/organization.ts';
import type { SpMockState } from '../state/sp-state.ts';
import { groupJson, userJson } from './directory.ts';
import { resourceTypes, schemas, serviceProviderConfig } from './discovery.ts';
import { ScimError } from './errors.ts';
import { listResponse, parsePage } from './query.ts';
import type { ScimGroupRecord, ScimUserRecord } from './resources.ts';

const SCIM_JSON = 'application/scim+json';

function send(res: Response, status: number, body: unknown): void {
  res.status(status).type(SCIM_JSON).send(JSON.stringify(body));
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

interface Scope {
  readonly organization: Organization;
  readonly baseUrl: string;
}

const scopeOf = (res: Response): Scope => res.locals.scim as Scope;

function userResource({ organization, baseUrl }: Scope, user: ScimUserRecord): Record<string, unknown> {
  return {
    ...userJson(user),
    groups: organization.directory
      .groupsOf(user.id)
      .map((group) => ({ value: group.id, display: group.displayName, type: 'direct', $ref: `${baseUrl}/Groups/${group.id}` })),
    meta: { resourceType: 'User', created: user.created, lastModified: user.lastModified, location: `${baseUrl}/Users/${user.id}` },
  };
}

function groupResource({ organization, baseUrl }: Scope, group: ScimGroupRecord): Record<string, unknown> {
  return {
    ...groupJson(group, (userId) => organization.directory.displayNameOf(userId)),
    meta: { resourceType: 'Group', created: group.created, lastModified: group.lastModified, location: `${baseUrl}/Groups/${group.id}` },
  };
}

export function scimRouter(state: SpMockState): Router {
  const router = express.Router({ mergeParams: true });

  router.use((req: Request, res: Response, next: NextFunction) => {
    const directoryId = String(req.params.directoryId);
    const organization = state.organizationByDirectory(directoryId);
    if (organization === undefined) throw new ScimError(404, `Directory ${directoryId} not found`);
    const token = /^Bearer\s+(.+)$/i.exec(req.get('authorization') ?? '')?.[1]?.trim();
    if (token === undefined || !sameSecret(token, organization.settings.scimToken)) {
      res.set('WWW-Authenticate', 'Bearer');
      throw new ScimError(401, 'A valid directory API key is required: Authorization: Bearer <key>.');
    }
    res.locals.scim = { organization, baseUrl: `${state.publicUrl}/scim/directory/${directoryId}` } satisfies Scope;
    next();
  });
  router.use(express.json({ type: ['application/json', SCIM_JSON], limit: '1mb' }));

  router.get('/ServiceProviderConfig', (_req, res) => send(res, 200, serviceProviderConfig(scopeOf(res).baseUrl)));
  router.get('/Schemas', (_req, res) => {
    const all = schemas(scopeOf(res).baseUrl);
    send(res, 200, listResponse(all, { startIndex: 1, count: all.length }));
  });
  router.get('/ResourceTypes', (_req, res) => {
    const all = resourceTypes(scopeOf(res).baseUrl);
    send(res, 200, listResponse(all, { startIndex: 1, count: all.length }));
  });

  router.get('/Users', (req, res) => {
    const scope = scopeOf(res);
    const page = parsePage(queryString(req.query.startIndex), queryString(req.query.count));
    const users = scope.organization.directory.listUsers(queryString(req.query.filter));
    send(res, 200, listResponse(users.map((user) => userResource(scope, user)), page));
  });
  router.post('/Users', (req, res) => {
    const scope = scopeOf(res);
    const user = userResource(scope, scope.organization.directory.createUser(req.body));
    res.set('Location', String((user.meta as { location: string }).location));
    send(res, 201, user);
  });
  router.get('/Users/:id', (req, res) => {
    const scope = scopeOf(res);
    send(res, 200, userResource(scope, scope.organization.directory.getUser(String(req.params.id))));
  });
  router.put('/Users/:id', (req, res) => {
    const scope = scopeOf(res);
    send(res, 200, userResource(scope, scope.organization.directory.replaceUser(String(req.params.id), req.body)));
  });
  router.patch('/Users/:id', (req, res) => {
    const scope = scopeOf(res);
    send(res, 200, userResource(scope, scope.organization.directory.patchUser(String(req.params.id), req.body)));
  });
  router.delete('/Users/:id', (req, res) => {
    scopeOf(res).organization.directory.deleteUser(String(req.params.id));
    res.status(204).end();
  });

  router.get('/Groups', (req, res) => {
    const scope = scopeOf(res);
    const page = parsePage(queryString(req.query.startIndex), queryString(req.query.count));
    const groups = scope.organization.directory.listGroups(queryString(req.query.filter));
    send(res, 200, listResponse(groups.map((group) => groupResource(scope, group)), page));
  });
  router.post('/Groups', (req, res) => {
    const scope = scopeOf(res);
    const group = groupResource(scope, scope.organization.directory.createGroup(req.body));
    res.set('Location', String((group.meta as { location: string }).location));
    send(res, 201, group);
  });
  router.get('/Groups/:id', (req, res) => {
    const scope = scopeOf(res);
    send(res, 200, groupResource(scope, scope.organization.directory.getGroup(String(req.params.id))));
  });
  router.put('/Groups/:id', (req, res) => {
    const scope = scopeOf(res);
    send(res, 200, groupResource(scope, scope.organization.directory.replaceGroup(String(req.params.id), req.body)));
  });
  router.patch('/Groups/:id', (req, res) => {
    const scope = scopeOf(res);
    send(res, 200, groupResource(scope, scope.organization.directory.patchGroup(String(req.params.id), req.body)));
  });
  router.delete('/Groups/:id', (req, res) => {
    scopeOf(res).organization.directory.deleteGroup(String(req.params.id));
    res.status(204).end();
  });

  router.use((_req: Request, _res: Response) => {
    throw new ScimError(404, 'No such SCIM endpoint.');
  });
  router.use((error: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (error instanceof ScimError) {
      send(res, error.status, error.toJson());
    } else if (typeof error === 'object' && error !== null && (error as { type?: unknown }).type === 'entity.parse.failed') {
      send(res, 400, new ScimError(400, 'The request body is not valid JSON.', 'invalidSyntax').toJson());
    } else {
      next(error);
    }
  });
  return router;
}
