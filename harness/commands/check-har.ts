/** `saml-harness check-har`: a whole login captured as HAR, judged offline. */
import { HarnessError } from '../errors.ts';
import { atlassianAnswerBeforeSaml, findLogins } from '../har/captured-logins.ts';
import { readHarFile, type CapturedExchange } from '../har/har-file.ts';
import { scrubbed } from '../har/redact.ts';
import { inferKeycloakVersion } from '../har/infer-version.ts';
import { judgeAnswerBeforeSaml, judgeLogin, type HarLoginVerdict } from '../har/judge-har.ts';
import { renderHarVerdict } from '../har/render-har.ts';
import { defaultKeycloakVersion } from '../keycloak/versions.ts';
import { loadOrganizationFile, type CapturedOrganization } from '../response/organization-file.ts';
import type { Output } from './output.ts';
import { consoleWordsVersionFlag } from './console-words-flag.ts';

export interface CheckHarOptions {
  input: string;
  org?: string;
  keycloakVersion?: string;
  format?: 'text' | 'json';
}

export interface CheckHarResult {
  file: string;
  keycloakVersion: { version: string; source: 'given' | 'inferred' | 'default'; because?: string };
  organization: 'given' | 'derived from the capture';
  /** The last login first: the one the user most likely asks about. */
  logins: HarLoginVerdict[];
}

export async function checkHar(options: CheckHarOptions, output: Output): Promise<CheckHarResult> {
  const given = options.keycloakVersion === undefined ? undefined : consoleWordsVersionFlag(options.keycloakVersion);
  const org = options.org === undefined ? undefined : loadOrganizationFile(options.org);
  const { exchanges, secrets } = readHarFile(options.input);
  // Secrets never leave: every line printed, and every message of an error thrown, is scrubbed of them.
  const out: Output = { print: (line) => output.print(scrubbed(line, secrets)), note: (line) => output.note(scrubbed(line, secrets)) };
  try {
    return judgeSession(exchanges, { given, org }, options, out);
  } catch (error) {
    if (HarnessError.is(error)) throw new HarnessError(error.code, scrubbed(error.message, secrets), scrubbed(error.fix, secrets), { cause: error });
    throw error;
  }
}

function judgeSession(
  exchanges: CapturedExchange[],
  { given, org }: { given: string | undefined; org: CapturedOrganization | undefined },
  options: CheckHarOptions,
  output: Output,
): CheckHarResult {
  const logins = findLogins(exchanges);
  if (logins.length === 0) {
    const answer = atlassianAnswerBeforeSaml(exchanges);
    const keycloakVersion = { version: given ?? defaultKeycloakVersion, source: given ? 'given' : 'default' } as const;
    const verdict = answer && judgeAnswerBeforeSaml({ exchanges }, answer, { keycloakVersion: keycloakVersion.version, ...(org ? { org } : {}) });
    if (!verdict) throw noSaml(options.input, exchanges.length, new Set(exchanges.map((exchange) => hostOf(exchange.url))));
    return report({ file: options.input, keycloakVersion, organization: org ? 'given' : 'derived from the capture', logins: [verdict] }, options, output);
  }
  const inferred = given ? undefined : inferKeycloakVersion(exchanges, logins.at(-1)!.keycloakOrigin);
  const keycloakVersion: CheckHarResult['keycloakVersion'] = given
    ? { version: given, source: 'given' }
    : inferred!.because
      ? { version: inferred!.version, source: 'inferred', because: inferred!.because }
      : { version: defaultKeycloakVersion, source: 'default' };
  const verdicts = logins.map((login) => judgeLogin(login, { keycloakVersion: keycloakVersion.version, ...(org ? { org } : {}) })).reverse();
  return report({ file: options.input, keycloakVersion, organization: org ? 'given' : 'derived from the capture', logins: verdicts }, options, output);
}

/** Prints the result; throws LOGIN_REFUSED when the last login was refused, HAR_NO_SAML when it is incomplete. */
function report(result: CheckHarResult, options: CheckHarOptions, output: Output): CheckHarResult {
  const { keycloakVersion, logins: verdicts } = result;
  const count = verdicts.length;
  if (options.format === 'json') output.print(JSON.stringify(result, null, 2));
  else {
    const what = verdicts[0]!.flow === 'before-saml' ? 'no SAML login, an answer of Atlassian' : count === 1 ? 'one SAML login' : `${count} SAML logins, the last first`;
    output.print(`${options.input}: ${what}; the Atlassian side ${options.org ? `from ${options.org}` : 'derived from the capture (pass --org for the organization as Atlassian holds it)'}`);
    output.print(
      `Fixes in the words of Keycloak ${keycloakVersion.version} (${keycloakVersion.source === 'given' ? 'given' : keycloakVersion.source === 'inferred' ? keycloakVersion.because : 'the default: nothing in the capture shows the version; pass --keycloak-version'})`,
    );
    for (const verdict of verdicts) {
      output.print('');
      for (const line of renderHarVerdict(verdict, count)) output.print(line);
    }
  }
  const last = verdicts[0]!;
  if (last.code === 'LOGIN_INCOMPLETE') throw new HarnessError('HAR_NO_SAML', `${options.input}: the last login is incomplete: ${last.message}`, last.fix ?? '');
  if (!last.accepted) throw new HarnessError('LOGIN_REFUSED', `The last login in ${options.input} was refused: ${last.code}: ${last.message}`, last.fix ?? 'See the rules above.');
  return result;
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

function noSaml(file: string, entries: number, hosts: Set<string>): HarnessError {
  const found = entries === 0 ? 'no requests at all' : `${entries} request${entries === 1 ? '' : 's'} to ${[...hosts].slice(0, 5).join(', ')}${hosts.size > 5 ? ` and ${hosts.size - 5} more hosts` : ''}`;
  return new HarnessError(
    'HAR_NO_SAML',
    `${file} holds no SAML login: ${found}, but no SAMLRequest, no SAMLResponse and no Keycloak login page`,
    'Record the whole login: open the developer tools on the Network tab with Preserve log on before you go to Atlassian, log in, then export the HAR.',
  );
}
