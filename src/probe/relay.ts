// The relay's logic (the isolated-world content script, src/platform/page-relay.iife.ts):
// reports arrive one by one from the page probe, leave in batches, and a document that posts
// faster than any page makes calls is cut off for the rest of that second, so a hostile page
// costs the background little while a long-lived app is still read hours later.

export interface RelayOptions {
  /** Sends one batch to the background. */
  readonly send: (details: string[]) => void;
  /** Runs `task` after `ms` (setTimeout in the content script, a fake clock in tests). */
  readonly defer: (task: () => void, ms: number) => void;
  readonly batchSize?: number;
  readonly batchDelayMs?: number;
  /** Reports forwarded per second at most; the rest of that second's are dropped and counted. */
  readonly maxPerSecond?: number;
  /** The clock (Date.now in the content script, a fake one in tests). */
  readonly now?: () => number;
}

export interface Relay {
  /** One event detail from the probe (a JSON string, not yet trusted). */
  accept(detail: unknown): void;
  readonly dropped: () => number;
  /** Sends what waits now: the document is going away (a removed frame, a navigation). */
  flush(): void;
}

export function createRelay(options: RelayOptions): Relay {
  const batchSize = options.batchSize ?? 50;
  const delay = options.batchDelayMs ?? 50;
  const max = options.maxPerSecond ?? 500;
  const now = options.now ?? Date.now;
  let windowStart = Number.NEGATIVE_INFINITY;
  let pending: string[] = [];
  let forwarded = 0;
  let dropped = 0;
  let scheduled = false;

  const flush = () => {
    scheduled = false;
    if (pending.length === 0) return;
    const batch = pending;
    pending = [];
    options.send(batch);
  };

  return {
    accept(detail) {
      // Only strings, and not huge ones: the background validates the rest.
      const at = now();
      if (at - windowStart >= 1000) {
        windowStart = at;
        forwarded = 0;
      }
      if (typeof detail !== 'string' || detail.length > 64 * 1024 || forwarded >= max) {
        dropped += 1;
        return;
      }
      forwarded += 1;
      pending.push(detail);
      if (pending.length >= batchSize) {
        flush();
      } else if (!scheduled) {
        scheduled = true;
        options.defer(flush, delay);
      }
    },
    dropped: () => dropped,
    flush,
  };
}
