/**
 * Which preflight belongs to which request. webRequest shows a preflight as a
 * request of its own, linked to nothing. Rule (measured in Chromium 156): a
 * preflight belongs to the oldest request of the same tab, initiator, URL and
 * method (= its Access-Control-Request-Method) that has no preflight for its
 * current hop and had not gone out before the preflight started. Either side
 * may arrive first; both wait in the index until the other comes. Firefox announces the
 * request's headers before it starts the preflight: see pastPreflightAt.
 */
import { canPair, candidateDeadline, pairingKey } from './pairing-index';
import type { ExchangeRecord } from './record';
import type { RecorderState } from './state';
import { lastHop, type Hop, type RequestTrace } from './trace';

/** Pairs a classified preflight with the oldest request it can belong to, or lets it wait. */
export function placePreflight(
  state: RecorderState,
  preflight: RequestTrace,
  method: string,
): void {
  const { pairing, records, options, routes } = state;
  const key = pairingKey(
    preflight.tabId,
    preflight.initiator ?? 'null',
    method,
    preflight.hops[0].url,
  );
  for (const [id] of pairing.requests.entries(key)) {
    const record = records.get(id);
    if (record?.pairKey !== key) {
      pairing.requests.delete(key, id);
      continue;
    }
    const hop = lastHop(record.trace);
    if (
      candidateDeadline(record.trace, hop, options.pairingWindowMs, options.browser) <
      preflight.startedAt
    ) {
      // Went out long before this preflight started: it cannot be its request, nor a later one's.
      pairing.requests.delete(key, id);
      delete record.pairKey;
      continue;
    }
    if (canPair(record.trace, hop, preflight, options.pairingWindowMs, options.browser)) {
      attach(state, record, hop, preflight);
      return;
    }
  }
  pairing.preflights.add(key, preflight.requestId, preflight);
  routes.set(preflight.requestId, { kind: 'waiting', trace: preflight, key });
}

/**
 * Keeps an exchange's current hop indexed while it may still get a preflight,
 * and adopts a preflight that arrived before it. Called after every change to
 * the request (a redirect moves it to a new URL, a 303 changes its method).
 */
export function refreshPairing(state: RecorderState, record: ExchangeRecord): void {
  if (record.kind !== 'request') return;
  const { pairing, options } = state;
  const trace = record.trace;
  const hop = lastHop(trace);
  const wanted = hop.preflight
    ? undefined
    : pairingKey(trace.tabId, trace.initiator ?? 'null', hop.method, hop.url);
  if (wanted !== record.pairKey) {
    if (record.pairKey !== undefined) pairing.requests.delete(record.pairKey, record.id);
    if (wanted === undefined) delete record.pairKey;
    else {
      pairing.requests.add(wanted, record.id, true);
      record.pairKey = wanted;
    }
  }
  if (wanted === undefined) return;
  for (const [preflightId, preflight] of pairing.preflights.entries(wanted)) {
    if (!canPair(trace, hop, preflight, options.pairingWindowMs, options.browser)) continue;
    pairing.preflights.delete(wanted, preflightId);
    attach(state, record, hop, preflight);
    return;
  }
}

function attach(
  state: RecorderState,
  record: ExchangeRecord,
  hop: Hop,
  preflight: RequestTrace,
): void {
  hop.preflight = preflight;
  state.routes.set(preflight.requestId, {
    kind: 'preflight',
    exchangeId: record.id,
    trace: preflight,
  });
  if (record.pairKey !== undefined) {
    state.pairing.requests.delete(record.pairKey, record.id);
    delete record.pairKey;
  }
  state.dirty.add(record.id);
}

/** Drops requests that can no longer get a preflight (sent or ended longer than the window ago). */
export function sweepPairing(state: RecorderState, now: number): void {
  const { pairing, records, options } = state;
  for (const [key, id] of [...pairing.requests.all()]) {
    const record = records.get(id);
    if (!record) {
      pairing.requests.delete(key, id);
      continue;
    }
    const hop = lastHop(record.trace);
    if (candidateDeadline(record.trace, hop, options.pairingWindowMs, options.browser) < now) {
      pairing.requests.delete(key, id);
      delete record.pairKey;
    }
  }
}
