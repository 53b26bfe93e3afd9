/**
 * What changed since the panels were last told, so the background can send one
 * batched update instead of a message per event. Apply a batch in field order:
 * `closed` and `cleared` tabs first, then `removed`, `upserts`, `markers`, `tabs`.
 */
import type { Exchange } from './exchange';
import type { NavigationMarker, TabStats } from './tab-log';

export interface ChangeBatch {
  /** Tabs that were closed: forget them. */
  readonly closed: readonly number[];
  /** Tabs whose log was emptied (clear, navigation without preserve log, close). */
  readonly cleared: readonly number[];
  /** Exchanges dropped from a log to keep it bounded. */
  readonly removed: readonly string[];
  /** New or changed exchanges, latest version, each once. */
  readonly upserts: readonly Exchange[];
  readonly markers: readonly NavigationMarker[];
  /** Counts of the tabs touched (size, dropped, preserve log). */
  readonly tabs: readonly TabStats[];
}

export class ChangeLog {
  private readonly upserts = new Map<string, number>();
  private readonly removed = new Set<string>();
  private readonly cleared = new Set<number>();
  private readonly closed = new Set<number>();
  private markers: NavigationMarker[] = [];
  private readonly touchedTabs = new Set<number>();

  upsert(id: string, tabId: number): void {
    this.upserts.set(id, tabId);
    this.touchedTabs.add(tabId);
  }

  remove(id: string, tabId: number): void {
    this.upserts.delete(id);
    this.removed.add(id);
    this.touchedTabs.add(tabId);
  }

  marker(marker: NavigationMarker): void {
    this.markers.push(marker);
    this.touchedTabs.add(marker.tabId);
  }

  tab(tabId: number): void {
    this.touchedTabs.add(tabId);
  }

  /** Whatever was queued for the tab before is moot: the panel empties it. */
  clear(tabId: number): void {
    for (const [id, tab] of this.upserts) if (tab === tabId) this.upserts.delete(id);
    this.markers = this.markers.filter((m) => m.tabId !== tabId);
    this.cleared.add(tabId);
    this.touchedTabs.add(tabId);
  }

  close(tabId: number): void {
    this.clear(tabId);
    this.closed.add(tabId);
    this.touchedTabs.delete(tabId);
  }

  drain(
    exchange: (id: string) => Exchange | undefined,
    stats: (tabId: number) => TabStats | undefined,
  ): ChangeBatch {
    const upserts: Exchange[] = [];
    for (const id of this.upserts.keys()) {
      const found = exchange(id);
      if (found) upserts.push(found);
    }
    upserts.sort((a, b) => a.seq - b.seq);
    const tabs: TabStats[] = [];
    for (const tabId of this.touchedTabs) {
      const found = stats(tabId);
      if (found) tabs.push(found);
    }
    const batch: ChangeBatch = {
      closed: [...this.closed],
      cleared: [...this.cleared],
      removed: [...this.removed],
      upserts,
      markers: this.markers,
      tabs,
    };
    this.upserts.clear();
    this.removed.clear();
    this.cleared.clear();
    this.closed.clear();
    this.markers = [];
    this.touchedTabs.clear();
    return batch;
  }

  isEmpty(): boolean {
    return (
      this.upserts.size === 0 &&
      this.removed.size === 0 &&
      this.cleared.size === 0 &&
      this.closed.size === 0 &&
      this.markers.length === 0 &&
      this.touchedTabs.size === 0
    );
  }
}
