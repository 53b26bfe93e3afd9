/**
 * Realistic exchanges for the bench: every recorded Chromium event stream in
 * src/capture/fixtures/chromium replayed through the real Recorder, then copied
 * with fresh ids, URLs and sequence numbers up to the count asked for.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { isWebRequestEvent, type WebRequestEvent } from '../src/capture/events';
import type { Exchange } from '../src/capture/exchange';
import { Recorder } from '../src/capture/recorder';

const DIR = resolve(import.meta.dirname, '..', 'src', 'capture', 'fixtures', 'chromium');

interface Fixture {
  readonly scenario: string;
  readonly events: readonly unknown[];
}

/** The recorded event streams, one per playground scenario. */
export function fixtureStreams(): WebRequestEvent[][] {
  return readdirSync(DIR)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => JSON.parse(readFileSync(resolve(DIR, name), 'utf8')) as Fixture)
    .map((fixture) => fixture.events.filter((e): e is WebRequestEvent => isWebRequestEvent(e)));
}

/** The exchanges the recorder makes of every fixture stream (the templates). */
export function templateExchanges(): Exchange[] {
  return fixtureStreams().flatMap((events) => {
    const recorder = new Recorder();
    for (const event of events) recorder.handle(event);
    recorder.expire(Number.MAX_SAFE_INTEGER / 2);
    return recorder.tabIds().flatMap((tabId) => [...(recorder.tab(tabId)?.exchanges ?? [])]);
  });
}

/** `count` exchanges for one tab, cycling through the templates with unique ids. */
export function syntheticExchanges(count: number, tabId = 1): Exchange[] {
  const templates = templateExchanges();
  return Array.from({ length: count }, (_, i) => {
    const t = templates[i % templates.length];
    if (!t) throw new Error('no recorded exchanges');
    const url = `${t.observation.request.url}?n=${i}`;
    return {
      ...t,
      id: `${tabId}:${i}`,
      requestId: String(i),
      tabId,
      seq: i,
      observation: { ...t.observation, request: { ...t.observation.request, url } },
    };
  });
}
