/**
 * The bounded log of one tab: exchange ids oldest first, how many were dropped
 * to stay within bounds, and where the page navigated. Tab -1 collects requests
 * that belong to no tab (service workers).
 */

import { originOf } from '../cors/url';

/** A main-frame navigation of the tab, placed among exchanges by `seq`. */
export interface NavigationMarker {
  readonly kind: 'navigation';
  readonly tabId: number;
  readonly url: string;
  readonly at: number;
  readonly seq: number;
}

export interface TabStats {
  readonly tabId: number;
  /** Exchanges currently in the log. */
  readonly size: number;
  /** Exchanges dropped (oldest first) to keep the log within bounds, since the last clear. */
  readonly dropped: number;
  readonly preserveLog: boolean;
}

/** Markers are few per page; a tab's history of them need not be longer than this. */
export const MAX_MARKERS_PER_TAB = 200;

export class TabLog {
  /** Insertion-ordered: the first id is the oldest exchange. */
  readonly ids = new Set<string>();
  dropped = 0;
  markers: NavigationMarker[] = [];
  /** The navigation last marked: its redirects fire beforeRequest again and must not add markers. */
  lastNavigationRequestId?: string;

  constructor(
    readonly tabId: number,
    public preserveLog: boolean,
  ) {}

  /** Adds an id; returns the ids that fell out to keep at most `max`. */
  add(id: string, max: number): string[] {
    this.ids.add(id);
    return this.trim(max);
  }

  /** Drops the oldest ids (and counts them) until at most `max` remain; returns them. */
  trim(max: number): string[] {
    const evicted: string[] = [];
    for (const oldest of this.ids) {
      if (this.ids.size <= max) break;
      this.ids.delete(oldest);
      this.dropped += 1;
      evicted.push(oldest);
    }
    return evicted;
  }

  /** Whether the tab's latest recorded navigation is a page of `origin`. */
  showsOrigin(origin: string): boolean {
    const last = this.markers[this.markers.length - 1];
    return last !== undefined && originOf(last.url) === origin;
  }

  addMarker(marker: NavigationMarker): void {
    this.markers.push(marker);
    if (this.markers.length > MAX_MARKERS_PER_TAB) this.markers.shift();
  }

  clear(): void {
    this.ids.clear();
    this.dropped = 0;
    this.markers = [];
  }

  stats(): TabStats {
    return {
      tabId: this.tabId,
      size: this.ids.size,
      dropped: this.dropped,
      preserveLog: this.preserveLog,
    };
  }
}
