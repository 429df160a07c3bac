/**
 * A real Chromium: Keycloak's own pages with their JavaScript (the POST-binding form submits itself), the
 * browser's cookie rules (SameSite, Secure on loopback) and its redirects. Each login runs in a window of
 * its own for its duration (browser-windows.ts), recorded as HAR by Playwright; the document requests
 * make the trace's hops.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Request, Response } from 'playwright-core';
import { requirePage, type LoginDriver, type LoginUser, type StepResult } from '../driver.ts';
import { redactPasswords, type HarLog } from '../har.ts';
import type { Hop, Page } from '../http-session.ts';
import { readKeycloakPage } from '../keycloak-pages.ts';
import { authnRequestFromRedirect, responseFromPost, type SamlMessage } from '../saml-messages.ts';
import { settleMs, type BrowserWindow, type BrowserWindows } from './browser-windows.ts';
import { HarRecording } from './har-recording.ts';
import { observeKeycloak, observeSpPage } from './http-driver.ts';

/** Only what makes the flow: pages and form posts, not the theme's scripts, styles and images. */
const flowResources = new Set(['document']);
/** What a HAR keeps the text of (anything else, such as a favicon, is listed without its body). */
const keptContent = /^(text\/html|application\/xhtml|application\/json|application\/x-www-form-urlencoded|text\/plain)/i;

export class BrowserDriver implements LoginDriver {
  readonly name = 'browser';
  readonly hops: Hop[] = [];
  readonly messages: SamlMessage[] = [];
  currentStep = '';
  private lastStatus = 0;
  /** The main frame's last document that is not a redirect, and the one its last load event was for. */
  private lastDocument: Response | undefined;
  private loadedDocument: Response | undefined;
  /** The main frame's document requests still waiting for an answer: the page is about to change. */
  private readonly navigations = new Set<Request>();
  private readonly onRequest = (request: Request) => {
    if (flowResources.has(request.resourceType()) && this.inMainFrame(request)) this.navigations.add(request);
  };
  private readonly onRequestFailed = (request: Request) => this.navigations.delete(request);
  private readonly onLoad = () => (this.loadedDocument = this.lastDocument);
  private closed = false;
  private readonly onResponse = (response: Response) => this.record(response);

  private constructor(
    private readonly windows: BrowserWindows,
    private readonly window: BrowserWindow,
    private readonly harFolder: string,
    private readonly harRecording: HarRecording,
  ) {
    window.page.on('request', this.onRequest).on('requestfailed', this.onRequestFailed).on('response', this.onResponse).on('load', this.onLoad);
  }

  private get page() {
    return this.window.page;
  }

  static async open(windows: BrowserWindows): Promise<BrowserDriver> {
    const harFolder = await mkdtemp(join(tmpdir(), 'saml-harness-har-'));
    const window = await windows.take();
    try {
      // The flow's requests, not the theme's (Keycloak serves its scripts, styles and fonts under /resources/).
      const recording = await HarRecording.start(window.context, window.page, join(harFolder, 'login.har'), { content: 'embed', urlFilter: /^(?!.*\/resources\/)/ });
      return new BrowserDriver(windows, window, harFolder, recording);
    } catch (error) {
      await windows.discard(window);
      await rm(harFolder, { recursive: true, force: true });
      throw error;
    }
  }

  private record(response: Response): void {
    const request = response.request();
    this.navigations.delete(request);
    if (!flowResources.has(request.resourceType()) || !this.inMainFrame(request)) return;
    const timing = request.timing();
    const location = response.headers().location;
    const method = request.method() === 'POST' ? 'POST' : 'GET';
    const hop: Hop = { method, url: request.url(), status: response.status(), step: this.currentStep, ms: Math.max(0, Math.round(timing.responseEnd)) };
    if (location) hop.location = new URL(location, request.url()).toString();
    this.hops.push(hop);
    this.lastStatus = response.status();
    if (!location) this.lastDocument = response;
    const authnRequest = authnRequestFromRedirect(request.url());
    if (authnRequest && method === 'GET') this.messages.push(authnRequest);
    const form = method === 'POST' ? new URLSearchParams(request.postData() ?? '') : undefined;
    const samlResponse = form?.get('SAMLResponse');
    if (samlResponse) this.messages.push(responseFromPost(request.url(), samlResponse, form!.get('RelayState') ?? undefined));
  }

