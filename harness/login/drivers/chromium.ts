/**
 * The system's Chromium (or Chrome), driven by playwright-core: never a browser download, which fails on
 * machines without Playwright's CDN and which many CI machines forbid. One browser per run; its logins
 * take turns in a few windows (browser-windows.ts).
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { BrowserWindows } from './browser-windows.ts';
import { HarnessError } from '../../errors.ts';
import { endWithHarness } from '../../process/shutdown.ts';

export const chromiumEnvVariable = 'SAML_HARNESS_CHROMIUM';

/**
 * Where browsers are installed by Debian/Ubuntu, Fedora, macOS and Chrome's own packages. Chromium's
 * headless shell first (Debian's chromium-headless-shell, what Playwright itself runs headless): the
 * harness never shows a window, and the shell does the same work with less (the browser catalogue on
 * 26.7.3 took 39 s in it against 90 s in the full browser's headless mode).
 */
const knownPaths = [
  '/usr/bin/chromium-headless-shell',
  '/usr/lib/chromium/chromium-headless-shell',
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/lib/chromium/chromium',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
];

/**
 * Flags for a headless run as root on a machine with a closed network: without the background-networking
 * ones Chromium keeps trying Google's hosts at every start.
 */
export const chromiumFlags: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function findChromium(setting = process.env[chromiumEnvVariable]): string {
  if (setting) {
    if (existsSync(setting)) return setting;
    throw new HarnessError('BROWSER_NOT_FOUND', `${chromiumEnvVariable} names ${setting}, which does not exist`, `Point ${chromiumEnvVariable} at a Chromium or Chrome executable.`);
  }
  const found = knownPaths.find((path) => existsSync(path));
  if (found) return found;
  throw new HarnessError(
    'BROWSER_NOT_FOUND',
    'No Chromium or Chrome is installed where the harness looks for one',
    `Install one (Debian/Ubuntu: apt-get install chromium-headless-shell, or chromium; macOS: Google Chrome), or point ${chromiumEnvVariable} at its executable. The harness never downloads a browser.`,
  );
}

export interface StartedChromium {
  browser: Browser;
  /** The windows its logins take turns in. */
  windows: BrowserWindows;
  executable: string;
  stop(): Promise<void>;
}

export async function startChromium(): Promise<StartedChromium> {
  const executable = findChromium();
  let browser: Browser;
  try {
    // Playwright gives each launch a fresh profile folder (--user-data-dir) and removes it on close.
    browser = await chromium.launch({ executablePath: executable, headless: true, args: [...chromiumFlags] });
  } catch (error) {
    throw new HarnessError('BROWSER_START_FAILED', `Chromium at ${executable} did not start: ${(error as Error).message.split('\n')[0]}`, 'Run it by hand with --headless to see why, or point SAML_HARNESS_CHROMIUM at another browser.', { cause: error });
  }
  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      release();
      await browser.close().catch(() => {});
    })());
  const release = endWithHarness(stop);
  return { browser, windows: new BrowserWindows(browser), executable, stop };
}
