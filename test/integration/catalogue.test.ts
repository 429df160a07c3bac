/**
 * The whole catalogue against the real Keycloak of this run: one realm per scenario, scenarios in parallel,
 * each a test that fails when the outcome differs from the one the scenario expects for this version.
 * With SAML_HARNESS_BROWSER=chromium every login runs in the system's Chromium instead of over HTTP.
 */
import { afterAll, describe, expect, inject, test } from 'vitest';
import { SpMockClient } from '../../sp-mock/index.ts';
import { connectAdminClient } from '../../harness/keycloak/admin-client.ts';
import { stackKeycloak, type Stack } from '../../harness/scenario/stack.ts';
import { checkCatalogue } from '../../harness/scenario/catalogue.ts';
import { runScenario } from '../../harness/scenario/run-scenario.ts';
import { BrowserDriver } from '../../harness/login/drivers/browser-driver.ts';
import { startChromium } from '../../harness/login/drivers/chromium.ts';
import { browserFromEnvironment } from '../../harness/login/drivers/driver-choice.ts';
import { providedKeycloakLog } from '../support/keycloak-log.ts';

const keycloak = inject('keycloak');
const catalogue = checkCatalogue();
const chromium = browserFromEnvironment() ? await startChromium() : undefined;
afterAll(() => chromium?.stop());
const stack: Stack = {
  keycloak: stackKeycloak(keycloak.baseUrl, keycloak.version, await connectAdminClient(keycloak.baseUrl, keycloak.admin), {
    ...keycloak,
    log: providedKeycloakLog(keycloak),
  }),
  sp: new SpMockClient(inject('spMockUrl')),
  ...(chromium ? { newDriver: () => BrowserDriver.open(chromium.windows) } : {}),
};

describe.concurrent(`the scenario catalogue on Keycloak ${keycloak.version}`, () => {
  for (const { scenario } of catalogue.scenarios) {
    test(`${scenario.id}: ${scenario.title}`, async () => {
      const result = await runScenario(scenario, stack);
      if (chromium) expect(result.trace.driver ?? 'none', 'the login ran in Chromium').toBe('browser');
      const explanation = [
        `outcome: ${result.outcome.result} at ${result.outcome.where} (${result.outcome.code}): ${result.outcome.message}`,
        ...result.trace.steps.map((step) => `  step ${step.index} ${step.name} → ${step.status ?? ''} ${step.landedAt ?? ''}`),
      ].join('\n');
      expect(result.differences, explanation).toEqual([]);
    });
  }
});
