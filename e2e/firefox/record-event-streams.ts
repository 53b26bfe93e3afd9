/**
 * Records, for every playground scenario, the webRequest events firefox-esr gives an
 * extension page, beside the page's own outcome (Firefox's decision: fetch resolved or
 * TypeError). The capture's unit tests replay them (src/capture/recorded-streams.test.ts).
 * Run with `npm run record:streams:firefox`; commit the changed fixtures.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { WebRequestEvent, WebRequestEventName } from '../../src/capture/events';
import { normalize, type Details } from '../../src/platform/web-request-details';
import { SCENARIOS } from '../playground/scenarios';
import { startPlayground } from '../playground/server';
import { extensionPage, Firefox, poll } from './bidi';

const ROOT = resolve(import.meta.dirname, '..', '..');
const OUT = resolve(ROOT, 'src', 'capture', 'fixtures', 'firefox');
const DIST = resolve(ROOT, 'dist-firefox-e2e');

interface Raw {
  event: WebRequestEventName;
  details: Details;
}

// Runs in the extension page: the same eight listeners as src/platform/web-request.ts,
// without 'extraHeaders' (Firefox rejects it and shows every header anyway).
const LISTEN = `(() => {
  const log = [];
  globalThis.recordedEvents = log;
  const on = (event, target, spec) =>
    target.addListener((details) => { log.push({ event, details: JSON.parse(JSON.stringify(details)) }); },
      { urls: ['<all_urls>'] }, ...(spec.length > 0 ? [spec] : []));
  const w = browser.webRequest;
  on('beforeRequest', w.onBeforeRequest, []);
  on('beforeSendHeaders', w.onBeforeSendHeaders, ['requestHeaders']);
  on('sendHeaders', w.onSendHeaders, ['requestHeaders']);
  on('headersReceived', w.onHeadersReceived, ['responseHeaders']);
  on('beforeRedirect', w.onBeforeRedirect, ['responseHeaders']);
  on('responseStarted', w.onResponseStarted, ['responseHeaders']);
  on('completed', w.onCompleted, ['responseHeaders']);
  on('errorOccurred', w.onErrorOccurred, []); // no extraInfoSpec in Firefox, not even []
  return true;
})()`;

const only = process.argv.slice(2);
mkdirSync(OUT, { recursive: true });
const playground = await startPlayground();
const ff = await Firefox.launch();
try {
  await ff.installExtension(DIST);
  const ext = await extensionPage(ff);
  await ff.evaluate(ext, LISTEN);
  const page = await ff.newTab(playground.pageUrl);
  await ff.waitFor(page, `'playgroundReady' in window`);
  for (const scenario of SCENARIOS) {
    if (only.length > 0 && !only.includes(scenario.id)) continue;
    await ff.evaluate(ext, 'globalThis.recordedEvents.length = 0');
    const pageResults = await ff.evaluate<unknown[]>(
      page,
      `window.runScenario(${JSON.stringify(scenario.id)})`,
    );
    const recorded = async () => {
      const raw = await ff.evaluate<Raw[]>(ext, 'globalThis.recordedEvents');
      const ids = new Set(
        raw
          .filter((r) => r.details.url.includes(`/s/${scenario.id}`))
          .map((r) => r.details.requestId),
      );
      return { raw, ids };
    };
    await poll(
      async () => {
        const { raw, ids } = await recorded();
        const done = new Set(
          raw
            .filter((r) => r.event === 'completed' || r.event === 'errorOccurred')
            .map((r) => r.details.requestId),
        );
        return ids.size > 0 && [...ids].every((id) => done.has(id));
      },
      10_000,
      `final events of ${scenario.id}`,
    );
    // Late duplicates: let the stream settle.
    await new Promise((r) => setTimeout(r, 150));
    const { raw, ids } = await recorded();
    const events: WebRequestEvent[] = raw
      .filter((r) => ids.has(r.details.requestId))
      .map((r) => normalize(r.event, r.details));
    const fixture = {
      recordedWith: ff.version,
      scenario: scenario.id,
      title: scenario.title,
      origins: playground.origins,
      via: scenario.call.via ?? 'fetch',
      firefox: pageResults,
      events,
    };
    writeFileSync(resolve(OUT, `${scenario.id}.json`), `${JSON.stringify(fixture, null, 1)}\n`);
    console.log(scenario.id, JSON.stringify(pageResults), events.map((e) => e.event[0]).join(''));
  }
} finally {
  await ff.close();
  await playground.close();
}
