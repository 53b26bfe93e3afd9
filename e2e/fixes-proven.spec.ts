/**
 * The fix is proven on the wire: for every blocked playground scenario, the fix the
 * extension recorded is applied to the playground's API as a server team would apply it
 * (each response it names, by URL), the scenario runs again in real Chromium, and the page
 * must now get its responses (the browser's own word), with the extension agreeing.
 */
import type { BrowserContext, Page, Worker } from '@playwright/test';
import type { CallFix, ResponseFix } from '../src/cors';
import type { TabLogView } from '../src/protocol/messages';
import { expect, extensionWorker, launchWithExtension, test } from './fixtures';
import { openPlayground } from './playground-pages';
import type { PlaygroundCallResult } from './playground/globals';
import { PAGE_ONLY_SCENARIOS, SCENARIOS } from './playground/scenarios';
import { startPlayground, type Playground } from './playground/server';

test.describe.configure({ mode: 'default' });

let context: BrowserContext;
let worker: Worker;
let page: Page;
let tabId: number;
let playground: Playground;

test.beforeAll(async () => {
  playground = await startPlayground();
  context = await launchWithExtension();
  worker = await extensionWorker(context);
  ({ page, tabId } = await openPlayground(context, worker, playground));
  // As DevTools' "Disable cache" does: a 301 the browser saw before the fix is otherwise
  // replayed from its HTTP cache (the fix's steps say so).
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
});

test.afterAll(async () => {
  await context.close();
  await playground.close();
});

/** Errors no response header can fix: the fix is steps only (a URL, a mode, a scheme). */
const NOT_HEADER_FIXES = new Set([
  'RedirectContainsCredentials',
  'DisallowedByMode',
  'CorsDisabledScheme',
]);

type Logged = TabLogView['exchanges'][number];

async function exchangesOf(id: string, after: number): Promise<Logged[]> {
  const prefix = `${playground.origins.api}/s/${id}`;
  const log = await worker.evaluate((tab) => globalThis.corsLensLog(tab), tabId);
  return log.exchanges.filter((x) => x.seq > after && x.observation.request.url.startsWith(prefix));
}

async function settled(id: string, after: number, count: number): Promise<Logged[]> {
  await expect
    .poll(async () => (await exchangesOf(id, after)).filter((x) => x.verdict.status !== 'pending'))
    .toHaveLength(count);
  return exchangesOf(id, after);
}

async function run(id: string, change?: CallFix): Promise<PlaygroundCallResult[]> {
  return page.evaluate(([scenario, fix]) => window.runScenario(scenario, fix), [
    id,
    change,
  ] as const);
}

async function lastSeq(): Promise<number> {
  const log = await worker.evaluate((tab) => globalThis.corsLensLog(tab), tabId);
  return log.exchanges.at(-1)?.seq ?? -1;
}

for (const scenario of SCENARIOS.filter((s) => s.chromium !== 'allowed')) {
  test(`${scenario.id}: with the fix applied, Chromium allows it`, async () => {
    playground.followFix([]);
    const count = scenario.call.repeat ?? 1;
    const before = await lastSeq();
    const first = await run(scenario.id);
    expect(
      first.some((r) => !r.ok),
      'the scenario is blocked as it stands',
    ).toBe(true);
    const blocked = await settled(scenario.id, before, count);
    const failure = blocked.find((x) => x.verdict.failure)?.verdict.failure;
    expect(failure, 'the extension names the failure').toBeDefined();
    if (!failure) return;
    if (NOT_HEADER_FIXES.has(failure.corsError)) {
      expect(failure.fix.byHeaders).toBe(false);
      expect(failure.fix.steps.length).toBeGreaterThan(0);
      return;
    }
    expect(failure.fix.byHeaders).toBe(true);

    // Every change any of the calls' fixes names, once per response.
    const changes = new Map<string, ResponseFix>();
    for (const x of blocked) {
      for (const r of x.verdict.failure?.fix.responses ?? []) changes.set(`${r.stage} ${r.url}`, r);
    }
    playground.followFix([...changes.values()]);
    const after = await lastSeq();
    const second = await run(scenario.id);
    expect(
      second,
      `the page gets every response once the fix is applied (${failure.corsError})`,
    ).toEqual(second.map((r) => ({ ...r, ok: true })));
    const fixed = await settled(scenario.id, after, count);
    expect(fixed.map((x) => x.verdict.status)).toEqual(fixed.map(() => 'allowed'));
    playground.followFix([]);
  });
}

/**
 * Calls the browser refuses in the page: the fix is in the page's own call (its fetch()
 * options) or in the page's own response (its Content-Security-Policy). Applied as the
 * card says, the call must then go through.
 */
for (const scenario of PAGE_ONLY_SCENARIOS) {
  const title =
    scenario.call.url === undefined
      ? 'refused in the page; with the fix applied, Chromium sends it'
      : 'refused in the page; the fix says why no option or header can help';
  test(`${scenario.id}: ${title}`, async () => {
    playground.followFix([]);
    const before = await lastSeq();
    const first = await run(scenario.id);
    expect(
      first.every((r) => !r.ok),
      'the page sees the call refused',
    ).toBe(true);
    if (scenario.call.url !== undefined) {
      // ftp: no option and no header makes a browser do CORS for another scheme.
      await expect
        .poll(async () => {
          const log = await worker.evaluate((tab) => globalThis.corsLensLog(tab), tabId);
          return log.exchanges.find((x) => x.observation.request.url === scenario.call.url)?.verdict
            .failure?.fix;
        })
        .toMatchObject({ byHeaders: false, steps: [expect.stringContaining('http(s)')] });
      return;
    }
    const [refused] = await settled(scenario.id, before, 1);
    expect(refused?.kind).toBe('page-only');
    const call = refused?.verdict.failure?.fix.call;
    const cause = refused?.verdict.cause;
    expect(call ?? cause?.send, 'a fix the page can apply').toBeDefined();
    if (cause?.send) {
      playground.followFix([
        { stage: 'actual', hop: 0, url: cause.url, set: [cause.send], remove: [] },
      ]);
    }
    const after = await lastSeq();
    const second = await run(scenario.id, call);
    expect(second, 'the page gets its response once the fix is applied').toEqual(
      second.map((r) => ({ ...r, ok: true })),
    );
    const [sent] = await settled(scenario.id, after, 1);
    expect(sent?.kind).toBe('request');
    // no-cors: the page gets an opaque response, which CORS does not judge.
    expect(sent?.verdict.status).toBe(
      scenario.call.mode === 'no-cors' ? 'not-applicable' : 'allowed',
    );
    playground.followFix([]);
  });
}
