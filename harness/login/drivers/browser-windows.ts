/**
 * The windows a run's logins take turns in: a browser context with one tab each, reused from one login
 * to the next with its cookies cleared and its tab sent to about:blank in between, so that no session of
 * one login reaches the next (Keycloak's and sp-mock's state is all in cookies: neither Keycloak's login
 * pages nor sp-mock's use web storage). A fresh context or tab per login costs a renderer process and a
 * fresh parse of Keycloak's theme every time: the catalogue with the browser driver (26.7.3, 4 at a time,
 * 2 cores) took 33.8 s with a context per login and 21.2 s in reused windows.
 */
import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core';

/** How long one step may take to settle (the POST binding submits itself, redirects follow). */
export const settleMs = 30_000;

export interface BrowserWindow {
  context: BrowserContext;
  page: Page;
  /** The tab's DevTools session, for what Playwright does only through scripts in the page (screenshots). */
  devtools: CDPSession;
}

export class BrowserWindows {
  private readonly idle: BrowserWindow[] = [];
  private readonly all = new Set<BrowserWindow>();

  constructor(private readonly browser: Browser) {}

  async take(): Promise<BrowserWindow> {
    const window = this.idle.pop();
    if (window) return window;
    const context = await this.browser.newContext({ viewport: { width: 1000, height: 720 } });
    context.setDefaultTimeout(settleMs);
    const page = await context.newPage();
    const opened = { context, page, devtools: await context.newCDPSession(page) };
    this.all.add(opened);
    return opened;
  }

  /** Back for the next login, with nothing of the last one left in it; a window that cannot be emptied is closed. */
  async giveBack(window: BrowserWindow): Promise<void> {
    try {
      await window.context.clearCookies();
      await window.page.goto('about:blank', { waitUntil: 'commit' });
      this.idle.push(window);
    } catch {
      await this.discard(window);
    }
  }

  async discard(window: BrowserWindow): Promise<void> {
    this.all.delete(window);
    await window.context.close().catch(() => {});
  }

  /** How many windows are open. */
  get size(): number {
    return this.all.size;
  }
}
