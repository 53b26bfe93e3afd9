/**
 * The panel at scale: the real panel page (built dist/, Preact, zustand, the protocol's
 * bridge and validators) is given 1k, 10k and 100k exchanges as the worker sends them: a
 * snapshot and `changes` messages of SNAPSHOT_SLICE exchange rows (the list's fields; the
 * panel asks for a whole exchange only when it shows one), each parsed from JSON as a
 * runtime port delivers it. Only the other end of the port is fake: an init script
 * (the bench's, not the extension's) stands in for chrome.runtime.connect, so the
 * production build carries no hook.
 */
import type { BrowserContext, Page } from '@playwright/test';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SNAPSHOT_SLICE } from '../src/background/panel-session';
import { rowOf } from '../src/protocol/exchange-row';
import { DEFAULT_SETTINGS, PROTOCOL_VERSION } from '../src/protocol/messages';
import { templateExchanges } from './exchanges';
import { median, round } from './stats';

const EXTENSION_ID = 'lmjfaehbcdkihjlbikkemjdbekfeijmj';
const TAB = 7;

export interface PanelSize {
  exchanges: number;
  /** Snapshot arrival (JSON parse included) to the whole log on screen (next frame). */
  firstRenderMs: number;
  /** Snapshot arrival to its first rows on screen (next frame), while the rest still arrives. */
  firstRowsMs: number;
  /** Of `firstRenderMs`: JSON.parse of the messages (the port's cost, not the panel's)... */
  parseMs: number;
  /** ...and the panel's handling of them up to its render (validation, store, render). */
  handleMs: number;
  /**
   * Median time from a filter keystroke to the next frame. Over a long log that frame may still
   * show the previous filter's rows, marked "Filtering…" (see `filterResultMs`).
   */
  keystrokeMs: number;
  keystrokeMaxMs: number;
  /** A text pasted in the filter box to its rows on screen: a search through the whole log. */
  filterResultMs: number;
  /** Longest task while typing: the goal is no frame over 100 ms. */
  longestTaskMs: number;
  heapMB: number;
}

export interface PanelResult {
  sizes: PanelSize[];
  /** Per-exchange cost at 100k / per-exchange cost at 10k: 1.0 is linear. */
  firstRenderScaling: number;
  /** Of the load: the panel's own handling, and JSON.parse of the messages (the port's). */
  handleScaling: number;
  parseScaling: number;
  keystrokeScaling: number;
  heapScaling: number;
}

/** Runs in the page before any of its scripts: a fake background at the end of the port. */
function installFakeBackground({ version, settings, tabId }: FakeOptions): void {
  type Listener = (message: unknown) => void;
  const onMessage = new Set<Listener>();
  const onDisconnect = new Set<() => void>();
  const deliver = (message: unknown) => {
    for (const listener of onMessage) listener(message);
  };
  const event = (set: Set<Listener> | Set<() => void>) => ({
    addListener: (f: Listener) => (set as Set<Listener>).add(f),
    removeListener: (f: Listener) => (set as Set<Listener>).delete(f),
    hasListener: (f: Listener) => (set as Set<Listener>).has(f),
  });
  const port = {
    name: 'cors-lens-panel',
    onMessage: event(onMessage),
    onDisconnect: event(onDisconnect),
    disconnect: () => undefined,
    postMessage(message: { type: string }) {
      if (message.type !== 'hello') return;
      setTimeout(() => {
        deliver({ type: 'welcome', payload: { version, tabId, workerStartedAt: Date.now() } });
        deliver({ type: 'settings', payload: settings });
        deliver({
          type: 'snapshot',
          payload: {
            tabId,
            exchanges: [],
            markers: [],
            stats: { tabId, size: 0, dropped: 0, preserveLog: true },
          },
        });
      });
    },
  };
  Object.defineProperty(chrome.runtime, 'connect', { value: () => port, configurable: true });
  Object.assign(window, { benchDeliver: deliver });
}

interface FakeOptions {
  version: number;
  settings: unknown;
  tabId: number;
}

async function openPanel(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  await page.addInitScript(installFakeBackground, {
    version: PROTOCOL_VERSION,
    settings: { ...DEFAULT_SETTINGS, maxExchangesPerTab: 100_000 },
    tabId: TAB,
  } satisfies FakeOptions);
  await page.setViewportSize({ width: 1200, height: 800 });
  await page.goto(`chrome-extension://${EXTENSION_ID}/src/panel/index.html?tabId=${TAB}`);
  await page
    .getByTestId('connection-status')
    .filter({ hasText: /^Connected/ })
    .waitFor();
  return page;
}

