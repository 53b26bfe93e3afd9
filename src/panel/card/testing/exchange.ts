/** Exchanges built from an observation (src/cors/testing/exchange-builder.ts) and judged. */
import type { Exchange } from '../../../capture/exchange';
import { judge, type ExchangeObservation } from '../../../cors';
import type { LogState } from '../../log/log-state';

let seq = 0;

export function exchangeOf(
  observation: ExchangeObservation,
  extra: Partial<Omit<Exchange, 'observation' | 'verdict'>> = {},
): Exchange {
  seq += 1;
  const done = observation.outcome.kind !== 'in-flight';
  return {
    id: `1:${seq}`,
    seq,
    tabId: 1,
    frameId: 0,
    requestId: String(seq),
    kind: 'request',
    state: done ? 'done' : 'in-flight',
    timings: { startedAt: 1_000 },
    finalUrl: observation.redirects?.at(-1)?.location ?? observation.request.url,
    preflights: [],
    ...extra,
    observation,
    verdict: judge(observation),
  };
}

export function logOf(...exchanges: Exchange[]): LogState {
  return {
    byId: new Map(exchanges.map((e) => [e.id, e])),
    exchanges,
    markers: [],
    stats: null,
  };
}