  /** A service worker's requests have no frame (Playwright throws); they are not the flow's either. */
  private inMainFrame(request: Request): boolean {
    try {
      return request.frame() === this.page.mainFrame();
    } catch {
      return false;
    }
  }

  /**
   * The page now shown, once what it started (redirects, a form that submits itself) has come to rest.
   * Its HTML is the document's response as the server sent it (Keycloak's and sp-mock's pages are made on
   * the server): read from the browser's network layer, it needs nothing run in the page, where
   * `page.content()` has Playwright inject its scripts into every new document.
   */
  private async settled(): Promise<Page> {
    const deadline = Date.now() + settleMs;
    while (Date.now() < deadline) {
      await this.page.waitForLoadState('load');
      if (this.navigations.size > 0) {
        // The page went on (the POST binding submitting itself, a redirect): read the next one.
        await sleep(20);
        continue;
      }
      const shown = this.loadedDocument;
      const body = shown ? await shown.text().catch(() => undefined) : undefined;
      if (body === undefined) {
        // The browser no longer holds the document: it has moved on already (Keycloak's POST-binding page
        // submits itself as it loads), so the page to read is the next one.
        if (shown && (await this.movedOn(shown))) continue;
        return this.current(await this.page.content());
      }
      const read = readKeycloakPage(body, this.page.url());
      if (read.kind !== 'post-binding') return this.current(body);
      // Keycloak's POST-binding page submits itself on load: wait for the browser to leave it.
      const leaving = this.page.url();
      await this.page.waitForURL((url) => url.toString() !== leaving, { timeout: settleMs }).catch(() => undefined);
      if (this.page.url() === leaving) return this.current(body);
    }
    return this.current(await this.page.content());
  }

  /** Whether the page has gone on from `shown` (a document request under way, a newer one loaded), given a moment to say so. */
  private async movedOn(shown: Response): Promise<boolean> {
    for (let look = 0; look < 3; look++) {
      if (this.navigations.size > 0 || this.loadedDocument !== shown) return true;
      await sleep(10);
    }
    return false;
  }

  private current(body: string): Page {
    return { url: this.page.url(), status: this.lastStatus, headers: new Headers(), body };
  }

  async startAtSp(loginUrl: string, email: string, relayState?: string): Promise<StepResult> {
    const url = new URL(loginUrl);
    url.searchParams.set('email', email);
    if (relayState) url.searchParams.set('relayState', relayState);
    await this.page.goto(url.toString());
    const page = await this.settled();
    return this.messages.some((message) => message.kind === 'AuthnRequest') ? { page } : observeSpPage(page);
  }

  /** The browser followed the redirect already; the step stays so that both drivers' traces read alike. */
  async followToIdp(page: Page | undefined): Promise<StepResult> {
    return { page: requirePage(page) };
  }

  async openIdpInitiatedUrl(url: string): Promise<StepResult> {
    await this.page.goto(url);
    return { page: await this.settled() };
  }

  async logIn(page: Page | undefined, user: LoginUser, options: { overError?: boolean } = {}): Promise<StepResult> {
    const current = requirePage(page);
    const read = readKeycloakPage(current.body, current.url);
    if (read.kind === 'login-form' && (!read.error || options.overError)) {
      // A form shown again after a wrong password may keep the username in a read-only field: left as it is.
      return this.typeAndSubmit('form#kc-form-login', [
        ['username', user.username],
        ['password', user.password],
      ]);
    }
    // An SSO session skips the form: the browser went on to the SP already.
    const atSp = observeSpPage(current);
    if ('observed' in atSp && atSp.observed.kind === 'sp-attempt') return { page: current };
    return observeKeycloak(current, read);
  }

