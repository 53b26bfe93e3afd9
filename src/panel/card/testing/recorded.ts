/**
 * Real exchanges for the card's tests: the recorded Chromium event streams
 * (src/capture/fixtures/chromium) replayed through the capture, as the panel gets them.
 */
import { loadRecordedStream } from '../../../capture/testing/recorded-fixtures.node';
import { isWebRequestEvent } from '../../../capture/events';
import type { Exchange } from '../../../capture/exchange';
import { Recorder } from '../../../capture/recorder';
import type { LogState } from '../../log/log-state';

interface Fixture {
  readonly scenario: string;
  readonly origins: { readonly page: string; readonly api: string; readonly third: string };
  readonly events: readonly unknown[];
}

export interface Recorded {
  /** The scenario's exchanges, oldest first. */
  readonly exchanges: readonly Exchange[];
  /** A log holding every exchange of the recording. */
  readonly log: LogState;
  readonly origins: Fixture['origins'];
}

/** Replays one recorded scenario (`missing-acao`, `put-cached-preflight`, ...). */
export function recorded(scenario: string): Recorded {
  const fixture = loadRecordedStream<Fixture>('chromium', scenario);
  const recorder = new Recorder();
  for (const event of fixture.events) {
    if (isWebRequestEvent(event)) recorder.handle(event);
  }
  const all = recorder
    .tabIds()
    .flatMap((tabId) => recorder.tab(tabId)?.exchanges ?? [])
    .sort((a, b) => a.seq - b.seq);
  const prefix = `${fixture.origins.api}/s/${fixture.scenario}`;
  return {
    exchanges: all.filter((e) => e.observation.request.url.startsWith(prefix)),
    log: {
      byId: new Map(all.map((e) => [e.id, e])),
      exchanges: all,
      markers: [],
      stats: null,
    },
    origins: fixture.origins,
  };
}

/** The scenario's first exchange (most scenarios have one). */
export function recordedExchange(scenario: string, index = 0): Recorded & { exchange: Exchange } {
  const rec = recorded(scenario);
  const exchange = rec.exchanges[index];
  if (!exchange) throw new Error(`${scenario}: no exchange #${index}`);
  return { ...rec, exchange };
}
