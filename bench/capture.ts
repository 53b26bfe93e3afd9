/**
 * The extension in real Chromium: capture overhead (the same page load of 1,000
 * cross-origin requests with and without the extension, alternating) and the worker's
 * memory under a 50,000-request flood.
 */
import type { BrowserContext, CDPSession, Page, Worker } from '@playwright/test';
import { startPlayground, type Playground } from '../e2e/playground/server';
import { writeControlExtension } from './control-extension';
import { extensionWorker, launch } from './launch';
import { median, round } from './stats';

const EXTENSION_ID = 'lmjfaehbcdkihjlbikkemjdbekfeijmj';

export interface OverheadResult {
  requests: number;
  rounds: number;
  /** Median wall times to the last response. */
  withoutMs: number;
  controlMs: number;
  withMs: number;
  withPanelMs: number;
  /** Medians of each round's ratios. CORS Lens vs no extension: */
  ratio: number;
  ratioWithPanel: number;
  /** The browser's own price: listeners that do nothing vs no extension. */
  controlRatio: number;
  /** What CORS Lens adds to that price: CORS Lens vs the control (goal ≤ 1.03). */
  oursOverControl: number;
  oursOverControlWithPanel: number;
}

export interface FloodResult {
  perTabCap: number;
  points: Array<{
    requests: number;
    kept: number;
    /** Exchanges a restarted worker would get back (the rest fall outside the storage budget). */
    stored: number;
    workerHeapMB: number;
    sessionBytes: number;
  }>;
  bytesPerKeptExchange: number;
  /** Heap and storage at 50k over at 10k: flat is 1.0. */
  heapGrowthBeyondCap: number;
  storageGrowthBeyondCap: number;
}

/**
 * In the page: `count` requests, `concurrency` in flight, a realistic mix (40% simple GET,
 * 20% preflighted PUT, 20% PUT whose preflight is cached, 10% POST text/plain, 10% blocked).
 * Returns the wall time to the last response.
 */
function fireMix(page: Page, count: number, tag: string, concurrency = 8): Promise<number> {
  return page.evaluate(
    async ({ count, tag, concurrency }) => {
      const api = document.body.dataset.api ?? '';
      const call = (i: number): Promise<unknown> => {
        const kind = i % 10;
        const q = `?${tag}=${i}`;
        const put = { method: 'PUT', headers: { 'x-foo': '1' } };
        if (kind < 4) return fetch(`${api}/s/simple-get-wildcard${q}`);
        if (kind < 6) return fetch(`${api}/s/put-preflight-allowed${q}`, put);
        if (kind < 8) return fetch(`${api}/s/put-cached-preflight`, put);
        if (kind < 9) {
          return fetch(`${api}/s/post-text-plain${q}`, {
            method: 'POST',
            headers: { 'content-type': 'text/plain' },
            body: 'hello',
          });
        }
        return fetch(`${api}/s/missing-acao${q}`);
      };
      let next = 0;
      const lane = async () => {
        while (next < count) {
          const i = next++;
          try {
            const response = await call(i);
            await (response as Response).arrayBuffer();
          } catch {
            // Blocked: the failure is the answer.
          }
        }
      };
      const started = performance.now();
      await Promise.all(Array.from({ length: concurrency }, lane));
      return performance.now() - started;
    },
    { count, tag, concurrency },
  );
}

async function openPlayground(context: BrowserContext, playground: Playground): Promise<Page> {
  const page = await context.newPage();
  await page.goto(playground.pageUrl);
  await page.waitForFunction(() => 'playgroundReady' in window);
  return page;
}

async function tabIdOf(worker: Worker, url: string): Promise<number> {
  const id = await worker.evaluate(
    async (u) => (await chrome.tabs.query({})).filter((tab) => tab.url === u).at(-1)?.id,
    url,
  );
  if (id === undefined) throw new Error(`no tab for ${url}`);
  return id;
}

/**
 * Rounds of the same page load in four browsers, one after another: no extension, the
 * control (CORS Lens's listeners doing nothing, bench/control-extension.ts), CORS Lens,
 * and CORS Lens with its panel open. Each ratio is taken within a round, then the median.
 */
export async function benchOverhead(
  rounds = 5,
  requests = 1_000,
  /** The unpacked extension to measure (default: the build in dist/). */
  extension: string | true = true,
): Promise<OverheadResult> {
  const playground = await startPlayground();
  const plain = await launch(false);
  const control = await launch(writeControlExtension());
  const extended = await launch(extension);
  try {
    const worker = await extensionWorker(extended);
    await extensionWorker(control);
    const plainPage = await openPlayground(plain, playground);
    const controlPage = await openPlayground(control, playground);
    const extPage = await openPlayground(extended, playground);
    const tabId = await tabIdOf(worker, playground.pageUrl);
    // Warm all three (connections, caches, JIT) before measuring.
    for (const page of [plainPage, controlPage, extPage]) await fireMix(page, 200, 'warm');
    const times = {
      without: [] as number[],
      control: [] as number[],
      ours: [] as number[],
      panel: [] as number[],
    };
    for (let round = 0; round < rounds; round++) {
      times.without.push(await fireMix(plainPage, requests, `a${round}`));
      times.control.push(await fireMix(controlPage, requests, `b${round}`));
      times.ours.push(await fireMix(extPage, requests, `c${round}`));
      const panel = await extended.newPage();
      await panel.goto(`chrome-extension://${EXTENSION_ID}/src/panel/index.html?tabId=${tabId}`);
      await panel
        .getByTestId('connection-status')
        .filter({ hasText: /^Connected/ })
        .waitFor();
      await extPage.bringToFront();
      times.panel.push(await fireMix(extPage, requests, `d${round}`));
      await panel.close();
    }
    const ratio = (a: number[], b: number[]) =>
      round(median(a.map((x, i) => x / (b[i] ?? Number.NaN))));
    return {
      requests,
      rounds,
      withoutMs: round(median(times.without), 1),
      controlMs: round(median(times.control), 1),
      withMs: round(median(times.ours), 1),
      withPanelMs: round(median(times.panel), 1),
      ratio: ratio(times.ours, times.without),
      ratioWithPanel: ratio(times.panel, times.without),
      controlRatio: ratio(times.control, times.without),
      oursOverControl: ratio(times.ours, times.control),
      oursOverControlWithPanel: ratio(times.panel, times.control),
    };
  } finally {
    await plain.close();
    await control.close();
    await extended.close();
    await playground.close();
  }
}

