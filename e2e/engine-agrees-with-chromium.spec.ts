/**
 * The engine against the real thing: every playground scenario runs in Chromium, CDP
 * reports what went over the wire and Chromium's own verdict, and the engine, fed only
 * the wire, must name the same CorsError and failedParameter, or no failure where
 * Chromium allowed the request.
 */
import type { BrowserContext, Page } from '@playwright/test';
import { judge } from '../src/cors';
import { CdpRecorder } from './cdp-recorder';
import { expect, extensionWorker, launchWithExtension, test } from './fixtures';
import { SCENARIOS } from './playground/scenarios';
import { startPlayground, type Playground } from './playground/server';

let context: BrowserContext;
let page: Page;
let playground: Playground;
let recorder: CdpRecorder;

test.beforeAll(async () => {
  playground = await startPlayground();
  context = await launchWithExtension();
  await extensionWorker(context);
  page = await context.newPage();
  recorder = await CdpRecorder.attach(await context.newCDPSession(page));
  await page.goto(playground.pageUrl);
  await page.waitForFunction(() => 'playgroundReady' in window);
});

test.afterAll(async () => {
  await context.close();
  await playground.close();
});

/**
 * The page's CDP session sees the page's own requests; calls from a dedicated worker or an
 * iframe belong to other targets. Those are checked through the extension's capture instead.
 */
const fromThePage = SCENARIOS.filter(
  (s) => s.call.via === undefined || s.call.via === 'fetch' || s.call.via === 'xhr',
);

for (const scenario of fromThePage) {
  test(`${scenario.id}: the engine's verdict is Chromium's`, async () => {
    await page.evaluate(async (id) => {
      const run = window.runScenario;
      await run(id);
    }, scenario.id);

    const prefix = `${playground.origins.api}/s/${scenario.id}`;
    const expected = scenario.call.repeat ?? 1;
    await expect
      .poll(() => recorder.actualRequests(prefix).filter((id) => recorder.isDone(id)).length)
      .toBe(expected);

    for (const requestId of recorder.actualRequests(prefix)) {
      const chromium = recorder.verdict(requestId);
      const observation = recorder.observation(requestId, playground.origins.page);
      const verdict = judge(observation);
      const context = JSON.stringify({
        chromium,
        verdict: verdict.status,
        failure: verdict.failure?.corsError,
      });
      if (chromium.corsError !== undefined) {
        expect(verdict.status, context).toBe('blocked');
        expect(verdict.failure?.corsError, context).toBe(chromium.corsError);
        expect(verdict.failure?.failedParameter, context).toBe(chromium.failedParameter);
      } else {
        expect(chromium.outcome, context).toBe('finished');
        expect(verdict.status, context).toBe('allowed');
        expect(verdict.failure, context).toBeUndefined();
      }
    }

    // The catalogue's own note of what Chromium does must stay true, so the page tells no lies.
    const first = recorder.verdict(recorder.actualRequests(prefix)[0] ?? '');
    if (scenario.chromium === 'allowed') {
      expect(first.outcome).toBe('finished');
    } else {
      expect(first.corsError).toBe(scenario.chromium.corsError);
      if (scenario.chromium.failedParameter !== undefined) {
        expect(first.failedParameter).toBe(scenario.chromium.failedParameter);
      }
    }
  });
}

test('a cached preflight: the second PUT goes out without one, and the engine says so', async () => {
  const id = 'put-cached-preflight';
  const prefix = `${playground.origins.api}/s/${id}`;
  const before = recorder.actualRequests(prefix).length;
  await page.evaluate(async (scenarioId) => {
    const run = window.runScenario;
    await run(scenarioId);
  }, id);
  await expect
    .poll(() => recorder.actualRequests(prefix).filter((r) => recorder.isDone(r)).length)
    .toBe(before + 2);
  const [, second] = recorder.actualRequests(prefix).slice(before);
  const verdict = judge(recorder.observation(second ?? '', playground.origins.page));
  expect(verdict.status).toBe('allowed');
  expect(verdict.preflight.needed).toBe(true);
  expect(verdict.preflight.seen).toBe('cached');
});
