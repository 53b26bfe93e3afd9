/**
 * The recorded browser event streams (src/capture/fixtures/<browser>/*.json) and their
 * replay through a Recorder: shared by the capture's, the card's and the report's tests.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { BrowserFamily } from '../../cors';
import { isWebRequestEvent, type WebRequestEvent } from '../events';
import type { Exchange } from '../exchange';
import { Recorder } from '../recorder';

export interface RecordedStream {
  readonly scenario: string;
  readonly origins: { readonly page: string; readonly api: string; readonly third: string };
  readonly events: readonly unknown[];
}

/** Every fixture recorded from one browser, in file-name order. */
export function loadRecordedStreams<T extends RecordedStream>(browser: BrowserFamily): T[] {
  const dir = resolve(import.meta.dirname, '..', 'fixtures', browser);
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => JSON.parse(readFileSync(resolve(dir, name), 'utf8')) as T);
}

/** One recorded scenario of one browser (`missing-acao`, ...). */
// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- the caller names the fixture shape it reads: the file is JSON
export function loadRecordedStream<T extends RecordedStream>(
  browser: BrowserFamily,
  scenario: string,
): T {
  const file = resolve(import.meta.dirname, '..', 'fixtures', browser, `${scenario}.json`);
  return JSON.parse(readFileSync(file, 'utf8')) as T;
}

/** The stream's events, as the capture gets them; malformed ones are left out (and counted by callers). */
export function streamEvents(stream: RecordedStream): WebRequestEvent[] {
  return stream.events.filter((e): e is WebRequestEvent => isWebRequestEvent(e));
}

/** Replays a stream and returns the scenario's exchanges, oldest first. */
export function replayStream(stream: RecordedStream, browser: BrowserFamily): Exchange[] {
  const recorder = new Recorder({ browser });
  for (const event of streamEvents(stream)) recorder.handle(event);
  const prefix = `${stream.origins.api}/s/${stream.scenario}`;
  return recorder
    .tabIds()
    .flatMap((tabId) => recorder.tab(tabId)?.exchanges ?? [])
    .filter((e) => e.observation.request.url.startsWith(prefix))
    .sort((a, b) => a.seq - b.seq);
}
