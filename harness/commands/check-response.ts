/** `saml-harness check-response`: a SAMLResponse captured in a browser, judged offline by sp-mock's rules. */
import { readFile } from 'node:fs/promises';
import type { Output } from './output.ts';
import { consoleWordsVersionFlag } from './console-words-flag.ts';
import { HarnessError } from '../errors.ts';
import { defaultKeycloakVersion } from '../keycloak/versions.ts';
import { readCapturedResponse } from '../response/captured-input.ts';
import { judgeCapturedResponse, type CapturedVerdict, type JudgeTime } from '../response/judge-captured.ts';
import { loadOrganizationFile } from '../response/organization-file.ts';
import { renderCapturedVerdict } from '../response/render.ts';

export interface CheckResponseOptions {
  /** A file holding the response, or '-' for standard input. */
  input: string;
  /** The organization file (YAML). */
  org: string;
  /** 'now' (default), 'issue-instant', or an ISO 8601 time. */
  at?: string;
  requestId?: string;
  keycloakVersion?: string;
  format?: 'text' | 'json';
  /** Standard input, for '-' (tests pass their own). */
  stdin?: () => Promise<string>;
  /** The real time, for --at now (tests pin it). */
  now?: Date;
}

export function parseJudgeTime(value: string | undefined): JudgeTime {
  if (value === undefined || value === 'now') return 'now';
  if (value === 'issue-instant') return 'issue-instant';
  const time = new Date(value);
  if (!/^\d{4}-\d\d-\d\d/.test(value) || Number.isNaN(time.getTime())) {
    throw new HarnessError('USAGE', `--at "${value}" is neither now, issue-instant nor an ISO 8601 time`, 'Pass --at now, --at issue-instant, or a time such as --at 2026-11-28T10:00:00Z.');
  }
  return time;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks).toString('utf8');
}

async function readInput(options: CheckResponseOptions): Promise<string> {
  if (options.input === '-') return (options.stdin ?? readStdin)();
  try {
    return await readFile(options.input, 'utf8');
  } catch (error) {
    throw new HarnessError('USAGE', `Cannot read the response file ${options.input}: ${(error as Error).message}`, 'Check the path, or pass - and paste the response on standard input.', {
      cause: error,
    });
  }
}

/** Prints the verdict; throws RESPONSE_REJECTED when Atlassian would refuse the response. */
export async function checkResponse(options: CheckResponseOptions, output: Output): Promise<CapturedVerdict> {
  const at = parseJudgeTime(options.at);
  const keycloakVersion = consoleWordsVersionFlag(options.keycloakVersion ?? defaultKeycloakVersion);
  const org = loadOrganizationFile(options.org);
  const text = await readInput(options);
  if (text.trim() === '') {
    throw new HarnessError('USAGE', `${options.input === '-' ? 'Standard input' : options.input} is empty`, 'Paste the SAMLResponse (base64 from the POST form, or the XML).');
  }
  const verdict = judgeCapturedResponse(readCapturedResponse(text), org, {
    at,
    keycloakVersion,
    ...(options.requestId === undefined ? {} : { requestId: options.requestId }),
    ...(options.now === undefined ? {} : { now: options.now }),
  });
  if (options.format === 'json') output.print(JSON.stringify(verdict, null, 2));
  else for (const line of renderCapturedVerdict(verdict, options.input === '-' ? 'standard input' : options.input)) output.print(line);
  if (!verdict.accepted) {
    throw new HarnessError('RESPONSE_REJECTED', `Atlassian would refuse this response: ${verdict.code}: ${verdict.detail ?? verdict.message}`, verdict.fix);
  }
  return verdict;
}
