/**
 * An exchange: one cross-origin request of a page as the panel shows it, with
 * the preflight(s) the browser sent for it, what the engine made of it, and
 * enough timing for the HAR export. Plain JSON: it crosses to the panel as is.
 */
import type { ExchangeObservation, Verdict } from '../cors';

/**
 * `in-flight`: no final event yet. `done`: the browser's final event arrived.
 * `timed-out`: no event for the recorder's time-out; the outcome stays in-flight
 * because nobody knows it (a long poll may still be running, or events were lost).
 * A later event revives it.
 */
export type ExchangeState = 'in-flight' | 'done' | 'timed-out';

/**
 * `request`: a request of the page. `orphan-preflight`: a preflight whose request
 * was never seen (its events were lost, or it happened before recording started).
 * `page-only`: a call the page probe reported and the browser refused before any request
 * left (no webRequest event at all).
 */
export type ExchangeKind = 'request' | 'orphan-preflight' | 'page-only';

export interface RequestTimings {
  /** First event (beforeRequest). */
  readonly startedAt: number;
  /** The request left for the network (beforeSendHeaders/sendHeaders); absent if it never did. */
  readonly sentAt?: number;
  /** Response headers of the final hop arrived. */
  readonly responseAt?: number;
  /** The final event (completed/errorOccurred). */
  readonly endedAt?: number;
}

export interface PreflightSummary {
  /** Index of the hop it was sent for: 0 for the first URL, i for `redirects[i - 1].location`. */
  readonly hop: number;
  readonly requestId: string;
  readonly url: string;
  readonly timings: RequestTimings;
  readonly statusLine?: string;
}

export interface Exchange {
  /** Stable and unique: `${tabId}:${requestId}`, with `#n` added if a requestId comes back. */
  readonly id: string;
  /** Creation order across the recorder; navigation markers share the sequence. */
  readonly seq: number;
  readonly tabId: number;
  readonly frameId: number;
  readonly requestId: string;
  readonly kind: ExchangeKind;
  readonly state: ExchangeState;
  readonly timings: RequestTimings;
  /** The URL of the last hop (the first URL is `observation.request.url`). */
  readonly finalUrl: string;
  readonly statusLine?: string;
  readonly fromCache?: boolean;
  readonly preflights: readonly PreflightSummary[];
  /** The exchange whose preflight the browser reused (no preflight was sent for this one). */
  readonly cachedFrom?: string;
  /** What the capture could not see, in plain words (orphan, time-out, missed start). */
  readonly note?: string;
  readonly observation: ExchangeObservation;
  readonly verdict: Verdict;
}
