/**
 * The page probe in real Chromium: what webRequest cannot see comes from the page. Calls
 * the browser refuses before the network are named as Chromium's own DevTools issue names
 * them (CDP Audits.issueAdded), the page's fetch() and XHR behave as without the probe,
 * and a page that forges reports costs the worker a bounded amount.
 */
import type { BrowserContext, CDPSession, Page, Worker } from '@playwright/test';
import type { TabLogView } from '../src/protocol/messages';
import { EXTENSION_ID } from './extension-id';
import { probeRegistered } from './extension-state';
import { expect, extensionWorker, launchWithExtension, test } from './fixtures';
import { openPanel, openPlayground } from './playground-pages';
import { PAGE_ONLY_SCENARIOS } from './playground/scenarios';
import { startPlayground, type Playground } from './playground/server';

test.describe.configure({ mode: 'default' });

let context: BrowserContext;
let worker: Worker;
let page: Page;
let tabId: number;
let playground: Playground;
let cdp: CDPSession;
/** Chromium's own issues, from the DevTools protocol. */
interface Issue {
  readonly details: {
    readonly corsIssueDetails?: {
      request: { url: string };
      corsErrorStatus: { corsError: string; failedParameter: string };
    };
    readonly contentSecurityPolicyIssueDetails?: { blockedURL?: string; violatedDirective: string };
  };
}
const issues: Issue[] = [];

type Logged = TabLogView['exchanges'][number];

test.beforeAll(async () => {
  playground = await startPlayground();
  context = await launchWithExtension();
  worker = await extensionWorker(context);
  // The worker registers the probe as it starts; pages loaded after that have it.
  await probeRegistered(worker);
  ({ page, tabId } = await openPlayground(context, worker, playground));
  cdp = await context.newCDPSession(page);
  cdp.on('Audits.issueAdded', (event) => {
    issues.push(event.issue);
  });
  await cdp.send('Audits.enable');
});

test.afterAll(async () => {
  await context.close();
  await playground.close();
});

async function log(): Promise<Logged[]> {
  return (await worker.evaluate((tab) => globalThis.corsLensLog(tab), tabId)).exchanges;
}

async function loggedFor(url: string): Promise<Logged> {
  await expect
    .poll(async () => (await log()).filter((x) => x.observation.request.url === url).length)
    .toBe(1);
  const found = (await log()).find((x) => x.observation.request.url === url);
  if (!found) throw new Error(`no exchange for ${url}`);
  return found;
}

/** The CORS error Chromium's Issues panel shows for a URL, or the CSP directive. */
function chromiumIssue(url: string): { corsError: string; failedParameter: string } | undefined {
  for (const issue of issues) {
    const cors = issue.details.corsIssueDetails;
    if (cors?.request.url === url) return cors.corsErrorStatus;
    const csp = issue.details.contentSecurityPolicyIssueDetails;
    if (csp?.blockedURL === url)
      return { corsError: 'content-security-policy', failedParameter: '' };
  }
  return undefined;
}

for (const scenario of PAGE_ONLY_SCENARIOS) {
  test(`${scenario.id}: refused before the network, named as Chromium names it`, async () => {
    const results = await page.evaluate((id) => window.runScenario(id), scenario.id);
    expect(
      results.every((r) => !r.ok),
      'the page sees the call fail',
    ).toBe(true);
    const url = scenario.call.url ?? `${playground.origins.api}/s/${scenario.id}`;
    await expect
      .poll(() => chromiumIssue(url), { message: 'Chromium reports an issue' })
      .toBeDefined();
    const chromium = chromiumIssue(url);
    const exchange = await loggedFor(url);
    expect(exchange.kind).toBe('page-only');
    if (chromium?.corsError === 'content-security-policy') {
      expect(exchange.verdict.status).toBe('failed');
      expect(exchange.verdict.cause?.id).toBe('content-security-policy');
      expect(exchange.verdict.cause?.header?.value).toContain("connect-src 'self'");
      // The policy came with the frame's document: that is the response to change.
      expect(exchange.verdict.cause?.url).toBe(`${playground.origins.page}/frame-csp`);
    } else {
      expect(exchange.verdict.status).toBe('blocked');
      expect(exchange.verdict.failure?.corsError).toBe(chromium?.corsError);
      expect(exchange.verdict.failure?.failedParameter).toBe(chromium?.failedParameter);
      expect(exchange.verdict.failure?.fix.byHeaders).toBe(false);
    }
    // The line that called fetch(): the playground's script, or the frame's inline one.
    const caller = scenario.call.fromCspFrame ? '/frame-csp' : '/playground.js';
    expect(exchange.observation.page?.callSite?.url).toContain(caller);
  });
}

