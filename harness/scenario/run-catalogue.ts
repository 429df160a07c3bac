/**
 * Runs scenarios on one or more Keycloak versions: one Keycloak per version (two versions at a time),
 * one realm per scenario, several scenarios at a time on each Keycloak, one sp-mock for the whole run.
 */
import type { SpMockClient } from '../../sp-mock/index.ts';
import { mapWithConcurrency } from '../concurrency.ts';
import { describeError, HarnessError } from '../errors.ts';
import { ensureDistribution } from '../keycloak/distribution/distribution.ts';
import { keycloakRuntimeFor, startKeycloak, type KeycloakRuntimeChoice } from '../keycloak/start-keycloak.ts';
import type { LdapRuntimeChoice } from '../ldap/start-ldap.ts';
import { silent, type ProgressListener } from '../progress.ts';
import type { RunReport, VersionRun } from './run-report.ts';
import { stackKeycloak, type Stack } from './stack.ts';
import type { ScenarioResult } from './run-scenario.ts';
import type { Scenario } from './schema.ts';

export interface RunObserver {
  versionStarting?(version: string): void;
  versionReady?(version: string, baseUrl: string, readyMs: number): void;
  scenarioStarting?(version: string, scenario: Scenario): void;
  scenarioDone?(version: string, result: ScenarioResult): void;
}

export interface RunCatalogueOptions {
  versions: readonly string[];
  runtime?: KeycloakRuntimeChoice;
  /** The container runtime's Keycloak image (`{version}` stands for the version). */
  keycloakImage?: string;
  ldapRuntime?: LdapRuntimeChoice;
  ldapImage?: string;
  distributionArchive?: string;
  attach?: boolean;
  /** Scenarios at a time on one Keycloak. */
  concurrency?: number;
  /** Keycloak versions at a time. */
  parallelVersions?: number;
  keep?: boolean;
  observer?: RunObserver;
  progress?: ProgressListener;
  /** Aborted when the run is to stop (Ctrl-C): no scenario starts after it, and the run ends INTERRUPTED. */
  signal?: AbortSignal;
  /** Drive the logins in a real Chromium (the system's; see login/drivers/chromium.ts) instead of over HTTP. */
  browser?: boolean;
}

export async function runCatalogue(scenarios: readonly Scenario[], options: RunCatalogueOptions): Promise<RunReport> {
  const startedAt = new Date().toISOString();
  const progress = options.progress ?? silent;
  // Keycloak's boot is a run's longest wait: sp-mock and the scenarios' code (about 2 s of module loading)
  // load while it boots, not before it starts. Awaited once a Keycloak is ready; marked handled here so
  // that a failure waits for that await instead of ending the process.
  const spStarting = import('../../sp-mock/index.ts').then(({ startSpMock }) => startSpMock());
  spStarting.catch(() => {});
  void import('./run-scenario.ts').catch(() => {});
  // Loaded only for a browser run: playwright-core is large and most runs never need it. Started before
  // any Keycloak, so that a missing Chromium is said at once.
  const browser = options.browser
    ? await Promise.all([import('../login/drivers/chromium.ts'), import('../login/drivers/browser-driver.ts')]).then(async ([{ startChromium }, { BrowserDriver }]) => {
        const chromium = await startChromium();
        return { chromium, newDriver: () => BrowserDriver.open(chromium.windows) };
      }).catch(async (error: unknown) => {
        await (await spStarting.catch(() => undefined))?.stop();
        throw error;
      })
    : undefined;
  if (browser) progress(`Logins in Chromium (${browser.chromium.executable})`);
  const chromium = browser?.chromium;
  const newDriver = browser?.newDriver;
  try {
    // Archives download one after the other while earlier versions already run.
    const prefetch = new Map<string, Promise<unknown>>();
    if (!options.attach && !options.distributionArchive) {
      let chain: Promise<unknown> = Promise.resolve();
      for (const version of options.versions) {
        chain = chain.then(async () => {
          const decision = await keycloakRuntimeFor({ ...runtimeOptions(options), version }).catch(() => undefined);
          if (decision?.runtime === 'distribution') await ensureDistribution({ version, progress }).catch(() => undefined);
        });
        prefetch.set(version, chain);
      }
    }
    const versions = await mapWithConcurrency(options.versions, options.parallelVersions ?? 2, async (version) => {
      await prefetch.get(version);
      return runVersion(version, scenarios, spStarting, options, newDriver);
    });
    // Whatever ended while the harness was stopping its servers says nothing about the scenarios.
    if (options.signal?.aborted) throw interrupted();
    return { startedAt, finishedAt: new Date().toISOString(), versions };
  } finally {
    await chromium?.stop();
    await (await spStarting.catch(() => undefined))?.stop();
  }
}

