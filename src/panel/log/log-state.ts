import type { NavigationMarker, TabStats } from '../../capture/tab-log';
import type { ExchangeRow } from '../../protocol/exchange-row';
import type { RowLogChanges, RowLogView } from '../../protocol/messages';

export type { ExchangeRow };

/** Finds a row by its exchange id (a Map is one, as the card's tests build it). */
export interface RowLookup {
  get(id: string): ExchangeRow | undefined;
}

/**
 * Versions of a log that only appended to each other: each one is the one before with rows
 * added at its end. The list extends the rows it derived for one version to a later one of
 * the same lineage instead of deriving them again (see list/list-rows.ts).
 *
 * `length` is the length of its newest version: only that version may be appended to in
 * the same lineage, so two versions of a lineage are always prefix and whole, never two
 * branches. It is the one mutable thing about a log, and only `applyLogChanges` writes it.
 */
export class Lineage {
  constructor(public length: number) {}
}

/**
 * The inspected tab's log as the panel holds it: rows in recording order (the list's own
 * fields of each exchange, not the whole exchange; see protocol/exchange-row.ts).
 * A value: `applyLogChanges` makes a new version and leaves the old one as it was.
 */
export interface LogState {
  /** Oldest first (by the recorder's sequence), each in its latest version. */
  readonly exchanges: readonly ExchangeRow[];
  readonly byId: RowLookup;
  readonly markers: readonly NavigationMarker[];
  readonly stats: TabStats | null;
  /** Absent for a log made elsewhere (a test's literal): its rows are derived whole. */
  readonly lineage?: Lineage;
}

/**
 * Exchange id → seq of every row logs sharing it have held. A seq never changes for an id, so
 * the index is only added to and versions share it: each version confirms an id by finding
 * that seq in its own rows. Copying a Map of 100,000 ids per batch of 2,000 was most of the
 * cost of loading a long log. Rebuilt when removed ids make up most of it.
 */
type SeqIndex = Map<string, number>;

/** Position of `seq` in rows sorted by seq, or -1. */
function positionOf(rows: readonly ExchangeRow[], seq: number): number {
  let low = 0;
  let high = rows.length - 1;
  while (low <= high) {
    const mid = (low + high) >>> 1;
    const at = rows[mid]?.seq ?? 0;
    if (at === seq) return mid;
    if (at < seq) low = mid + 1;
    else high = mid - 1;
  }
  return -1;
}

function lookup(rows: readonly ExchangeRow[], index: SeqIndex): RowLookup {
  return {
    get(id) {
      const seq = index.get(id);
      if (seq === undefined) return undefined;
      const row = rows[positionOf(rows, seq)];
      return row?.id === id ? row : undefined;
    },
  };
}

/** The index each version reads, kept beside it rather than in the public shape. */
const indexes = new WeakMap<LogState, SeqIndex>();

function version(
  exchanges: readonly ExchangeRow[],
  index: SeqIndex,
  markers: readonly NavigationMarker[],
  stats: TabStats | null,
  lineage: Lineage,
): LogState {
  const state: LogState = { exchanges, byId: lookup(exchanges, index), markers, stats, lineage };
  indexes.set(state, index);
  return state;
}

const indexOf = (rows: readonly ExchangeRow[]): SeqIndex => new Map(rows.map((e) => [e.id, e.seq]));

export const EMPTY_LOG: LogState = version([], new Map(), [], null, new Lineage(0));

const bySeq = (a: ExchangeRow, b: ExchangeRow) => a.seq - b.seq;

export function logFromSnapshot(view: RowLogView): LogState {
  const exchanges = [...view.exchanges].sort(bySeq);
  return version(
    exchanges,
    indexOf(exchanges),
    view.markers,
    view.stats,
    new Lineage(exchanges.length),
  );
}

/**
 * Applies one batch: cleared, then removed, then upserts (new ids join in seq order, a known
 * id's row is replaced in place). Returns a new version; `state` is left as it was.
 */
export function applyLogChanges(state: LogState, changes: RowLogChanges): LogState {
  const base = changes.cleared ? EMPTY_LOG : state;
  const baseIndex = base === EMPTY_LOG ? undefined : indexes.get(base);
  let index = baseIndex ?? indexOf(base.exchanges);
  let rows = base.exchanges;
  /** Whether this version is `base` with rows added at its end (and nothing else changed). */
  let appended = baseIndex !== undefined && base.lineage?.length === rows.length;

  if (changes.removed.length > 0) {
    const removed = new Set(changes.removed);
    const kept = rows.filter((e) => !removed.has(e.id));
    if (kept.length !== rows.length) {
      rows = kept;
      appended = false;
    }
  }

  // A batch may carry one id twice: the later version wins.
  const latest = new Map<string, ExchangeRow>();
  for (const row of changes.upserts) latest.set(row.id, row);
  const added: ExchangeRow[] = [];
  let replaced: ExchangeRow[] | undefined;
  const lastSeq = rows[rows.length - 1]?.seq ?? -Infinity;
  for (const row of latest.values()) {
    // Past the last seq it cannot be in the log yet: no search (a snapshot's slices).
    const at = row.seq > lastSeq || !index.has(row.id) ? -1 : positionOf(rows, row.seq);
    if (at !== -1 && rows[at]?.id === row.id) {
      replaced ??= [...rows];
      replaced[at] = row;
    } else {
      added.push(row);
    }
  }
  if (replaced) {
    rows = replaced;
    appended = false;
  }
  if (added.length > 0) {
    added.sort(bySeq);
    if (index === baseIndex && index.size > 2 * (rows.length + added.length) + 1000) {
      // Mostly ids that left the log: start a smaller index (older versions keep theirs).
      index = indexOf(rows);
    }
    for (const row of added) index.set(row.id, row.seq);
    if ((added[0]?.seq ?? Infinity) > (rows[rows.length - 1]?.seq ?? -Infinity)) {
      rows = rows.concat(added);
    } else {
      rows = [...rows, ...added].sort(bySeq);
      appended = false;
    }
  }

  let lineage: Lineage;
  if (appended && base.lineage) {
    lineage = base.lineage;
    lineage.length = rows.length;
  } else {
    lineage = new Lineage(rows.length);
  }
  return version(
    rows,
    index,
    changes.markers.length > 0 ? [...base.markers, ...changes.markers] : base.markers,
    changes.stats ?? base.stats,
    lineage,
  );
}