test('no page can tell CORS Lens is installed by fetching its page scripts', async () => {
  const outcomes = await page.evaluate(
    (urls) =>
      Promise.all(
        urls.map((url) =>
          fetch(url).then(
            () => 'loaded',
            () => 'refused',
          ),
        ),
      ),
    ['src/probe/page-probe.iife.js', 'src/platform/page-relay.iife.js'].map(
      (path) => `chrome-extension://${EXTENSION_ID}/${path}`,
    ),
  );
  expect(outcomes).toEqual(['refused', 'refused']);
  // …while the extension itself still registers them (the next tests read the page through them).
  await probeRegistered(worker);
});

test('mode and credentials are read from the call, not inferred', async () => {
  const url = `${playground.origins.api}/s/probe-read-${Date.now()}`;
  await page.evaluate(
    (target) => fetch(target, { credentials: 'include' }).catch(() => undefined),
    url,
  );
  expect((await loggedFor(url)).kind).toBe('request');
  // The exchange comes from webRequest at once, the page's report after its batch.
  await expect
    .poll(async () => (await loggedFor(url)).verdict.credentials)
    .toEqual({ value: 'include', source: "read from the page's fetch() call" });
  expect((await loggedFor(url)).verdict.mode.source).toBe("read from the page's fetch() call");
});

test('the page sees the same fetch and XMLHttpRequest as without the probe', async () => {
  const seen = await page.evaluate(async (api) => {
    const native = (f: unknown) => String(f).includes('[native code]');
    const response = await fetch(`${api}/s/simple-get-allowed`);
    let rejected = '';
    try {
      await fetch('http://[bad');
    } catch (error) {
      rejected = error instanceof TypeError ? 'TypeError' : String(error);
    }
    const sameObject = await (async () => {
      const error = new Error('mine');
      const controller = new AbortController();
      controller.abort(error);
      try {
        await fetch(`${api}/s/simple-get-allowed`, { signal: controller.signal });
        return false;
      } catch (caught) {
        return caught === error;
      }
    })();
    return {
      name: fetch.name,
      length: fetch.length,
      native: [
        fetch,
        Reflect.get(XMLHttpRequest.prototype, 'open'),
        Reflect.get(Headers.prototype, 'get'),
      ].every(native),
      isResponse: response instanceof Response,
      status: response.status,
      rejected,
      sameObject,
      globals: Object.getOwnPropertyNames(window).filter((n) => /cors|lens/i.test(n)),
    };
  }, playground.origins.api);
  expect(seen).toEqual({
    name: 'fetch',
    length: 1,
    native: true,
    isResponse: true,
    status: 200,
    rejected: 'TypeError',
    sameObject: true,
    globals: [],
  });
});

test('a page that forges a flood of reports costs a bounded amount and breaks nothing', async () => {
  const seen = (stats: ReturnType<typeof globalThis.corsLensPageReports>) =>
    stats.gate.accepted + stats.gate.rejected + stats.gate.rateLimited;
  const before = seen(await worker.evaluate(() => globalThis.corsLensPageReports()));
  const seconds = await page.evaluate(() => {
    const started = performance.now();
    for (let i = 0; i < 100_000; i++) {
      document.dispatchEvent(
        new CustomEvent('cors-lens:page-call', {
          detail: JSON.stringify({
            callId: `forged:${i}`,
            api: 'fetch',
            url: 'http://x/',
            forged: true,
          }),
        }),
      );
    }
    return (performance.now() - started) / 1000;
  });
  await expect
    .poll(() => worker.evaluate(() => globalThis.corsLensPageReports().gate.rejected))
    .toBeGreaterThan(0);
  const stats = await worker.evaluate(() => globalThis.corsLensPageReports());
  // The relay forwards at most 500 reports a second per document; the recorder keeps 1,000
  // calls per tab.
  expect(seen(stats) - before).toBeLessThanOrEqual(500 * (Math.ceil(seconds) + 1));
  expect(stats.calls.calls).toBeLessThanOrEqual(1000);
  // The worker still records the page's real requests (webRequest needs no report).
  const url = `${playground.origins.api}/s/simple-get-allowed?after-flood`;
  await page.evaluate((target) => fetch(target).then((r) => r.status), url);
  expect((await loggedFor(url)).verdict.status).toBe('allowed');
});