async function runVersion(
  version: string,
  scenarios: readonly Scenario[],
  spStarting: Promise<SpMockClient>,
  options: RunCatalogueOptions,
  newDriver: Stack['newDriver'],
): Promise<VersionRun> {
  if (options.signal?.aborted) throw interrupted();
  options.observer?.versionStarting?.(version);
  let keycloak;
  try {
    keycloak = await startKeycloak({
      version,
      ...runtimeOptions(options),
      ...(options.attach ? { attach: true } : {}),
      progress: options.progress ?? silent,
    });
  } catch (error) {
    if (!HarnessError.is(error) || options.signal?.aborted) throw error;
    return { version, runtime: options.runtime ?? 'auto', results: [], error: { code: error.code, message: error.message, fix: error.fix } };
  }
  try {
    options.observer?.versionReady?.(version, keycloak.baseUrl, keycloak.readyAfterMs);
    const stack: Stack = {
      keycloak: stackKeycloak(keycloak.baseUrl, version, await keycloak.adminClient(), keycloak),
      sp: await spStarting,
      ldap: { ...(options.ldapRuntime ? { runtime: options.ldapRuntime } : {}), ...(options.ldapImage ? { image: options.ldapImage } : {}) },
      ...(newDriver ? { newDriver } : {}),
    };
    const results = await runScenariosOn(stack, scenarios, options);
    return { version, runtime: keycloak.runtime, keycloakBaseUrl: keycloak.baseUrl, keycloakReadyMs: keycloak.readyAfterMs, results };
  } finally {
    await keycloak.stop();
  }
}

function runtimeOptions(options: RunCatalogueOptions) {
  return {
    ...(options.runtime ? { runtime: options.runtime } : {}),
    ...(options.keycloakImage ? { image: options.keycloakImage } : {}),
    ...(options.distributionArchive ? { distributionArchive: options.distributionArchive } : {}),
  };
}

/** Runs scenarios on a stack that is already up, several at a time; a scenario that cannot be set up fails alone. */
export function runScenariosOn(
  stack: Stack,
  scenarios: readonly Scenario[],
  options: Pick<RunCatalogueOptions, 'concurrency' | 'keep' | 'observer' | 'signal'> = {},
): Promise<ScenarioResult[]> {
  const version = stack.keycloak.version;
  const loading = import('./run-scenario.ts');
  return mapWithConcurrency(scenarios, options.concurrency ?? 4, async (scenario) => {
    if (options.signal?.aborted) throw interrupted();
    const { runScenario, expectationFor } = await loading;
    options.observer?.scenarioStarting?.(version, scenario);
    const result = await runScenario(scenario, stack, { ...(options.keep ? { keep: true } : {}) }).catch((error: unknown) =>
      harnessFailure(scenario, version, error, expectationFor(scenario, version).expected),
    );
    if (options.signal?.aborted) throw interrupted();
    options.observer?.scenarioDone?.(version, result);
    return result;
  });
}

function interrupted(): HarnessError {
  return new HarnessError('INTERRUPTED', 'The run was stopped before its end; its outcomes are not reported', 'Run it again to the end.');
}

/** The harness could not set the scenario up: a failed result that says why, not a crash of the run. */
function harnessFailure(scenario: Scenario, version: string, error: unknown, expected: ScenarioResult['expected']): ScenarioResult {
  const setupError = HarnessError.is(error)
    ? { code: error.code, message: error.message, fix: error.fix }
    : { code: error instanceof Error ? error.name : 'Error', message: describeError(error) };
  return {
    id: scenario.id,
    title: scenario.title,
    version,
    expected,
    outcome: {
      result: 'failure',
      where: 'harness',
      code: 'HARNESS_SETUP_FAILED',
      message: `The harness could not set the scenario up: ${setupError.code}: ${setupError.message}`,
      ...(setupError.fix ? { fix: setupError.fix } : {}),
      step: { index: 0, name: 'apply the scenario' },
    },
    passed: false,
    // Short: the cause, said once for every scenario it hit, is in the summary (commands/run.ts).
    differences: [`the scenario could not be set up (${setupError.code})`],
    setupError,
    trace: { steps: [], hops: [], messages: [] },
    realm: '',
    orgId: '',
    ms: { setup: 0, login: 0, cleanup: 0 },
  };
}
