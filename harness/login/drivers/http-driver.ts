/** The fast default: Node's fetch with a cookie jar (http-session.ts), Keycloak's pages read with cheerio. */
import * as cheerio from 'cheerio';
import { ATTEMPT_SCRIPT_ID, type LoginAttempt } from '../../../sp-mock/index.ts';
import { requirePage, type LoginDriver, type LoginUser, type StepResult } from '../driver.ts';
import { harFromExchanges, type HarLog } from '../har.ts';
import { HttpSession, isRedirect, type Hop, type Page } from '../http-session.ts';
import { readKeycloakPage, type KeycloakPage } from '../keycloak-pages.ts';
import { authnRequestFromRedirect, responseFromPost, type SamlMessage } from '../saml-messages.ts';

export class HttpDriver implements LoginDriver {
  readonly name = 'http';
  readonly messages: SamlMessage[] = [];
  private readonly session = new HttpSession();

  get hops(): Hop[] {
    return this.session.hops;
  }

  get currentStep(): string {
    return this.session.currentStep;
  }

  set currentStep(step: string) {
    this.session.currentStep = step;
  }

  async startAtSp(loginUrl: string, email: string, relayState?: string): Promise<StepResult> {
    const url = new URL(loginUrl);
    url.searchParams.set('email', email);
    if (relayState) url.searchParams.set('relayState', relayState);
    const page = await this.session.request('GET', url.toString());
    const location = page.headers.get('location');
    const request = isRedirect(page.status) && location ? authnRequestFromRedirect(new URL(location, page.url).toString()) : undefined;
    if (request) {
      this.messages.push(request);
      return { page };
    }
    return observeSpPage(await this.session.follow(page));
  }

  async followToIdp(page: Page | undefined): Promise<StepResult> {
    return { page: await this.session.follow(requirePage(page)) };
  }

  async openIdpInitiatedUrl(url: string): Promise<StepResult> {
    return { page: await this.session.follow(await this.session.request('GET', url)) };
  }

  async logIn(page: Page | undefined, user: LoginUser, options: { overError?: boolean } = {}): Promise<StepResult> {
    const current = requirePage(page);
    const read = readKeycloakPage(current.body, current.url);
    if (read.kind === 'post-binding') return { page: current };
    if (read.kind !== 'login-form' || (read.error && !options.overError)) return observeKeycloak(current, read);
    const answer = await this.session.request('POST', read.action, { username: user.username, password: user.password, credentialId: '' });
    return { page: await this.session.follow(answer) };
  }

  async answerOneTimeCode(page: Page | undefined, code: () => string): Promise<StepResult> {
    const current = requirePage(page);
    const read = readKeycloakPage(current.body, current.url);
    if (read.kind !== 'otp-form') return { page: current };
    if (read.error) return observeKeycloak(current, read);
    return { page: await this.session.follow(await this.session.request('POST', read.action, { otp: code(), login: 'Sign In' })) };
  }

  async postResponseToAcs(page: Page | undefined): Promise<StepResult> {
    const current = requirePage(page);
    const read = readKeycloakPage(current.body, current.url);
    if (read.kind !== 'post-binding') return observeKeycloak(current, read);
    this.messages.push(responseFromPost(read.action, read.samlResponse, read.relayState));
    const form: Record<string, string> = { SAMLResponse: read.samlResponse };
    if (read.relayState) form.RelayState = read.relayState;
    return { page: await this.session.follow(await this.session.request('POST', read.action, form)) };
  }

  async readVerdict(page: Page | undefined): Promise<StepResult> {
    return observeSpPage(requirePage(page));
  }

  async clearCookies(): Promise<void> {
    await this.session.jar.removeAllCookies();
  }

  async screenshot(): Promise<Buffer | undefined> {
    return undefined;
  }

  async har(): Promise<HarLog> {
    return harFromExchanges(this.session.exchanges);
  }

  async close(): Promise<void> {}
}

/** The login attempt an SP page carries (sp-mock's pages embed it as JSON), or why there is none. */
export function observeSpPage(page: Pick<Page, 'body' | 'status' | 'url'>): StepResult {
  const json = cheerio.load(page.body)(`script#${ATTEMPT_SCRIPT_ID}`).text();
  if (!json) return { observed: { kind: 'unexpected', reason: 'the SP page carries no login attempt', status: page.status, url: page.url } };
  return { observed: { kind: 'sp-attempt', attempt: JSON.parse(json) as LoginAttempt } };
}

export function observeKeycloak(page: Pick<Page, 'status' | 'url'>, read: KeycloakPage): StepResult {
  return { observed: { kind: 'keycloak-page', page: read, status: page.status, url: page.url } };
}
