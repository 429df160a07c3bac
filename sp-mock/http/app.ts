/** The mock Atlassian SP as an Express app with its state, not listening anywhere. */
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import { warmUpSchema } from '../judge/schema.ts';
import { scimRouter } from '../scim/routes.ts';
import { SpMockState, type SpMockOptions } from '../state/sp-state.ts';
import { adminRouter } from './admin-routes.ts';
import { consoleRouter } from './console.ts';
import { loginRouter } from './login-routes.ts';

export interface SpMockApp {
  readonly app: Express;
  readonly state: SpMockState;
}

export function createSpMockApp(options: SpMockOptions = {}): SpMockApp {
  warmUpSchema();
  const state = new SpMockState(options);
  const app = express();
  app.disable('x-powered-by');
  app.get('/health', (_req, res) => {
    const storage = state.attemptStorage();
    const { rss, heapUsed, external } = process.memoryUsage();
    res.json({ status: 'ok', organizations: state.list().length, attempts: storage.attempts, storedChars: storage.chars, memory: { rss, heapUsed, external } });
  });
  app.use(adminRouter(state));
  app.use(loginRouter(state));
  app.use(consoleRouter(state, { loopbackOnly: !options.listensBeyondLoopback }));
  app.use('/scim/directory/:directoryId', scimRouter(state));
  // The same JSON shape as every other answer, not Express's HTML page.
  app.use((req: Request, res: Response) => {
    res.status(404).json({ error: { code: 'NOT_FOUND', message: `Nothing answers ${req.method} ${req.path} here.` } });
  });
  app.use((error: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    const status = typeof error === 'object' && error !== null && typeof (error as { status?: unknown }).status === 'number'
      ? (error as { status: number }).status
      : 500;
    res.status(status).json({ error: { code: status === 500 ? 'INTERNAL' : 'BAD_REQUEST', message: error instanceof Error ? error.message : String(error) } });
  });
  return { app, state };
}
