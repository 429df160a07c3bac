/**
 * One login's HAR, recorded by Playwright itself (tracing.startHar and stopHar on the window's context), in
 * a window the next login reuses (browser-windows.ts).
 *
 * Works around a leak in Playwright (1.65.1): each recording adds to the page's main frame a listener for
 * its load events (HarTracer._createPageEntryIfNeeded, packages/playwright-core/src/server/har/
 * harTracer.ts, which reads the page's title and timings in the page at DOMContentLoaded and load) that
 * its stop() never removes. In a window reused for n logins every page load then ran n evaluations in the
 * page for recordings long over: the browser catalogue (26.7.3, 49 scenarios, 4 at a time) took 38.7–39.1 s
 * with them and 35.5 s without. When a recording stops, the listeners it added are taken off. They are
 * reached through Playwright's server objects, which live in this process (the connection's `toImpl`, as
 * Playwright's own tests reach them): an internal shape, so where it is missing the recording goes on as
 * before, only slower, and the browser driver's test says so.
 */
import type { BrowserContext, Page } from 'playwright-core';

type Listener = (...args: unknown[]) => void;

interface ServerFrame {
  listeners(event: string): Listener[];
  off(event: string, listener: Listener): unknown;
}

/** Playwright's Frame.Events.AddLifecycle. */
const lifecycleEvent = 'addlifecycle';

export type HarOptions = NonNullable<Parameters<BrowserContext['tracing']['startHar']>[1]>;

export class HarRecording {
  private stopped = false;

  private constructor(
    private readonly context: BrowserContext,
    private readonly frame: ServerFrame | undefined,
    private readonly added: readonly Listener[],
  ) {}

  static async start(context: BrowserContext, page: Page, path: string, options: HarOptions): Promise<HarRecording> {
    const frame = serverMainFrame(page);
    const before = new Set(frame?.listeners(lifecycleEvent) ?? []);
    await context.tracing.startHar(path, options);
    const added = frame?.listeners(lifecycleEvent).filter((listener) => !before.has(listener)) ?? [];
    return new HarRecording(context, frame, added);
  }

  /** Writes the HAR file; once. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    try {
      await this.context.tracing.stopHar();
    } finally {
      for (const listener of this.added) this.frame?.off(lifecycleEvent, listener);
    }
  }
}

/** How many listeners for load events the page's main frame has in Playwright; undefined where that cannot be read. */
export function lifecycleListeners(page: Page): number | undefined {
  return serverMainFrame(page)?.listeners(lifecycleEvent).length;
}

function serverMainFrame(page: Page): ServerFrame | undefined {
  try {
    // Playwright's internals, typed here by what is used of them.
    const connection = (page as unknown as { _connection?: { toImpl?: (object: unknown) => unknown } })._connection;
    const serverPage = connection?.toImpl?.(page) as { mainFrame?: () => Partial<ServerFrame> } | undefined;
    const frame = serverPage?.mainFrame?.();
    return typeof frame?.listeners === 'function' && typeof frame.off === 'function' ? (frame as ServerFrame) : undefined;
  } catch {
    return undefined;
  }
}