/** A CDP session on the extension's service worker, through a page's session (Target domain). */
async function workerHeapMB(cdp: CDPSession, workerUrl: string): Promise<number> {
  const { targetInfos } = await cdp.send('Target.getTargets');
  const target = targetInfos.find((t) => t.type === 'service_worker' && t.url === workerUrl);
  if (!target) throw new Error('no service worker target');
  const { sessionId } = await cdp.send('Target.attachToTarget', {
    targetId: target.targetId,
    flatten: false,
  });
  let nextId = 1;
  const call = (method: string) =>
    new Promise<Record<string, unknown>>((resolve) => {
      const id = nextId++;
      const onMessage = (event: { sessionId?: string; message: string }) => {
        const reply = JSON.parse(event.message) as {
          id?: number;
          result?: Record<string, unknown>;
        };
        if (event.sessionId === sessionId && reply.id === id) {
          cdp.off('Target.receivedMessageFromTarget', onMessage);
          resolve(reply.result ?? {});
        }
      };
      cdp.on('Target.receivedMessageFromTarget', onMessage);
      void cdp.send('Target.sendMessageToTarget', {
        sessionId,
        message: JSON.stringify({ id, method }),
      });
    });
  await call('HeapProfiler.collectGarbage');
  const usage = await call('Runtime.getHeapUsage');
  await cdp.send('Target.detachFromTarget', { sessionId });
  return Number(usage.usedSize) / 2 ** 20;
}

/** Waits until the worker has judged, sent and saved everything the page fired. */
async function settled(worker: Worker, tabId: number, requests: number): Promise<number> {
  for (let i = 0; i < 600; i++) {
    const state = await worker.evaluate(async (tab) => {
      const debug = (
        globalThis as unknown as { corsLensDebug: () => { saved: boolean } }
      ).corsLensDebug();
      const stored = await chrome.storage.session.get(null);
      return { saved: debug.saved, keys: Object.keys(stored).length, tab };
    }, tabId);
    if (state.saved && state.keys > 0) return requests;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the worker never settled');
}

export async function benchFlood(checkpoints = [10_000, 50_000]): Promise<FloodResult> {
  const playground = await startPlayground();
  const context = await launch(true);
  try {
    const worker = await extensionWorker(context);
    const page = await openPlayground(context, playground);
    const tabId = await tabIdOf(worker, playground.pageUrl);
    const cdp = await context.newCDPSession(page);
    const perTabCap = 5_000;
    const points: FloodResult['points'] = [];
    let fired = 0;
    for (const checkpoint of checkpoints) {
      await page.evaluate(
        async ({ from, to }) => {
          const api = document.body.dataset.api ?? '';
          let next = from;
          const lane = async () => {
            while (next < to) {
              const i = next++;
              await fetch(`${api}/s/simple-get-wildcard?n=${i}`)
                .then((r) => r.arrayBuffer())
                .catch(() => undefined);
            }
          };
          await Promise.all(Array.from({ length: 50 }, lane));
        },
        { from: fired, to: checkpoint },
      );
      fired = checkpoint;
      await new Promise((r) => setTimeout(r, 500));
      await settled(worker, tabId, fired);
      const sessionBytes = await worker.evaluate(() => chrome.storage.session.getBytesInUse(null));
      const stored = await worker.evaluate(
        async () =>
          Object.keys(await chrome.storage.session.get(null)).filter((key) =>
            key.startsWith('cors-lens:exchange:'),
          ).length,
      );
      points.push({
        requests: fired,
        kept: Math.min(fired, perTabCap),
        stored,
        workerHeapMB: round(await workerHeapMB(cdp, worker.url()), 1),
        sessionBytes,
      });
    }
    const first = points[0];
    const last = points.at(-1);
    return {
      perTabCap,
      points,
      bytesPerKeptExchange: Math.round((last?.sessionBytes ?? 0) / Math.max(1, last?.stored ?? 0)),
      heapGrowthBeyondCap: round((last?.workerHeapMB ?? 0) / (first?.workerHeapMB ?? 1), 2),
      storageGrowthBeyondCap: round((last?.sessionBytes ?? 0) / (first?.sessionBytes ?? 1), 2),
    };
  } finally {
    await context.close();
    await playground.close();
  }
}
