/** Exchanges and a store holding them, for the list's tests. */
import type { Exchange } from '../../capture/exchange';
import type { NavigationMarker } from '../../capture/tab-log';
import { API, PAGE, TAB, Timeline, allowOrigin } from '../../capture/testing/chromium-events';
import { exchangesOf, recordAll } from '../../capture/testing/record';
import { preflightedExchange, simpleExchange } from '../../capture/testing/scenarios';
import { rowOf } from '../../protocol/exchange-row';
import { createPanelStore, type PanelStore } from '../store';

/** Allowed, blocked, allowed, blocked (preflight 404), in that order. */
export function sampleExchanges(): readonly Exchange[] {
  const t = new Timeline();
  simpleExchange(t, { url: `${API}/api/one`, responseHeaders: [allowOrigin()] });
  simpleExchange(t, { url: `${API}/api/two`, status: 200, blocked: true });
  simpleExchange(t, { url: `${API}/api/three`, responseHeaders: [allowOrigin()] });
  preflightedExchange(t, {
    url: `${API}/api/four`,
    preflightStatus: 404,
    preflightHeaders: [allowOrigin()],
    actual: 'blocked',
  });
  return exchangesOf(recordAll(t.events));
}

/** `count` copies of one exchange, every `blockedEvery`-th blocked, with their own ids and seqs. */
export function manyExchanges(count: number, blockedEvery = 10): Exchange[] {
  const [allowed, blocked] = sampleExchanges();
  if (!allowed || !blocked) throw new Error('sample exchanges missing');
  return Array.from({ length: count }, (_, i) => ({
    ...(i % blockedEvery === blockedEvery - 1 ? blocked : allowed),
    id: `${TAB}:${i}`,
    seq: i,
  }));
}

export const marker = (seq: number): NavigationMarker => ({
  kind: 'navigation',
  tabId: TAB,
  url: `${PAGE}/page-${seq}`,
  at: 0,
  seq,
});

/**
 * A store holding these exchanges, as the worker would send them: their rows, and the
 * whole exchanges on request (in memory, answered in a microtask).
 */
export function storeWith(
  exchanges: readonly Exchange[],
  markers: NavigationMarker[] = [],
): PanelStore {
  const whole = new Map(exchanges.map((e) => [e.id, e]));
  const store = createPanelStore(TAB, (ids) =>
    Promise.resolve({
      exchanges: ids.map((id) => whole.get(id)).filter((e) => e !== undefined),
      missing: ids.filter((id) => !whole.has(id)),
    }),
  );
  store.getState().applySnapshot({
    exchanges: exchanges.map(rowOf),
    markers,
    stats: { tabId: TAB, size: exchanges.length, dropped: 0, preserveLog: true },
  });
  return store;
}
