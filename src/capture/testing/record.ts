/** Test helpers: run events through a recorder and pick exchanges out. */
import type { Exchange } from '../exchange';
import type { WebRequestEvent } from '../events';
import { Recorder } from '../recorder';
import type { RecorderOptions } from '../options';
import { TAB, type Timeline } from './chromium-events';

export function recordAll(events: readonly WebRequestEvent[], options?: RecorderOptions): Recorder {
  const recorder = new Recorder(options);
  for (const e of events) recorder.handle(e);
  return recorder;
}

export function exchangesOf(recorder: Recorder, tabId = TAB): readonly Exchange[] {
  return recorder.tab(tabId)?.exchanges ?? [];
}

export function byRequestId(recorder: Recorder, requestId: string, tabId = TAB): Exchange {
  const found = exchangesOf(recorder, tabId).find((e) => e.requestId === requestId);
  if (!found) throw new Error(`no exchange for request ${requestId}`);
  return found;
}

export function onlyExchange(recorder: Recorder, tabId = TAB): Exchange {
  const all = exchangesOf(recorder, tabId);
  if (all.length !== 1) throw new Error(`expected one exchange, got ${all.length}`);
  const [first] = all;
  if (!first) throw new Error('unreachable');
  return first;
}

/** Returns a function that hands the recorder the timeline's events it has not seen yet. */
export function feeder(recorder: Recorder, timeline: Timeline): () => void {
  let seen = timeline.events.length;
  return () => {
    for (const e of timeline.events.slice(seen)) recorder.handle(e);
    seen = timeline.events.length;
  };
}