  async answerOneTimeCode(page: Page | undefined, code: () => string): Promise<StepResult> {
    const current = requirePage(page);
    const read = readKeycloakPage(current.body, current.url);
    if (read.kind !== 'otp-form') return { page: current };
    if (read.error) return observeKeycloak(current, read);
    return this.typeAndSubmit('form#kc-otp-login-form', [['otp', code()]]);
  }

  /**
   * Types into the form's fields and presses Enter in the last, as a user does: the keys go through the
   * browser's input pipeline and Enter submits the form by its default button. Playwright's locators and
   * `page.evaluate` would do the same at the cost of its scripts injected into every page; the fields are
   * found by one expression run through DevTools instead.
   */
  private async typeAndSubmit(form: string, fields: ReadonlyArray<readonly [name: string, value: string]>): Promise<StepResult> {
    let typed = false;
    for (const [name, value] of fields) {
      const focused = await this.inPage<boolean>(
        `(() => { const field = document.querySelector(${JSON.stringify(`${form} input[name="${name}"]`)});` +
          ` if (!field || field.readOnly || field.disabled || field.type === 'hidden') return false; field.focus(); field.select(); return true; })()`,
      );
      if (!focused) continue;
      await this.page.keyboard.insertText(value);
      typed = true;
    }
    const navigated = this.page.waitForEvent('framenavigated', { predicate: (frame) => frame === this.page.mainFrame() });
    if (typed) await this.page.keyboard.press('Enter');
    else await this.inPage(`document.querySelector(${JSON.stringify(form)})?.requestSubmit()`);
    await navigated;
    return { page: await this.settled() };
  }

  /** The value of an expression in the page's own scripts' world (DevTools' Runtime.evaluate). */
  private async inPage<T>(expression: string): Promise<T> {
    const { result, exceptionDetails } = await this.window.devtools.send('Runtime.evaluate', { expression, returnByValue: true });
    if (exceptionDetails) throw new Error(`in ${this.page.url()}: ${exceptionDetails.exception?.description ?? exceptionDetails.text}`);
    return result.value as T;
  }

  /** The POST-binding page posted itself; what is left is where the browser ended. */
  async postResponseToAcs(page: Page | undefined): Promise<StepResult> {
    const current = requirePage(page);
    if (this.messages.some((message) => message.kind === 'Response')) return { page: current };
    return observeKeycloak(current, readKeycloakPage(current.body, current.url));
  }

  async readVerdict(page: Page | undefined): Promise<StepResult> {
    return observeSpPage(requirePage(page));
  }

  async clearCookies(): Promise<void> {
    await this.window.context.clearCookies();
  }

  async screenshot(): Promise<Buffer | undefined> {
    if (this.closed) return undefined;
    // Straight from the compositor: Playwright's page.screenshot() first runs its scripts in the page
    // (fonts, caret), which for one JPEG of the viewport costs more than the picture.
    const { data } = await this.window.devtools.send('Page.captureScreenshot', { format: 'jpeg', quality: 60, optimizeForSpeed: true });
    return Buffer.from(data, 'base64');
  }

  /** Ends the HAR recording (the login is over) and reads what Playwright wrote. */
  async har(): Promise<HarLog> {
    await this.harRecording.stop();
    const har = JSON.parse(await readFile(join(this.harFolder, 'login.har'), 'utf8')) as HarLog;
    for (const entry of har.log.entries) {
      const content = entry.response.content;
      if (content.text !== undefined && !keptContent.test(content.mimeType)) delete content.text;
    }
    return redactPasswords(har);
  }

  /** Gives the window back for the next login (browser-windows.ts empties it). */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.page.off('request', this.onRequest).off('requestfailed', this.onRequestFailed).off('response', this.onResponse).off('load', this.onLoad);
    try {
      await this.harRecording.stop();
      await this.windows.giveBack(this.window);
    } catch {
      await this.windows.discard(this.window);
    } finally {
      await rm(this.harFolder, { recursive: true, force: true });
    }
  }
}
