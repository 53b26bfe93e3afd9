/**
 * Drives a real DevTools window (opened by --auto-open-devtools-for-tabs) and its CORS
 * panel. Playwright hides DevTools targets, so this talks to them through a browser-level
 * CDP session with Target.attachToTarget (flatten: false) and sendMessageToTarget. Showing
 * the panel uses a DevTools front-end internal (InspectorView), so keep its use to one
 * test and the README screenshot; everything else tests the panel as an extension page.
 */
import type { BrowserContext, CDPSession } from '@playwright/test';

interface TargetInfo {
  targetId: string;
  type: string;
  url: string;
}

/** One DevTools-protocol conversation with a target the browser session attached to. */
export class RawTarget {
  private nextId = 1;
  private readonly pending = new Map<
    number,
    { resolve: (v: unknown) => void; reject: (e: Error) => void }
  >();

  private constructor(
    private readonly browser: CDPSession,
    private readonly sessionId: string,
  ) {
    browser.on('Target.receivedMessageFromTarget', (event) => {
      if (event.sessionId !== this.sessionId) return;
      const message = JSON.parse(event.message) as {
        id?: number;
        method?: string;
        params?: unknown;
        result?: unknown;
        error?: { message: string };
      };
      if (message.method !== undefined) {
        for (const handler of this.handlers.get(message.method) ?? []) handler(message.params);
        return;
      }
      const waiting = message.id === undefined ? undefined : this.pending.get(message.id);
      if (!waiting || message.id === undefined) return;
      this.pending.delete(message.id);
      if (message.error) waiting.reject(new Error(message.error.message));
      else waiting.resolve(message.result);
    });
  }

  private readonly handlers = new Map<string, Array<(params: unknown) => void>>();

  /** The next event of this name the target sends. */
  once<T>(method: string): Promise<T> {
    return new Promise((resolve) => {
      const list = this.handlers.get(method) ?? [];
      const handler = (params: unknown) => {
        this.handlers.set(
          method,
          (this.handlers.get(method) ?? []).filter((h) => h !== handler),
        );
        resolve(params as T);
      };
      this.handlers.set(method, [...list, handler]);
    });
  }

  static async attach(browser: CDPSession, targetId: string): Promise<RawTarget> {
    const { sessionId } = await browser.send('Target.attachToTarget', { targetId, flatten: false });
    return new RawTarget(browser, sessionId);
  }

  send<T>(method: string, params: Record<string, unknown> = {}): Promise<T> {
    const id = this.nextId++;
    const result = new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: (v) => resolve(v as T), reject });
    });
    void this.browser.send('Target.sendMessageToTarget', {
      sessionId: this.sessionId,
      message: JSON.stringify({ id, method, params }),
    });
    return result;
  }

  /** Evaluates an expression (awaiting promises) and returns its JSON value. */
  async evaluate<T>(expression: string, options: { userGesture?: boolean } = {}): Promise<T> {
    const { result, exceptionDetails } = await this.send<{
      result: { value?: T };
      exceptionDetails?: { text: string };
    }>('Runtime.evaluate', {
      expression,
      awaitPromise: true,
      returnByValue: true,
      ...(options.userGesture ? { userGesture: true } : {}),
    });
    if (exceptionDetails) throw new Error(`evaluation failed: ${exceptionDetails.text}`);
    return result.value as T;
  }
}

export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | null | undefined>,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => null);
    if (value !== null && value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    // Polling a browser that offers no event for this: DevTools targets appear on their own schedule.
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function targets(browser: CDPSession): Promise<TargetInfo[]> {
  const { targetInfos } = await browser.send('Target.getTargets');
  return targetInfos;
}

/** Evaluated in the DevTools front end: selects the tab whose id ends in `suffix`. */
export const showPanelExpression = (suffix: string) => `(async () => {
  const { InspectorView } = await import('./ui/legacy/legacy.js');
  const view = InspectorView.InspectorView.maybeGetInspectorViewInstance();
  if (!view) return null;
  const id = view.tabbedPane.tabIds().find((tabId) => tabId.endsWith(${JSON.stringify(suffix)}));
  if (!id) return null;
  await view.showPanel(id);
  return id;
})()`;

const SHOW_CORS_PANEL = showPanelExpression('CORS');

/** Waits for the one DevTools window of a context and attaches to its front end. */
export async function devToolsFrontEnd(
  context: BrowserContext,
): Promise<{ browser: CDPSession; frontEnd: RawTarget }> {
  const browserInstance = context.browser();
  if (!browserInstance) throw new Error('no browser for this context');
  const browser = await browserInstance.newBrowserCDPSession();
  const frontEndInfo = await waitFor('the DevTools window', async () =>
    (await targets(browser)).find((t) =>
      t.url.startsWith('devtools://devtools/bundled/devtools_app.html'),
    ),
  );
  return { browser, frontEnd: await RawTarget.attach(browser, frontEndInfo.targetId) };
}

export interface DevToolsWithCorsPanel {
  /** The DevTools front end (devtools://devtools/bundled/devtools_app.html). */
  readonly frontEnd: RawTarget;
  /** The CORS panel's own page inside DevTools. */
  readonly panel: RawTarget;
}

/**
 * Waits for the one DevTools window, selects the CORS panel in it, and attaches to the
 * panel page. The context must have been launched with --auto-open-devtools-for-tabs and
 * have a single tab.
 */
export async function showCorsPanel(
  context: BrowserContext,
  extensionId: string,
): Promise<DevToolsWithCorsPanel> {
  const { browser, frontEnd } = await devToolsFrontEnd(context);
  await waitFor('the CORS panel tab', () => frontEnd.evaluate<string | null>(SHOW_CORS_PANEL));
  const panelUrl = `chrome-extension://${extensionId}/src/panel/index.html`;
  const panelInfo = await waitFor('the CORS panel page', async () =>
    (await targets(browser)).find((t) => t.url.startsWith(panelUrl)),
  );
  return { frontEnd, panel: await RawTarget.attach(browser, panelInfo.targetId) };
}
