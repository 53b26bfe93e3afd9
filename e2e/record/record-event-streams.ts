/**
 * Records, for every playground scenario, the webRequest events Chromium gives an
 * extension with 'extraHeaders', beside Chromium's own verdict from CDP. The capture's
 * unit tests replay these streams, so they exercise the exact order, duplication and
 * shape of real events. Run with `npm run record:streams`; commit the changed fixtures.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { WebRequestEvent, WebRequestEventName } from '../../src/capture/events';
import { normalize, type Details } from '../../src/platform/web-request-details';
import { CdpRecorder } from '../cdp-recorder';
import { expect, extensionWorker, launchWithExtension, test } from '../fixtures';
import { SCENARIOS } from '../playground/scenarios';
import { startPlayground } from '../playground/server';

const OUT = resolve(import.meta.dirname, '..', '..', 'src', 'capture', 'fixtures', 'chromium');

interface Raw {
  event: WebRequestEventName;
  details: Details;
}

test('record webRequest event streams of every scenario', async () => {
  mkdirSync(OUT, { recursive: true });
  const playground = await startPlayground();
  const context = await launchWithExtension();
  try {
    const worker = await extensionWorker(context);
    const browserVersion =
      context.browser()?.version() ?? (await worker.evaluate(() => navigator.userAgent));
    await worker.evaluate(() => {
      const log: unknown[] = [];
      Object.assign(globalThis, { recordedEvents: log });
      const filter = { urls: ['<all_urls>'] };
      const on = (
        event: string,
        target: chrome.webRequest.WebRequestEvent<(d: object) => void, string[]>,
        spec: string[],
      ) => {
        target.addListener(
          (details) => {
            log.push({ event, details });
          },
          filter,
          [...spec, 'extraHeaders'],
        );
      };
      const w = chrome.webRequest as unknown as Record<
        string,
        chrome.webRequest.WebRequestEvent<(d: object) => void, string[]>
      >;
      const get = (key: string) => {
        const target = w[key];
        if (!target) throw new Error(key);
        return target;
      };
      on('beforeRequest', get('onBeforeRequest'), []);
      on('beforeSendHeaders', get('onBeforeSendHeaders'), ['requestHeaders']);
      on('sendHeaders', get('onSendHeaders'), ['requestHeaders']);
      on('headersReceived', get('onHeadersReceived'), ['responseHeaders']);
      on('beforeRedirect', get('onBeforeRedirect'), ['responseHeaders']);
      on('responseStarted', get('onResponseStarted'), ['responseHeaders']);
      on('completed', get('onCompleted'), ['responseHeaders']);
      on('errorOccurred', get('onErrorOccurred'), []);
    });
    const page = await context.newPage();
    const recorder = await CdpRecorder.attach(await context.newCDPSession(page));
    await page.goto(playground.pageUrl);
    await page.waitForFunction(() => 'playgroundReady' in window);

    for (const scenario of SCENARIOS) {
      await worker.evaluate(() => {
        (globalThis as unknown as { recordedEvents: unknown[] }).recordedEvents.length = 0;
      });
      const pageResults = await page.evaluate(async (id) => window.runScenario(id), scenario.id);
      const prefix = `${playground.origins.api}/s/${scenario.id}`;
      const count = scenario.call.repeat ?? 1;
      // Workers and iframes are other CDP targets: for them the page's own result is the record.
      const seenByPageCdp = scenario.call.via === undefined || scenario.call.via === 'xhr';
      if (seenByPageCdp) {
        await expect
          .poll(() => recorder.actualRequests(prefix).filter((id) => recorder.isDone(id)).length)
          .toBe(count);
      }
      // The extension's events arrive on their own schedule: wait until every request has a final event.
      const recorded = async () => {
        const raw = await worker.evaluate(
          () => (globalThis as unknown as { recordedEvents: Raw[] }).recordedEvents,
        );
        const ids = new Set(
          raw
            .filter((r) => r.details.url.includes(`/s/${scenario.id}`))
            .map((r) => r.details.requestId),
        );
        return { raw, ids };
      };
      await expect
        .poll(async () => {
          const { raw, ids } = await recorded();
          const done = new Set(
            raw
              .filter((r) => r.event === 'completed' || r.event === 'errorOccurred')
              .map((r) => r.details.requestId),
          );
          return ids.size > 0 && [...ids].every((id) => done.has(id));
        })
        .toBe(true);
      const { raw, ids } = await recorded();
      const events: WebRequestEvent[] = raw
        .filter((r) => ids.has(r.details.requestId))
        .map((r) => normalize(r.event, r.details));
      const fixture = {
        recordedWith: browserVersion,
        scenario: scenario.id,
        title: scenario.title,
        origins: playground.origins,
        chromium: seenByPageCdp
          ? recorder.actualRequests(prefix).map((id) => recorder.verdict(id))
          : null,
        pageResults,
        events,
      };
      writeFileSync(resolve(OUT, `${scenario.id}.json`), `${JSON.stringify(fixture, null, 1)}\n`);
    }
  } finally {
    await context.close();
    await playground.close();
  }
});
