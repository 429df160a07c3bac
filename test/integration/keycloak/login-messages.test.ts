/**
 * The words the harness recognises Keycloak's login pages by are Keycloak's own: every text of a message
 * key it reads is compared with the login theme's bundle in the distribution of the version under test.
 */
import { expect, inject, test } from 'vitest';
import { cachedDistribution } from '../../../harness/keycloak/distribution/distribution.ts';
import { loginMessages, usedLoginMessageKeys } from '../../../harness/keycloak/login-messages.ts';
import { loginThemeMessages } from '../../support/keycloak-messages.ts';

const { version } = inject('keycloak');
const distribution = cachedDistribution(version);

test.runIf(distribution)(`every login-page message the harness recognises is Keycloak ${version}'s own`, async () => {
  const bundle = await loginThemeMessages(distribution!.home);
  const texts = loginMessages(version);
  const mismatches = usedLoginMessageKeys
    .filter((key) => bundle.get(key) !== texts[key])
    .map((key) => `${key}: harness says "${texts[key]}", Keycloak ${version} says ${bundle.has(key) ? `"${bundle.get(key)}"` : 'nothing'}`);
  expect(mismatches).toEqual([]);
});
