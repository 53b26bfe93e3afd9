/**
 * The recorder's whole state as plain JSON, for `storage.session`: the MV3
 * worker may be stopped at any moment and must resume where it was, in-flight
 * requests included. Verdicts are not stored: they are recomputed on load, so a
 * snapshot never carries a stale engine's opinion.
 */
import type { PreflightCacheEntry } from '../cors';
import {
  isBoolean,
  isFiniteNumber,
  isHeaderList,
  isInteger,
  isRecord,
  isString,
  isStringArray,
  optional,
} from './guards';
import { isPageCallReport, type PageCallReport } from '../protocol/page-report';
import type { ExchangeKind } from './exchange';
import type { CacheRecord } from './preflight-cache-log';
import type { CachedPreflightLink } from './record';
import type { NavigationMarker } from './tab-log';
import type { RequestTrace } from './trace';

export const SNAPSHOT_VERSION = 1;

export interface ExchangeSnapshot {
  readonly id: string;
  readonly seq: number;
  readonly kind: ExchangeKind;
  readonly timedOut: boolean;
  readonly cached?: CachedPreflightLink;
  readonly page?: PageCallReport;
  readonly trace: RequestTrace;
}

export interface TabSnapshot {
  readonly tabId: number;
  readonly preserveLog: boolean;
  readonly dropped: number;
  readonly markers: readonly NavigationMarker[];
  readonly lastNavigationRequestId?: string;
  /** Oldest first. */
  readonly exchanges: readonly ExchangeSnapshot[];
}

/** Requests not (yet) part of an exchange: unpaired preflights, undecided OPTIONS, watched same-origin requests. */
export interface PendingSnapshot {
  readonly role: 'waiting' | 'options' | 'watch';
  readonly trace: RequestTrace;
}

export interface TombstoneSnapshot {
  readonly requestId: string;
  readonly at: number;
  readonly ended: boolean;
}

export interface RecorderSnapshot {
  readonly version: typeof SNAPSHOT_VERSION;
  readonly seq: number;
  readonly tabs: readonly TabSnapshot[];
  readonly pending: readonly PendingSnapshot[];
  readonly tombstones: readonly TombstoneSnapshot[];
  readonly preflightCache: readonly CacheRecord[];
}

const EXCHANGE_KINDS: readonly unknown[] = ['request', 'orphan-preflight', 'page-only'];
const PENDING_ROLES: readonly unknown[] = ['waiting', 'options', 'watch'];

function isResponse(x: unknown): boolean {
  return (
    isRecord(x) &&
    isInteger(x.status) &&
    isHeaderList(x.headers) &&
    optional(x, 'statusLine', isString) &&
    isInteger(x.rank) &&
    isFiniteNumber(x.at)
  );
}

function isRedirect(x: unknown): boolean {
  return (
    isRecord(x) &&
    isInteger(x.status) &&
    isHeaderList(x.headers) &&
    isString(x.location) &&
    isFiniteNumber(x.at)
  );
}

function isEnd(x: unknown): boolean {
  if (!isRecord(x) || !isFiniteNumber(x.at)) return false;
  return x.kind === 'completed' || (x.kind === 'failed' && isString(x.error));
}

function isHop(x: unknown, allowPreflight: boolean): boolean {
  return (
    isRecord(x) &&
    isString(x.url) &&
    isString(x.method) &&
    isFiniteNumber(x.startedAt) &&
    optional(x, 'requestHeaders', isHeaderList) &&
    optional(x, 'requestHeadersRank', isInteger) &&
    optional(x, 'sentAt', isFiniteNumber) &&
    optional(x, 'response', isResponse) &&
    optional(x, 'redirect', isRedirect) &&
    // A preflight has no preflight of its own.
    optional(x, 'preflight', (p) => allowPreflight && isTrace(p, false))
  );
}

export function isTrace(x: unknown, allowPreflight = true): x is RequestTrace {
  return (
    isRecord(x) &&
    isString(x.requestId) &&
    isInteger(x.tabId) &&
    isInteger(x.frameId) &&
    isString(x.type) &&
    optional(x, 'initiator', isString) &&
    isFiniteNumber(x.startedAt) &&
    isFiniteNumber(x.lastEventAt) &&
    isBoolean(x.sawStart) &&
    Array.isArray(x.hops) &&
    x.hops.length > 0 &&
    x.hops.every((h) => isHop(h, allowPreflight)) &&
    optional(x, 'end', isEnd) &&
    optional(x, 'fromCache', isBoolean)
  );
}

function isCacheEntry(x: unknown): x is PreflightCacheEntry {
  return (
    isRecord(x) &&
    isString(x.origin) &&
    isString(x.url) &&
    isBoolean(x.credentials) &&
    isStringArray(x.methods) &&
    isStringArray(x.headers) &&
    isFiniteNumber(x.storedAt) &&
    isFiniteNumber(x.maxAgeSeconds)
  );
}

