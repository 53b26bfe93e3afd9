import type { BrowserFamily } from '../cors';

export interface RecorderOptions {
  /** Exchanges kept per tab; the oldest are dropped (and counted) beyond it. Default 5,000. */
  readonly maxExchangesPerTab?: number;
  /** An exchange with no event for this long is marked timed-out by expire(). Default 60 s. */
  readonly timeoutMs?: number;
  /**
   * How far apart (by the browser's timestamps) a preflight and its request may
   * start and still be paired, and how long an unpaired preflight waits for its
   * request before it becomes an orphan exchange. Default 10 s.
   */
  readonly pairingWindowMs?: number;
  /**
   * Whether a tab's log survives navigations until the panel says otherwise.
   * Default true, unlike DevTools' "Preserve log": the point of recording in the
   * background is that a failure is still there when DevTools is opened later,
   * often after the page has moved on. Navigation markers separate the pages.
   */
  readonly preserveLogByDefault?: boolean;
  /** Whose rules and names the engine leads with. Default chromium. */
  readonly browser?: BrowserFamily;
  /**
   * How long after the page saw a call fail the recorder waits for its webRequest events
   * before it takes the call as refused before the network. Default 2 s: the events reach
   * the worker directly, the page's report later (batched, through the page's relay).
   */
  readonly pageOnlyGraceMs?: number;
}

export type ResolvedOptions = Required<RecorderOptions>;

export const DEFAULT_OPTIONS: ResolvedOptions = {
  maxExchangesPerTab: 5000,
  timeoutMs: 60_000,
  pairingWindowMs: 10_000,
  preserveLogByDefault: true,
  browser: 'chromium',
  pageOnlyGraceMs: 2000,
};

function positive(value: number | undefined, fallback: number, min: number): number {
  return value !== undefined && Number.isFinite(value) && value >= min ? value : fallback;
}

export function resolveOptions(options: RecorderOptions = {}): ResolvedOptions {
  return {
    maxExchangesPerTab: Math.floor(
      positive(options.maxExchangesPerTab, DEFAULT_OPTIONS.maxExchangesPerTab, 1),
    ),
    timeoutMs: positive(options.timeoutMs, DEFAULT_OPTIONS.timeoutMs, 0),
    pairingWindowMs: positive(options.pairingWindowMs, DEFAULT_OPTIONS.pairingWindowMs, 0),
    preserveLogByDefault: options.preserveLogByDefault ?? DEFAULT_OPTIONS.preserveLogByDefault,
    browser: options.browser ?? DEFAULT_OPTIONS.browser,
    pageOnlyGraceMs: positive(options.pageOnlyGraceMs, DEFAULT_OPTIONS.pageOnlyGraceMs, 0),
  };
}
