/**
 * Keycloak server options the harness sets on both runtimes (the distribution's command line, the
 * container's command), beside `start-dev`'s own.
 *
 * Theme caching as in production mode: `start-dev` turns it off for theme developers, so that every page
 * re-reads its FreeMarker templates and every stylesheet is served `Cache-Control: no-cache`. A browser
 * then fetches and parses PatternFly's stylesheets (about 1 MB) anew at every page: measured with the
 * browser driver on 26.7.3, one login page cost 320 ms of Chromium's time with them uncached and 100 ms
 * cached. It changes no SAML behaviour; option names as in Keycloak's "Working with themes" guide, read
 * by every version from 21 on.
 */
export const themeCachingOptions: readonly string[] = [
  '--spi-theme-static-max-age=2592000',
  '--spi-theme-cache-themes=true',
  '--spi-theme-cache-templates=true',
];
