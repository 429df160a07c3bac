/**
 * The harness's Keycloak caches its theme as in production mode (server-options.ts): the login page's
 * stylesheets come with a long max-age, so that a browser driving many logins parses them once.
 */
import { expect, inject, test } from 'vitest';
import * as cheerio from 'cheerio';

const shared = inject('keycloak');

test("the login page's stylesheets are served for caching, not no-cache as start-dev serves them", async () => {
  const authorize = new URL(`${shared.baseUrl}/realms/master/protocol/openid-connect/auth`);
  authorize.search = new URLSearchParams({
    client_id: 'security-admin-console',
    redirect_uri: `${shared.baseUrl}/admin/master/console/`,
    response_type: 'code',
    scope: 'openid',
    code_challenge: 'WFmwm16Ww-Hrkcrv1aGk2YebVJPBFiW2wOF-sSDWSRI',
    code_challenge_method: 'S256',
  }).toString();
  const page = await fetch(authorize);
  expect(page.status).toBe(200);
  const stylesheets = cheerio.load(await page.text())('link[rel="stylesheet"]').map((_, link) => link.attribs.href).get();
  expect(stylesheets.length).toBeGreaterThan(0);
  for (const href of stylesheets) {
    const stylesheet = await fetch(new URL(href, authorize));
    expect([href, stylesheet.status, stylesheet.headers.get('cache-control')]).toEqual([href, 200, 'max-age=2592000']);
  }
});
