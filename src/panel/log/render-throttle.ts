/** The timer functions the throttle uses (tests pass their own). */
export interface Timers {
  now(): number;
  setTimeout(task: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realTimers: Timers = {
  now: () => performance.now(),
  setTimeout: (task, ms) => setTimeout(task, ms),
  clearTimeout: (handle) => {
    clearTimeout(handle as ReturnType<typeof setTimeout>);
  },
};

export interface Throttle<T> {
  push(item: T): void;
  /** Forgets what is waiting (a snapshot replaced it, or the panel stopped). */
  drop(): void;
}

/**
 * Hands items to `flush` at most once per `intervalMs`: the first after a quiet interval
 * at once, later ones gathered and handed over together when the interval has passed.
 */
export function throttle<T>(
  flush: (items: T[]) => void,
  intervalMs: number,
  timers: Timers = realTimers,
): Throttle<T> {
  let waiting: T[] = [];
  let timer: unknown;
  let lastFlush = -Infinity;

  const run = () => {
    timer = undefined;
    lastFlush = timers.now();
    const items = waiting;
    waiting = [];
    if (items.length > 0) flush(items);
  };

  return {
    push(item) {
      waiting.push(item);
      if (timer !== undefined) return;
      const wait = lastFlush + intervalMs - timers.now();
      if (wait <= 0) run();
      else timer = timers.setTimeout(run, wait);
    },
    drop() {
      if (timer !== undefined) timers.clearTimeout(timer);
      timer = undefined;
      waiting = [];
    },
  };
}