/** In the page: builds the messages as JSON (the port's wire form), then times their arrival. */
async function loadLog(
  page: Page,
  count: number,
  templates: unknown[],
): Promise<{ allMs: number; firstRowsMs: number; parseMs: number; handleMs: number }> {
  return page.evaluate(
    async ({ count, templates, tab, slice }) => {
      const make = (i: number) => {
        const t = templates[i % templates.length] as Record<string, unknown> & {
          observation: { request: { url: string } };
        };
        return {
          ...t,
          id: `${tab}:${i}`,
          requestId: String(i),
          tabId: tab,
          seq: i,
          observation: {
            ...t.observation,
            request: { ...t.observation.request, url: `${t.observation.request.url}?n=${i}` },
          },
        };
      };
      const wire: string[] = [];
      for (let start = 0; start < count; start += slice) {
        const exchanges = Array.from({ length: Math.min(slice, count - start) }, (_, k) =>
          make(start + k),
        );
        wire.push(
          JSON.stringify(
            start === 0
              ? {
                  type: 'snapshot',
                  payload: {
                    tabId: tab,
                    exchanges,
                    markers: [],
                    stats: { tabId: tab, size: count, dropped: 0, preserveLog: true },
                  },
                }
              : {
                  type: 'changes',
                  payload: {
                    tabId: tab,
                    cleared: false,
                    removed: [],
                    upserts: exchanges,
                    markers: [],
                    stats: null,
                  },
                },
          ),
        );
      }
      const deliver = (window as unknown as { benchDeliver: (m: unknown) => void }).benchDeliver;
      const counts = document.querySelector('[data-testid="exchange-counts"]');
      const nextFrame = () =>
        new Promise<number>((r) =>
          requestAnimationFrame(() =>
            setTimeout(() => {
              r(performance.now());
            }, 0),
          ),
        );
      let firstRows: Promise<number> | undefined;
      const done = new Promise<void>((resolve) => {
        const check = () => {
          if (!firstRows && document.querySelector('tr[data-exchange-id]')) firstRows = nextFrame();
          if (
            counts?.textContent.startsWith(`${count} exchanges`) &&
            document.querySelector('tr[data-exchange-id]')
          ) {
            observer.disconnect();
            resolve();
          }
        };
        const observer = new MutationObserver(check);
        observer.observe(document.body, { subtree: true, childList: true, characterData: true });
      });
      const started = performance.now();
      // One task per message, as a port delivers them.
      let parseMs = 0;
      let handleMs = 0;
      for (const message of wire) {
        await new Promise((r) => setTimeout(r, 0));
        const before = performance.now();
        const parsed: unknown = JSON.parse(message);
        const parsedAt = performance.now();
        deliver(parsed);
        // The panel renders in a microtask queued by the message: this one runs after it.
        await Promise.resolve();
        parseMs += parsedAt - before;
        handleMs += performance.now() - parsedAt;
      }
      await done;
      const allMs = (await nextFrame()) - started;
      return { allMs, firstRowsMs: ((await firstRows) ?? Number.NaN) - started, parseMs, handleMs };
    },
    { count, templates, tab: TAB, slice: SNAPSHOT_SLICE },
  );
}

/**
 * Types `text` one key at a time; per key, the time to the next frame; then pastes `whole`
 * (a search of the whole log) and times it to its rows on screen; the longest task throughout.
 */
