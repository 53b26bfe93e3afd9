/**
 * Records Chrome's own HAR export of a playground run, as DevTools' Network panel writes
 * it ("Export HAR"), beside Chromium's verdict for each request (CDP). The report's tests
 * open it and judge it. Run with `npm run record:streams` (this config records both).
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { CdpRecorder } from '../cdp-recorder';
import { RawTarget } from '../devtools-window';
import { expect, extensionWorker, launchWithExtension, test } from '../fixtures';
import { SCENARIOS } from '../playground/scenarios';
import { startPlayground } from '../playground/server';

const OUT = resolve(import.meta.dirname, '..', '..', 'src', 'report', 'fixtures');

/** Evaluated in the DevTools front end: the HAR its Network panel would export. */
const BUILD_HAR = `(async () => {
  const Logs = await import('./models/logs/logs.js');
  const HAR = await import('./models/har/har.js');
  const log = await HAR.Log.Log.build(Logs.NetworkLog.NetworkLog.instance().requests(), { sanitize: false });
  return JSON.stringify({ log }, null, 1);
})()`;

test('record Chrome DevTools’ HAR export of the playground', async () => {
  const playground = await startPlayground();
  const context = await launchWithExtension({ devtools: true });
  try {
    await extensionWorker(context);
    const page = context.pages()[0] ?? (await context.newPage());
    const browserInstance = context.browser();
    if (!browserInstance) throw new Error('no browser');
    const browser = await browserInstance.newBrowserCDPSession();
    const frontEndInfo = await expect
      .poll(async () => {
        const { targetInfos } = await browser.send('Target.getTargets');
        return targetInfos.some((t) =>
          t.url.startsWith('devtools://devtools/bundled/devtools_app.html'),
        );
      })
      .toBe(true)
      .then(async () => {
        const { targetInfos } = await browser.send('Target.getTargets');
        return targetInfos.find((t) =>
          t.url.startsWith('devtools://devtools/bundled/devtools_app.html'),
        );
      });
    if (!frontEndInfo) throw new Error('no DevTools window');
    const frontEnd = await RawTarget.attach(browser, frontEndInfo.targetId);
    const cdp = await CdpRecorder.attach(await context.newCDPSession(page));
    await page.goto(playground.pageUrl);
    await page.waitForFunction(() => 'playgroundReady' in window);

    const fromPage = SCENARIOS.filter((s) => s.call.via === undefined || s.call.via === 'xhr');
    const verdicts: Record<string, unknown> = {};
    for (const scenario of fromPage) {
      await page.evaluate(async (id) => {
        await window.runScenario(id);
      }, scenario.id);
      const prefix = `${playground.origins.api}/s/${scenario.id}`;
      const count = scenario.call.repeat ?? 1;
      await expect
        .poll(() => cdp.actualRequests(prefix).filter((id) => cdp.isDone(id)).length)
        .toBe(count);
      verdicts[scenario.id] = cdp.actualRequests(prefix).map((id) => cdp.verdict(id));
    }
    // DevTools learns of the last requests a moment after the page does.
    const expected = Object.values(verdicts).flat().length;
    await expect
      .poll(async () => {
        const har = JSON.parse(await frontEnd.evaluate<string>(BUILD_HAR)) as {
          log: { entries: Array<{ request: { url: string; method: string }; time: number }> };
        };
        return har.log.entries.filter(
          (e) => e.request.url.includes('/s/') && e.request.method !== 'OPTIONS',
        ).length;
      })
      .toBeGreaterThanOrEqual(expected);
    writeFileSync(
      resolve(OUT, 'chrome-156-playground.har'),
      `${await frontEnd.evaluate<string>(BUILD_HAR)}\n`,
    );
    writeFileSync(
      resolve(OUT, 'chrome-156-playground.verdicts.json'),
      `${JSON.stringify({ origins: playground.origins, verdicts }, null, 1)}\n`,
    );
  } finally {
    await context.close();
    await playground.close();
  }
});
