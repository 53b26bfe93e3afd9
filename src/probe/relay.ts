// The relay's logic (the isolated-world content script, src/platform/page-relay.iife.ts):
// reports arrive one by one from the page probe, leave in batches, and a document that posts
// without end is cut off at a bound, so a hostile page costs the background little.

export interface RelayOptions {
  /** Sends one batch to the background. */
  readonly send: (details: string[]) => void;
  /** Runs `task` after `ms` (setTimeout in the content script, a fake clock in tests). */
  readonly defer: (task: () => void, ms: number) => void;
  readonly batchSize?: number;
  readonly batchDelayMs?: number;
  /** Reports forwarded per document at most; the rest are dropped and counted. */
  readonly maxPerDocument?: number;
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
  const max = options.maxPerDocument ?? 2000;
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
