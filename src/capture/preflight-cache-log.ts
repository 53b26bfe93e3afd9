/**
 * The preflight results the browser may still hold in its preflight cache, as
 * far as this recorder saw them: per (tab, origin, URL) the entry left by the
 * latest successful preflight and the exchange it came from. It explains a
 * request that needed a preflight but showed none (docs/cors-reference.md §4.8).
 *
 * Keyed by tab rather than by Chromium's network partition: close enough for a
 * developer's tab, and a closed tab takes its entries with it.
 */
import type { PreflightCacheEntry } from '../cors';

export interface CacheRecord {
  readonly tabId: number;
  readonly exchangeId: string;
  readonly entry: PreflightCacheEntry;
}

/** Chromium's cache holds at most 1024 entries; more would only explain what the browser forgot. */
const MAX_ENTRIES = 1024;

function keyOf(tabId: number, origin: string, url: string): string {
  return `${tabId}\n${origin}\n${url}`;
}

export class PreflightCacheLog {
  private readonly byKey = new Map<string, CacheRecord>();

  /** Keeps the newest entry per key; an exchange re-evaluated replaces its own entry. */
  record(record: CacheRecord): void {
    const key = keyOf(record.tabId, record.entry.origin, record.entry.url);
    const existing = this.byKey.get(key);
    if (
      existing &&
      existing.exchangeId !== record.exchangeId &&
      existing.entry.storedAt > record.entry.storedAt
    ) {
      return;
    }
    this.byKey.delete(key);
    this.byKey.set(key, record);
    if (this.byKey.size > MAX_ENTRIES) {
      const oldest = this.byKey.keys().next();
      if (!oldest.done) this.byKey.delete(oldest.value);
    }
  }

  /** The entry a request sent at `at` could have used, if it came from another exchange. */
  lookup(
    tabId: number,
    origin: string,
    url: string,
    at: number,
    exceptExchangeId: string,
  ): CacheRecord | undefined {
    const found = this.byKey.get(keyOf(tabId, origin, url));
    if (!found || found.exchangeId === exceptExchangeId || found.entry.storedAt > at)
      return undefined;
    return found;
  }

  /** Forgets entries the browser itself has dropped (older than their max-age). */
  prune(now: number): void {
    for (const [key, { entry }] of this.byKey) {
      if (now - entry.storedAt > entry.maxAgeSeconds * 1000) this.byKey.delete(key);
    }
  }

  removeTab(tabId: number): void {
    for (const [key, record] of this.byKey) if (record.tabId === tabId) this.byKey.delete(key);
  }

  all(): CacheRecord[] {
    return [...this.byKey.values()];
  }
}
