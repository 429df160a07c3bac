/** The browser side of login: SP-initiated start, the ACS, and the pages a login lands on. */
import express, { type Request, type Response, type Router } from 'express';
import type { SpMockState } from '../state/sp-state.ts';
import { consumeResponse, refuseUnreadableBody } from './acs.ts';
import { queryString } from './query-string.ts';
import { ATTEMPT_HEADER, errorPage, successPage } from './pages.ts';
import { startLogin } from './start-login.ts';

function landing(state: SpMockState, req: Request, res: Response, outcome: 'success' | 'error'): void {
  const attemptId = queryString(req.query.attempt);
  const attempt = attemptId === undefined ? undefined : state.attempt(attemptId);
  if (attempt !== undefined) res.set(ATTEMPT_HEADER, attempt.id);
  if (outcome === 'success' && attempt?.outcome === 'success') {
    res.type('html').send(successPage(attempt));
    return;
  }
  res
    .status(outcome === 'success' ? 404 : 200)
    .type('html')
    .send(errorPage(attempt, queryString(req.query.error), queryString(req.query.error_description)));
}

export function loginRouter(state: SpMockState): Router {
  const router = express.Router();
  router.get('/login', (req, res) => startLogin(state, req, res));
  router.post(
    '/login/callback',
    express.urlencoded({ extended: false, limit: state.limits.maxBodyBytes, parameterLimit: state.limits.maxFormFields }),
    (req, res) => consumeResponse(state, req, res),
  );
  router.use('/login/callback', refuseUnreadableBody(state));
  router.get('/login/success', (req, res) => landing(state, req, res, 'success'));
  router.get('/login/error', (req, res) => landing(state, req, res, 'error'));
  return router;
}
