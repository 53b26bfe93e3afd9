/**
 * Saving and restoring the recorder's state (snapshot.ts holds the format).
 * Routes and the pairing index are not stored: they are rebuilt from the
 * traces, so they cannot disagree with them after a restore.
 */
import { refreshPairing } from './pairing';
import { pairingKey } from './pairing-index';
import { preflightMethod, stateOf, type ExchangeRecord } from './record';
import type { RecorderState } from './state';
import {
  copyJson,
  type ExchangeSnapshot,
  type PendingSnapshot,
  type RecorderSnapshot,
  type TombstoneSnapshot,
} from './snapshot';
import { joinSnapshot, type SerializedExchange, type SnapshotHead } from './snapshot-parts';
import { TabLog } from './tab-log';

/** Everything but the exchanges' bodies: each tab lists its exchange ids in log order. */
export function snapshotHeadOf(state: RecorderState): SnapshotHead {
  const pending: PendingSnapshot[] = [];
  const tombstones: TombstoneSnapshot[] = [];
  for (const [requestId, route] of state.routes) {
    if (route.kind === 'tombstone')
      tombstones.push({ requestId, at: route.at, ended: route.ended });
    else if (route.kind === 'waiting' || route.kind === 'options' || route.kind === 'watch') {
      pending.push({ role: route.kind, trace: route.trace });
    }
  }
  const head: SnapshotHead = {
    version: 1,
    seq: state.seq,
    tabs: [...state.tabs.values()].map((tab) => ({
      tabId: tab.tabId,
      preserveLog: tab.preserveLog,
      dropped: tab.dropped,
      markers: tab.markers,
      ...(tab.lastNavigationRequestId !== undefined
        ? { lastNavigationRequestId: tab.lastNavigationRequestId }
        : {}),
      exchangeIds: [...tab.ids].filter((id) => state.records.has(id)),
    })),
    pending,
    tombstones,
    preflightCache: state.cache.all(),
  };
  // Detached from the live state, and plain JSON as storage will see it.
  return copyJson(head) as SnapshotHead;
}

/** One exchange's body as stored, or undefined if the recorder no longer holds it. */
function exchangeBodyOf(state: RecorderState, id: string): ExchangeSnapshot | undefined {
  const record = state.records.get(id);
  if (!record) return undefined;
  // Live objects: callers serialize them at once.
  return {
    id: record.id,
    seq: record.seq,
    kind: record.kind,
    timedOut: record.timedOut,
    ...(record.cached ? { cached: record.cached } : {}),
    ...(record.page ? { page: record.page } : {}),
    trace: record.trace,
  };
}

/** One exchange's body as JSON text (serialized once: storage keeps the text as it is). */
export function serializedExchangeOf(
  state: RecorderState,
  id: string,
): SerializedExchange | undefined {
  const body = exchangeBodyOf(state, id);
  return body && { id: body.id, seq: body.seq, json: JSON.stringify(body) };
}

export function snapshotOf(state: RecorderState): RecorderSnapshot {
  // Detached from the live state, and plain JSON as storage will see it.
  return copyJson(
    joinSnapshot(snapshotHeadOf(state), (id) => exchangeBodyOf(state, id)),
  ) as RecorderSnapshot;
}

/** Fills an empty state from a validated snapshot. */
export function restoreInto(state: RecorderState, snapshot: RecorderSnapshot): void {
  let seq = snapshot.seq;
  const restored: ExchangeRecord[] = [];
  for (const tab of snapshot.tabs) {
    const log = new TabLog(tab.tabId, tab.preserveLog);
    log.dropped = tab.dropped;
    log.markers = [...tab.markers];
    if (tab.lastNavigationRequestId !== undefined) {
      log.lastNavigationRequestId = tab.lastNavigationRequestId;
    }
    for (const marker of tab.markers) seq = Math.max(seq, marker.seq + 1);
    state.tabs.set(tab.tabId, log);
    for (const saved of tab.exchanges) {
      const record: ExchangeRecord = {
        id: saved.id,
        seq: saved.seq,
        kind: saved.kind,
        trace: saved.trace,
        timedOut: saved.timedOut,
        ...(saved.cached ? { cached: saved.cached } : {}),
        ...(saved.page ? { page: saved.page } : {}),
      };
      seq = Math.max(seq, saved.seq + 1);
      state.records.set(record.id, record);
      restored.push(record);
      // A smaller limit than when saved: the oldest go, counted as dropped.
      for (const evicted of log.add(record.id, state.options.maxExchangesPerTab)) {
        state.records.delete(evicted);
      }
    }
  }
  state.seq = seq;

  for (const { role, trace } of snapshot.pending) {
    const method = role === 'waiting' ? preflightMethod(trace) : undefined;
    if (method !== undefined) {
      const key = pairingKey(trace.tabId, trace.initiator ?? 'null', method, trace.hops[0].url);
      state.pairing.preflights.add(key, trace.requestId, trace);
      state.routes.set(trace.requestId, { kind: 'waiting', trace, key });
    } else {
      state.routes.set(trace.requestId, { kind: role === 'watch' ? 'watch' : 'options', trace });
    }
  }

  restored.sort((a, b) => a.seq - b.seq);
  for (const record of restored) {
    if (!state.records.has(record.id)) continue;
    if (record.kind === 'request') {
      state.routes.set(record.trace.requestId, { kind: 'exchange', exchangeId: record.id });
    }
    for (const hop of record.trace.hops) {
      const preflight = hop.preflight;
      if (preflight) {
        state.routes.set(preflight.requestId, {
          kind: 'preflight',
          exchangeId: record.id,
          trace: preflight,
        });
      }
    }
    if (stateOf(record) === 'in-flight') state.inFlight.add(record.id);
    refreshPairing(state, record);
  }

  for (const { requestId, at, ended } of snapshot.tombstones) {
    if (!state.routes.has(requestId)) state.routes.set(requestId, { kind: 'tombstone', at, ended });
  }
  for (const record of snapshot.preflightCache) state.cache.record(record);
}
