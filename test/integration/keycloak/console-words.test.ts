/**
 * The words the harness prints for the admin console are the console's own: every label is compared with
 * the messages shipped in the distribution of the Keycloak version under test.
 */
import { expect, inject, test } from 'vitest';
import { consoleLabels, usedMessageKeys } from '../../../harness/keycloak/console-words.ts';
import { cachedDistribution } from '../../../harness/keycloak/distribution/distribution.ts';
import { adminConsoleMessages } from '../../support/keycloak-messages.ts';

const { version } = inject('keycloak');
const distribution = cachedDistribution(version);

test.runIf(distribution)(`every console label the harness uses is Keycloak ${version}'s own`, async () => {
  const messages = await adminConsoleMessages(distribution!.home);
  const labels = consoleLabels(version);
  const mismatches = usedMessageKeys
    .filter((key) => !messages.get(key)?.has(labels[key]!))
    .map((key) => `${key}: harness says "${labels[key]}", Keycloak ${version} says ${[...(messages.get(key) ?? ['nothing'])].map((t) => `"${t}"`).join(' or ')}`);
  expect(mismatches).toEqual([]);
});
