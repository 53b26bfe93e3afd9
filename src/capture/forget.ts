/**
 * Forgetting exchanges (dropped from a full log, cleared, tab closed). The
 * browser keeps sending events for their requests; tombstones swallow them so
 * a late event cannot start a half-built exchange of its own.
 */
import { evaluate } from './evaluate';
import { tombstoneOf } from './routes';
import type { RecorderState } from './state';
import type { TabLog } from './tab-log';

/** `dropped`: fell out of a bounded log, and the panel is told which one. */
export function removeRecord(state: RecorderState, id: string, dropped: boolean): void {
  const { records, routes, pairing, inFlight, dirty } = state;
  const record = records.get(id);
  if (!record) return;
  // Its preflight may still sit in the browser's cache and explain later requests.
  if (dirty.delete(id) && record.trace.hops.some((hop) => hop.preflight)) {
    evaluate(record, state.cache, state.options);
  }
  records.delete(id);
  state.pageCalls.forgetExchange(id);
  inFlight.delete(id);
  state.unsaved.delete(id);
  if (record.pairKey !== undefined) pairing.requests.delete(record.pairKey, id);
  const traces = record.trace.hops.flatMap((hop) => (hop.preflight ? [hop.preflight] : []));
  if (record.kind === 'request') traces.push(record.trace);
  for (const trace of traces) {
    const route = routes.get(trace.requestId);
    if ((route?.kind === 'exchange' || route?.kind === 'preflight') && route.exchangeId === id) {
      routes.set(trace.requestId, tombstoneOf(trace));
    }
  }
  if (dropped) state.changes.remove(id, record.trace.tabId);
}

/** Empties a tab's log; what of it was still pending is discarded too. */
export function clearLog(state: RecorderState, tab: TabLog): void {
  for (const id of [...tab.ids]) removeRecord(state, id, false);
  tab.clear();
  discardPending(state, tab.tabId);
  state.changes.clear(tab.tabId);
}

/** Requests of the tab not yet part of an exchange are discarded with its log. */
export function discardPending(state: RecorderState, tabId: number): void {
  const { routes, pairing } = state;
  for (const [requestId, route] of routes) {
    if (route.kind === 'tombstone' || route.kind === 'exchange' || route.kind === 'preflight') {
      continue;
    }
    if (route.trace.tabId !== tabId) continue;
    if (route.kind === 'waiting') pairing.preflights.delete(route.key, requestId);
    routes.set(requestId, tombstoneOf(route.trace));
  }
}
