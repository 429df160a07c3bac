import { setTimeout as sleep } from 'node:timers/promises';
import { HarnessError, type HarnessErrorCode } from '../errors.ts';

export interface WaitForHttpOptions {
  /** What is awaited, for messages: "Keycloak 26.7.3". */
  subject: string;
  timeoutMs: number;
  intervalMs?: number;
  expectedStatus?: number;
  /** Throws (or returns an error) as soon as the awaited process is gone, instead of waiting out the timeout. */
  checkAlive?: () => Promise<void>;
  /** Last log lines for the timeout message. */
  lastLines?: () => Promise<string[]>;
  /** The error a timeout is, with the fix for what was awaited. */
  timeout: { code: HarnessErrorCode; fix: string };
}

/** Polls `url` until it answers `expectedStatus` (200): "X not ready at URL after N ms; last log lines: …". */
export async function waitForHttp(url: string, options: WaitForHttpOptions): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  const expected = options.expectedStatus ?? 200;
  let lastSeen = 'no answer';
  while (Date.now() < deadline) {
    await options.checkAlive?.();
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(5000), redirect: 'manual' });
      await response.body?.cancel();
      if (response.status === expected) return;
      lastSeen = `HTTP ${response.status}`;
    } catch (error) {
      lastSeen = (error as Error).cause instanceof Error ? ((error as Error).cause as Error).message : (error as Error).message;
    }
    await sleep(options.intervalMs ?? 150);
  }
  const lines = (await options.lastLines?.()) ?? [];
  throw new HarnessError(
    options.timeout.code,
    `${options.subject} not ready at ${url} after ${options.timeoutMs} ms (last answer: ${lastSeen})` +
      (lines.length ? `; last log lines:\n${lines.join('\n')}` : ''),
    options.timeout.fix,
  );
}
