/**
 * sp-mock's console in a real Chromium, on a stack `up` keeps: an admin edits the IdP certificate on
 * Atlassian's SAML page, runs a login from the page through Keycloak's real form, and sees the attempt
 * appear with its verdict; then puts the right certificate back and logs in. Screenshots are kept as
 * artefacts (reports/console-*.png).
 */
import { mkdir } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { collectingOutput } from '../../../harness/commands/output.ts';
import { startUpFor } from '../../../harness/commands/up.ts';
import { connectAdminClient } from '../../../harness/keycloak/admin-client.ts';
import { startChromium, type StartedChromium } from '../../../harness/login/drivers/chromium.ts';
import type { UpSession } from '../../../harness/up/start-up.ts';
import { browserUnusable } from '../../support/browser.ts';

const unusable = browserUnusable();
const provided = inject('keycloak');

describe.skipIf(unusable !== undefined)("sp-mock's console, in a browser", () => {
  let chromium: StartedChromium;
  let session: UpSession;
  let page: Page;

  beforeAll(async () => {
    await mkdir('reports', { recursive: true });
    chromium = await startChromium();
    const keycloak = { ...provided, adminClient: () => connectAdminClient(provided.baseUrl, provided.admin) };
    session = await startUpFor({ scenarioId: 'happy-path', keycloak }, collectingOutput());
    page = await chromium.browser.newPage();
  });
  afterAll(async () => {
    await page?.close();
    await session?.stop();
    await chromium?.stop();
  });

  const certificateOf = async (realm: string) => {
    const admin = await connectAdminClient(provided.baseUrl, provided.admin);
    const keys = await admin.realms.getKeys({ realm });
    const certificate = keys.keys!.find((key) => key.kid === keys.active!.RS256)!.certificate!;
    return `-----BEGIN CERTIFICATE-----\n${certificate.match(/.{1,64}/g)!.join('\n')}\n-----END CERTIFICATE-----\n`;
  };
  const consoleUrl = () => Object.fromEntries(session.links)["sp-mock's console (Atlassian's SAML page, the login attempts)"]!;

  /** From the console's login form, through Keycloak's form, to the page Atlassian ends on (a fresh browser profile each time). */
  async function logInFromThePage(): Promise<void> {
    await page.close();
    page = await chromium.browser.newPage();
    await page.goto(consoleUrl());
    await page.locator('#login-form button[type="submit"]').click();
    await page.waitForSelector('form#kc-form-login');
    await page.fill('input[name="username"]', session.applied.user.username);
    await page.fill('input[name="password"]', session.applied.login.user.password);
    await page.locator('form#kc-form-login [type="submit"]').first().click();
    await page.waitForURL((url) => url.toString().startsWith(session.sp.url) && !url.pathname.startsWith('/console'));
    await page.waitForLoadState('load');
  }

  test('a certificate edited on the SAML page makes the next login fail, and the attempt says why', async () => {
    await page.goto(consoleUrl());
    expect(await page.locator('#sp-entity-id').textContent()).toBe(session.applied.org.spEntityId);
    const original = await page.locator('#certificate').inputValue();
    // Another realm's certificate pasted by mistake (the master realm's).
    await page.fill('#certificate', await certificateOf('master'));
    await page.locator('#idp-form button[type="submit"]').click();
    await page.waitForURL(/#sso$/);
    expect(await page.locator('#certificate').inputValue()).toBe(await certificateOf('master'));
    await page.screenshot({ path: 'reports/console-saml-page.png', fullPage: true });

    await logInFromThePage();
    await page.goto(consoleUrl());
    const newest = page.locator('section.attempt').first();
    expect(await newest.getAttribute('class')).toContain('failure');
    expect(await newest.locator('.code').textContent()).toBe('SP_SIGNATURE_INVALID');
    await page.screenshot({ path: 'reports/console-attempt-failed.png', fullPage: true });

    await page.fill('#certificate', original);
    await page.locator('#idp-form button[type="submit"]').click();
    await page.waitForURL(/#sso$/);
  });

  test('with the right certificate back, a login from the page appears as a success, newest first', async () => {
    await logInFromThePage();
    expect(await page.locator('#who').textContent()).toBe(session.applied.email);
    await page.goto(consoleUrl());
    const attempts = page.locator('section.attempt');
    expect(await attempts.count()).toBe(2);
    expect(await attempts.first().locator('.code').textContent()).toBe('SUCCESS');
    expect(await page.locator('#accounts').textContent()).toContain(session.applied.email);
    await page.screenshot({ path: 'reports/console-attempt-success.png', fullPage: true });
  });
});
