import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { ExchangeFilter, VerdictCounts } from '../../capture/filter';
import type { LogState } from '../log/log-state';
import type { ListRow } from './list-row';
import { deriveRows, rowsJob, type Derivation, type RowsCache, type RowsJob } from './list-rows';

export interface ListRows {
  /** What the list shows, oldest first, navigation markers included. */
  readonly rows: readonly ListRow[];
  /** How many exchanges `rows` holds. */
  readonly shown: number;
  readonly filter: ExchangeFilter;
  /** Counts over the whole log, whatever the filter. */
  readonly counts: VerdictCounts;
}

export interface ListView extends ListRows {
  /** The filter is still being applied: `rows` and `shown` are those of the previous one. */
  readonly pending: boolean;
}

/** The rows the list shows for this log and filter, all at once (the report's export). */
export function listRows(
  log: LogState,
  filterText: string,
  blockedOnly: boolean,
  cache: RowsCache,
): ListRows {
  const derived = cache.remember(deriveRows(log, filterText, blockedOnly, cache));
  const { rows, shown, filter } = derived;
  return { rows, shown, filter, counts: cache.countsOf(log) };
}

/**
 * How long one go at the rows may take before the panel shows a frame: a keystroke's frame
 * waits for the first go; the rest of a long pass (the first search over 100,000 exchanges
 * builds each one's search text) runs in later tasks, between frames.
 */
const FIRST_GO_MS = 16;
const LATER_GO_MS = 8;
/** Exchanges looked at between two looks at the clock. */
const CHUNK = 1000;

function work(job: RowsJob, cache: RowsCache, ms: number): Derivation | undefined {
  const deadline = performance.now() + ms;
  for (;;) {
    const done = job.step(CHUNK);
    if (done) return cache.remember(done);
    if (performance.now() >= deadline) return undefined;
  }
}

/**
 * The list's rows for the current log and filter. New exchanges extend the rows at once; a new
 * filter over a long log may take several frames, during which the previous rows stay, marked
 * `pending`, and a newer keystroke takes over.
 */
export function useListRows(
  log: LogState,
  filterText: string,
  blockedOnly: boolean,
  cache: RowsCache,
): ListView {
  const [, setTick] = useState(0);
  const job = useRef<RowsJob | undefined>(undefined);
  const shown = useRef<Derivation | undefined>(undefined);

  if (!job.current?.follow(log, filterText, blockedOnly)) {
    job.current = rowsJob(log, filterText, blockedOnly, cache);
  }
  const current = job.current;
  // Only a new filter is spread over frames: the same filter over a changed log is done at
  // once, or a stream of changes could keep the list from ever catching up.
  const newFilter =
    shown.current !== undefined &&
    (shown.current.filterText !== filterText || shown.current.blockedOnly !== blockedOnly);
  const done = work(current, cache, newFilter ? FIRST_GO_MS : Number.POSITIVE_INFINITY);
  if (done) shown.current = done;
  const pending = done === undefined;

  useEffect(() => {
    if (!pending) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const next = () => {
      if (job.current !== current) return;
      if (work(current, cache, LATER_GO_MS)) setTick((tick) => tick + 1);
      else timer = setTimeout(next, 0);
    };
    timer = setTimeout(next, 0);
    return () => {
      clearTimeout(timer);
    };
  }, [pending, current, cache]);

  const counts = useMemo(() => cache.countsOf(log), [log, cache]);
  const derivation = shown.current;
  return {
    rows: derivation?.rows ?? [],
    shown: derivation?.shown ?? 0,
    filter: current.filter,
    counts,
    pending,
  };
}