test('the probe runs in every frame: srcdoc, about:blank and sandboxed ones', async () => {
  const stamp = Date.now();
  const urls = await page.evaluate(
    async ({ api, stamp }) => {
      const frame = async (setup: (f: HTMLIFrameElement) => void) => {
        const f = document.createElement('iframe');
        setup(f);
        const loaded = new Promise((resolve) => f.addEventListener('load', resolve));
        document.body.append(f);
        await loaded;
        return f;
      };
      const srcdoc = await frame((f) => {
        f.srcdoc = '<p>srcdoc</p>';
      });
      const blank = await frame((f) => {
        f.src = 'about:blank';
      });
      const calls = [
        [srcdoc, `${api}/s/simple-get-allowed?srcdoc=${stamp}`],
        [blank, `${api}/s/simple-get-allowed?blank=${stamp}`],
      ] as const;
      for (const [f, url] of calls) {
        const win = f.contentWindow as (Window & typeof globalThis) | null;
        await win?.fetch(url, { credentials: 'omit' }).catch(() => undefined);
      }
      return calls.map(([, url]) => url);
    },
    { api: playground.origins.api, stamp },
  );
  await page.evaluate((id) => window.runScenario(id), 'sandboxed-iframe-null-origin');
  const sandboxed = `${playground.origins.api}/s/sandboxed-iframe-null-origin`;
  for (const url of [...urls, sandboxed]) {
    await expect
      .poll(async () => (await loggedFor(url)).verdict.credentials.source, { message: url })
      .toBe("read from the page's fetch() call");
  }
  expect((await loggedFor(urls[0] ?? '')).observation.credentials).toBe('omit');
  expect((await loggedFor(sandboxed)).observation.initiatorOrigin).toBe('null');
});

test('a page loaded before recording gets the probe when its panel connects, and only once', async () => {
  // Record only inspected tabs: with no panel open, nothing is registered.
  const settingsPanel = await openPanel(context, tabId);
  const recordOnly = settingsPanel.getByLabel('Record only tabs with this panel open');
  await recordOnly.check();
  await settingsPanel.close();
  await expect
    .poll(() =>
      worker.evaluate(async () => (await chrome.scripting.getRegisteredContentScripts()).length),
    )
    .toBe(0);
  try {
    const late = await openPlayground(context, worker, playground);
    const panel = await openPanel(context, late.tabId);
    const url = `${playground.origins.api}/s/mode-same-origin?late=${Date.now()}`;
    // The probe answers its own hello (src/probe/channel.ts): injected once the panel connected.
    await expect
      .poll(() =>
        late.page.evaluate(() => {
          const hello = new CustomEvent('cors-lens:probe-hello', { cancelable: true });
          document.dispatchEvent(hello);
          return hello.defaultPrevented;
        }),
      )
      .toBe(true);
    const error = await late.page.evaluate(
      (target) =>
        fetch(target, { mode: 'same-origin' }).then(
          () => 'resolved',
          (caught: unknown) => String(caught),
        ),
      url,
    );
    expect(error).toContain('TypeError');
    // A second copy of the probe (registration plus injection) would report the call twice.
    await expect
      .poll(async () =>
        (await worker.evaluate((tab) => globalThis.corsLensLog(tab), late.tabId)).exchanges
          .filter((x) => x.observation.request.url === url)
          .map((x) => x.verdict.failure?.corsError),
      )
      .toEqual(['DisallowedByMode']);
    await panel.close();
    await late.page.close();
  } finally {
    const restore = await openPanel(context, tabId);
    await restore.getByLabel('Record only tabs with this panel open').uncheck();
    await restore.close();
  }
});

test('a panel connecting to a page that has the probe adds no second one', async () => {
  // A fresh page, whose reports no flood has rate-limited.
  const fresh = await openPlayground(context, worker, playground);
  // The page hears the injected probe's hello, which the probe already there turns away.
  await fresh.page.evaluate(() => {
    document.addEventListener('cors-lens:probe-hello', () => {
      document.body.dataset.hellos = String(Number(document.body.dataset.hellos ?? '0') + 1);
    });
  });
  const panel = await openPanel(context, fresh.tabId);
  await expect.poll(() => fresh.page.evaluate(() => document.body.dataset.hellos)).toBe('1');
  const url = `${playground.origins.api}/s/mode-same-origin?again=${Date.now()}`;
  await fresh.page.evaluate(
    (target) => fetch(target, { mode: 'same-origin' }).catch(() => undefined),
    url,
  );
  const mine = async () =>
    (await worker.evaluate((tab) => globalThis.corsLensLog(tab), fresh.tabId)).exchanges.filter(
      (x) => x.observation.request.url === url,
    );
  await expect.poll(async () => (await mine()).length).toBeGreaterThan(0);
  // Two copies would report two calls, settled in the same sweep: two exchanges at once.
  expect(await mine()).toHaveLength(1);
  await panel.close();
  await fresh.page.close();
});