async function typeFilter(
  page: Page,
  text: string,
  whole: string,
): Promise<{ perKey: number[]; resultMs: number; longestTask: number }> {
  return page.evaluate(
    async ({ text, whole }) => {
      const box = document.querySelector<HTMLInputElement>('input[type="search"]');
      if (!box) throw new Error('no filter box');
      box.focus();
      const tasks: number[] = [];
      const observer = new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) tasks.push(entry.duration);
      });
      observer.observe({ type: 'longtask', buffered: false });
      const perKey: number[] = [];
      const steps = Array.from({ length: text.length }, (_, i) => text.slice(0, i + 1));
      for (const value of [...steps, ...steps.slice(0, -1).reverse(), '']) {
        await new Promise((r) => setTimeout(r, 20));
        const started = performance.now();
        box.value = value;
        box.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText' }));
        await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
        perKey.push(performance.now() - started);
      }
      await new Promise((r) => setTimeout(r, 50));
      // A long log's filter may be applied over several frames ("Filtering…" meanwhile).
      const started = performance.now();
      box.value = whole;
      box.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText' }));
      do await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
      while (document.querySelector('[data-testid="filter-pending"]'));
      const resultMs = performance.now() - started;
      box.value = '';
      box.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText' }));
      await new Promise((r) => setTimeout(r, 50));
      observer.disconnect();
      return { perKey, resultMs, longestTask: Math.max(0, ...tasks) };
    },
    { text, whole },
  );
}

async function heapMB(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  await cdp.detach();
  return usedSize / 2 ** 20;
}

export interface BenchPanelOptions {
  /** Writes a CPU profile (.cpuprofile, for DevTools) per size and phase into this folder. */
  profileDir?: string;
}

/** Runs `phase` under the CDP profiler when asked to, saving `<dir>/panel-<name>.cpuprofile`. */
async function profiled<T>(
  page: Page,
  dir: string | undefined,
  name: string,
  phase: () => Promise<T>,
): Promise<T> {
  if (dir === undefined) return phase();
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  const result = await phase();
  const { profile } = await cdp.send('Profiler.stop');
  await cdp.detach();
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, `panel-${name}.cpuprofile`), JSON.stringify(profile));
  return result;
}

/** Three loads up to 10k, two at 100k (each takes seconds). */
const loadRepeats = (count: number) => (count > 10_000 ? 2 : 3);

export async function benchPanel(
  context: BrowserContext,
  counts: readonly number[] = [1_000, 10_000, 100_000],
  options: BenchPanelOptions = {},
): Promise<PanelResult> {
  // What the worker sends per exchange (panel-session.ts): its row.
  const templates = templateExchanges().map(rowOf);
  const sizes: PanelSize[] = [];
  const dir = options.profileDir;
  for (const count of counts) {
    // Loads are noisy (GC, the machine): the median of a few, each in a fresh page; the
    // filter is then typed in the last one.
    const loads: Array<Awaited<ReturnType<typeof loadLog>>> = [];
    let page = await openPanel(context);
    for (let repeat = 0; repeat < loadRepeats(count); repeat++) {
      if (repeat > 0) {
        await page.close();
        page = await openPanel(context);
      }
      loads.push(await profiled(page, dir, `load-${count}`, () => loadLog(page, count, templates)));
    }
    const mid = (key: 'allMs' | 'firstRowsMs' | 'parseMs' | 'handleMs') =>
      median(loads.map((load) => load[key]));
    const firstRenderMs = mid('allMs');
    const firstRowsMs = mid('firstRowsMs');
    const parseMs = mid('parseMs');
    const handleMs = mid('handleMs');
    const heap = await heapMB(page);
    const { perKey, resultMs, longestTask } = await profiled(page, dir, `filter-${count}`, () =>
      typeFilter(page, 'preflight', 'localhost'),
    );
    sizes.push({
      exchanges: count,
      firstRenderMs: round(firstRenderMs, 1),
      firstRowsMs: round(firstRowsMs, 1),
      parseMs: round(parseMs, 1),
      handleMs: round(handleMs, 1),
      keystrokeMs: round(median(perKey), 1),
      keystrokeMaxMs: round(Math.max(...perKey), 1),
      filterResultMs: round(resultMs, 1),
      longestTaskMs: round(longestTask, 1),
      heapMB: round(heap, 1),
    });
    await page.close();
  }
  const at = (n: number) => sizes.find((s) => s.exchanges === n);
  const scaling = (key: 'firstRenderMs' | 'handleMs' | 'parseMs' | 'keystrokeMs' | 'heapMB') => {
    const small = at(10_000);
    const large = at(100_000);
    return small && large ? round(large[key] / 100_000 / (small[key] / 10_000), 2) : Number.NaN;
  };
  return {
    sizes,
    firstRenderScaling: scaling('firstRenderMs'),
    handleScaling: scaling('handleMs'),
    parseScaling: scaling('parseMs'),
    keystrokeScaling: scaling('keystrokeMs'),
    heapScaling: scaling('heapMB'),
  };
}
