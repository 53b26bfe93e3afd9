import type { Exchange } from '../../capture/exchange';
import type { NavigationMarker, TabStats } from '../../capture/tab-log';
import type { TabLogChanges, TabLogView } from '../../protocol/messages';

/**
 * The inspected tab's log as the panel holds it: exchanges by id and in recording order.
 *
 * Successive versions made by `applyLogChanges` may share `byId` and `exchanges`: appending a
 * slice of 2,000 exchanges to a log of 100,000 must cost the slice, not the log. So a version
 * is only read while it is the newest one of its lineage (the store holds nothing else); an
 * older version may show exchanges added after it. Within a lineage, `exchanges` only grows at
 * its end: any other change (removal, update, reordering) makes a new array, which is what
 * lets the list extend its rows instead of deriving them again (see list/list-rows.ts).
 */
export interface LogState {
  readonly byId: ReadonlyMap<string, Exchange>;
  /** Oldest first (by the recorder's sequence), each in its latest version. */
  readonly exchanges: readonly Exchange[];
  readonly markers: readonly NavigationMarker[];
  readonly stats: TabStats | null;
}

export const EMPTY_LOG: LogState = { byId: new Map(), exchanges: [], markers: [], stats: null };

/**
 * The newest version made over each container this module created: only that version may
 * change them in place. Any other log (EMPTY_LOG, one a test or a report built) has its
 * containers copied first. Changes are meant for the newest version of a log (the store holds
 * no other); an older one already shows what was added after it.
 */
const newest = new WeakMap<object, LogState>();

function made(state: LogState): LogState {
  newest.set(state.byId, state);
  newest.set(state.exchanges, state);
  return state;
}

const bySeq = (a: Exchange, b: Exchange) => a.seq - b.seq;

export function logFromSnapshot(view: TabLogView): LogState {
  const exchanges = [...view.exchanges].sort(bySeq);
  return made({
    byId: new Map(exchanges.map((e) => [e.id, e])),
    exchanges,
    markers: view.markers,
    stats: view.stats,
  });
}

/** Applies one batch: cleared, then removed, then upserts (new ids join the end in order). */
export function applyLogChanges(state: LogState, changes: TabLogChanges): LogState {
  const base = changes.cleared ? EMPTY_LOG : state;
  const own = newest.get(base.byId) === base && newest.get(base.exchanges) === base;
  const byId = own ? (base.byId as Map<string, Exchange>) : new Map(base.byId);
  let exchanges = base.exchanges;
  /** Whether `exchanges` is an array made for this version (free to grow in place). */
  let fresh = false;

  if (changes.removed.length > 0) {
    const removed = new Set(changes.removed.filter((id) => byId.delete(id)));
    if (removed.size > 0) {
      exchanges = exchanges.filter((e) => !removed.has(e.id));
      fresh = true;
    }
  }

  const updated = new Set<string>();
  const addedIds = new Set<string>();
  for (const exchange of changes.upserts) {
    if (byId.has(exchange.id)) {
      if (!addedIds.has(exchange.id)) updated.add(exchange.id);
    } else {
      addedIds.add(exchange.id);
    }
    byId.set(exchange.id, exchange);
  }
  if (updated.size > 0) {
    exchanges = exchanges.map((e) => (updated.has(e.id) ? (byId.get(e.id) ?? e) : e));
    fresh = true;
  }

  if (addedIds.size > 0) {
    // A batch may carry one id twice: the later version, read back from byId, wins.
    const added = [...addedIds].map((id) => byId.get(id)).filter((e) => e !== undefined);
    added.sort(bySeq);
    const lastSeq = exchanges[exchanges.length - 1]?.seq ?? -Infinity;
    if ((added[0]?.seq ?? Infinity) <= lastSeq) {
      exchanges = [...exchanges, ...added].sort(bySeq);
      fresh = true;
    } else if (fresh || (own && exchanges === base.exchanges)) {
      // The common case, a slice of new exchanges: the array grows at its end, in place.
      const growing = exchanges as Exchange[];
      for (const exchange of added) growing.push(exchange);
    } else {
      exchanges = [...exchanges, ...added];
      fresh = true;
    }
  }
  // Never share an array with a version this one may not change.
  if (!own && !fresh) exchanges = [...exchanges];

  return made({
    byId,
    exchanges,
    markers: changes.markers.length > 0 ? [...base.markers, ...changes.markers] : base.markers,
    stats: changes.stats ?? base.stats,
  });
}