function isCachedLink(x: unknown): boolean {
  return isRecord(x) && isCacheEntry(x.entry) && isString(x.from);
}

function isMarker(x: unknown): x is NavigationMarker {
  return (
    isRecord(x) &&
    x.kind === 'navigation' &&
    isInteger(x.tabId) &&
    isString(x.url) &&
    isFiniteNumber(x.at) &&
    isInteger(x.seq)
  );
}

function isExchangeSnapshot(x: unknown, tabId: number): x is ExchangeSnapshot {
  return (
    isRecord(x) &&
    isString(x.id) &&
    isInteger(x.seq) &&
    EXCHANGE_KINDS.includes(x.kind) &&
    isBoolean(x.timedOut) &&
    optional(x, 'cached', isCachedLink) &&
    optional(x, 'page', isPageCallReport) &&
    isTrace(x.trace) &&
    x.trace.tabId === tabId &&
    // An orphan stands for its preflight: without one it means nothing.
    (x.kind === 'request' ||
      (x.kind === 'page-only' && x.page !== undefined) ||
      (x.kind === 'orphan-preflight' && x.trace.hops[0].preflight !== undefined))
  );
}

function isTabSnapshot(x: unknown): x is TabSnapshot {
  if (!isRecord(x) || !isInteger(x.tabId)) return false;
  const tabId = x.tabId;
  return (
    isBoolean(x.preserveLog) &&
    isInteger(x.dropped) &&
    x.dropped >= 0 &&
    Array.isArray(x.markers) &&
    x.markers.every(isMarker) &&
    optional(x, 'lastNavigationRequestId', isString) &&
    Array.isArray(x.exchanges) &&
    x.exchanges.every((e) => isExchangeSnapshot(e, tabId))
  );
}

function isPending(x: unknown): x is PendingSnapshot {
  return isRecord(x) && PENDING_ROLES.includes(x.role) && isTrace(x.trace, false);
}

function isTombstone(x: unknown): x is TombstoneSnapshot {
  return isRecord(x) && isString(x.requestId) && isFiniteNumber(x.at) && isBoolean(x.ended);
}

function isCacheRecord(x: unknown): x is CacheRecord {
  return isRecord(x) && isInteger(x.tabId) && isString(x.exchangeId) && isCacheEntry(x.entry);
}

/** The list if every item passes its guard, else what is wrong with it. */
function listOf<T>(
  name: string,
  value: unknown,
  guard: (x: unknown) => x is T,
): readonly T[] | string {
  if (!Array.isArray(value)) return `the stored capture state has no ${name} list`;
  const items: unknown[] = value;
  const bad = items.findIndex((item) => !guard(item));
  if (bad >= 0) return `the stored capture state has an invalid ${name} item at index ${bad}`;
  return items.filter(guard);
}

/** The snapshot if `json` is a valid one, else what is wrong with it. */
export function parseSnapshot(json: unknown): RecorderSnapshot | string {
  if (!isRecord(json)) return 'the stored capture state is not an object';
  if (json.version !== SNAPSHOT_VERSION) {
    return `the stored capture state has version ${String(json.version)}, expected ${SNAPSHOT_VERSION}`;
  }
  if (!isInteger(json.seq) || json.seq < 0) return 'the stored capture state has no valid sequence';
  const tabs = listOf('tabs', json.tabs, isTabSnapshot);
  const pending = listOf('pending', json.pending, isPending);
  const tombstones = listOf('tombstones', json.tombstones, isTombstone);
  const preflightCache = listOf('preflightCache', json.preflightCache, isCacheRecord);
  if (typeof tabs === 'string') return tabs;
  if (typeof pending === 'string') return pending;
  if (typeof tombstones === 'string') return tombstones;
  if (typeof preflightCache === 'string') return preflightCache;
  const snapshot: RecorderSnapshot = {
    version: SNAPSHOT_VERSION,
    seq: json.seq,
    tabs,
    pending,
    tombstones,
    preflightCache,
  };
  const tabIds = new Set<number>();
  const exchangeIds = new Set<string>();
  for (const tab of snapshot.tabs) {
    if (tabIds.has(tab.tabId)) return `the stored capture state lists tab ${tab.tabId} twice`;
    tabIds.add(tab.tabId);
    for (const exchange of tab.exchanges) {
      if (exchangeIds.has(exchange.id)) {
        return `the stored capture state lists exchange ${exchange.id} twice`;
      }
      exchangeIds.add(exchange.id);
    }
  }
  return snapshot;
}

/** A deep copy through JSON: drops undefined fields, and throws on cycles and BigInt. */
export function copyJson(value: unknown): unknown {
  if (value === undefined) return undefined;
  return JSON.parse(JSON.stringify(value)) as unknown;
}
