/**
 * Runs login steps in one browser session, records the trace, and gives the whole verdict: how the login
 * ended, what Keycloak says of its directory when the realm brokers one, and the fix in the words of the
 * version that ran.
 */
import { STATUS_SUCCESS } from '../../sp-mock/index.ts';
import type { KeycloakEvent } from '../keycloak/event-log.ts';
import type { LoginDriver, Observation } from './driver.ts';
import { HttpDriver } from './drivers/http-driver.ts';
import type { Page } from './http-session.ts';
import { invalidNameIdPolicy } from './keycloak-answers.ts';
import { keycloakPageOutcome, type PageContext } from './keycloak-page-outcome.ts';
import { keycloakFix } from '../fixes/fixes.ts';
import { diagnoseDirectory, type DirectoryInQuestion } from './diagnose-directory.ts';
import type { LoginOutcome, LoginRun, StepRecord } from './outcome.ts';
import type { LoginStep, StepContext } from './steps.ts';


export interface RunLoginOptions {
  log?: (line: string) => void;
  /** The Keycloak version, so that fixes use the words of its admin console. */
  version?: string;
  /** The SAML client's ID, to name it in fixes. */
  client?: string;
  /** The realm's LDAP provider, when it brokers a directory: Keycloak is asked about it when a login fails there. */
  directory?: DirectoryInQuestion;
  /** Makes the driver of this login (default: the HTTP driver); the runner closes it. */
  newDriver?: () => Promise<LoginDriver>;
  /** Keycloak's event log lines for this login's realm, read when Keycloak stops the login. */
  events?: () => Promise<KeycloakEvent[]>;
}

export async function runLogin(steps: readonly LoginStep[], options: RunLoginOptions = {}): Promise<LoginRun> {
  const started = Date.now();
  const driver = await (options.newDriver ?? (async () => new HttpDriver()))();
  try {
    return await runWith(driver, steps, options, started);
  } finally {
    await driver.close();
  }
}

async function runWith(driver: LoginDriver, steps: readonly LoginStep[], options: RunLoginOptions, started: number): Promise<LoginRun> {
  const log = options.log ?? (() => {});
  const context: StepContext = { driver };
  const records: StepRecord[] = [];
  let page: Page | undefined;
  let outcome: LoginOutcome | undefined;
  let events: KeycloakEvent[] | undefined;
  const readEvents = async () => (events ??= (await options.events?.().catch(() => [])) ?? []);
  for (const [index, step] of steps.entries()) {
    const stepStarted = Date.now();
    driver.currentStep = step.name;
    log(`Running step ${index + 1}: ${step.name}`);
    const where = { index: index + 1, name: step.name };
    try {
      const result = await step.perform(page, context);
      if ('observed' in result) {
        if (result.observed.kind === 'keycloak-page') await readEvents();
        outcome = judge(result.observed, where, { events: events ?? [] });
      } else {
        page = result.page;
        log(`Landed at ${page.url} (${page.status})`);
      }
    } catch (error) {
      outcome = {
        result: 'failure',
        where: 'browser',
        code: 'DRIVER_NETWORK_ERROR',
        message: `The browser could not complete "${step.name}": ${describeFetchError(error)}`,
        fix: 'Check that the URL the step requested is right and the server behind it is running.',
        step: where,
      };
    }
    records.push({
      index: index + 1,
      name: step.name,
      ms: Date.now() - stepStarted,
      ...(page ? { landedAt: page.url, status: page.status } : {}),
    });
    if (outcome) break;
  }
  outcome ??= {
    result: 'failure',
    where: 'browser',
    code: 'DRIVER_UNEXPECTED_PAGE',
    message: 'The steps ended without a verdict from the SP.',
    step: { index: steps.length, name: steps.at(-1)?.name ?? '' },
  };
  if (options.directory) outcome = await diagnoseDirectory(options.directory, outcome);
  if (outcome.where === 'keycloak') await readEvents();
  const fix = keycloakFix(outcome.code, options.version, options.client ? { client: options.client } : {});
  if (fix) outcome.fix = fix;
  const screenshot = await driver.screenshot().catch(() => undefined);
  return {
    outcome,
    trace: {
      driver: driver.name,
      steps: records,
      hops: driver.hops,
      messages: driver.messages,
      ...(events?.length ? { keycloakEvents: events.map((event) => event.line) } : {}),
    },
    ms: Date.now() - started,
    har: await driver.har(),
    ...(screenshot ? { screenshot: screenshot.toString('base64') } : {}),
  };
}

function judge(observed: Observation, step: LoginOutcome['step'], context: PageContext): LoginOutcome {
  switch (observed.kind) {
    case 'sp-attempt': {
      const { attempt } = observed;
      const status = attempt.status;
      if (status?.code !== undefined && status.code !== STATUS_SUCCESS) {
        const invalidPolicy = status.subCode?.endsWith(':InvalidNameIDPolicy');
        return {
          result: 'failure',
          where: 'keycloak',
          code: invalidPolicy ? invalidNameIdPolicy.code : 'KEYCLOAK_SAML_ERROR',
          message: invalidPolicy
            ? invalidNameIdPolicy.message
            : `Keycloak answered with a SAML error status ${status.code}${status.subCode ? ` / ${status.subCode}` : ''}.`,
          fix: 'Read the Keycloak server log for why it refused to issue an assertion.',
          seen: attempt.atlassianError?.pageText ?? attempt.message,
          step,
          attempt,
        };
      }
      if (attempt.outcome === 'success') {
        return { result: 'success', where: 'sp', code: 'SUCCESS', message: attempt.message, step, attempt };
      }
      return {
        result: 'failure',
        where: 'sp',
        code: attempt.code,
        message: attempt.message,
        fix: attempt.fix,
        ...(attempt.atlassianError ? { seen: attempt.atlassianError.pageText || attempt.atlassianError.errorDescription } : {}),
        step,
        attempt,
      };
    }
    case 'keycloak-page':
      return { ...keycloakPageOutcome(observed.page, observed.status, observed.url, context), step };
    case 'unexpected':
      return {
        result: 'failure',
        where: 'browser',
        code: 'DRIVER_UNEXPECTED_PAGE',
        message: `${observed.reason} (HTTP ${observed.status} at ${observed.url}).`,
        step,
      };
  }
}

function describeFetchError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return `${error.message}${cause}`;
}
