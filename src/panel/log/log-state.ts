import type { Exchange } from '../../capture/exchange';
import type { NavigationMarker, TabStats } from '../../capture/tab-log';
import type { TabLogChanges, TabLogView } from '../../protocol/messages';

/** The inspected tab's log as the panel holds it: exchanges by id and in recording order. */
export interface LogState {
  readonly byId: ReadonlyMap<string, Exchange>;
  /** Exchange ids, oldest first (by the recorder's sequence). */
  readonly order: readonly string[];
  readonly markers: readonly NavigationMarker[];
  readonly stats: TabStats | null;
}

export const EMPTY_LOG: LogState = { byId: new Map(), order: [], markers: [], stats: null };

export function logFromSnapshot(view: TabLogView): LogState {
  const sorted = [...view.exchanges].sort((a, b) => a.seq - b.seq);
  return {
    byId: new Map(sorted.map((e) => [e.id, e])),
    order: sorted.map((e) => e.id),
    markers: view.markers,
    stats: view.stats,
  };
}

/** Applies one batch: cleared, then removed, then upserts (new ids join the end in order). */
export function applyLogChanges(state: LogState, changes: TabLogChanges): LogState {
  const base = changes.cleared ? EMPTY_LOG : state;
  const byId = new Map(base.byId);
  let order = base.order;
  if (changes.removed.length > 0) {
    const removed = new Set(changes.removed);
    for (const id of removed) byId.delete(id);
    order = order.filter((id) => !removed.has(id));
  }
  const added: Exchange[] = [];
  for (const exchange of changes.upserts) {
    if (!byId.has(exchange.id)) added.push(exchange);
    byId.set(exchange.id, exchange);
  }
  if (added.length > 0) {
    const last =
      order.length > 0 ? (byId.get(order[order.length - 1] ?? '')?.seq ?? -Infinity) : -Infinity;
    added.sort((a, b) => a.seq - b.seq);
    const inOrder = (added[0]?.seq ?? Infinity) > last;
    order = inOrder
      ? [...order, ...added.map((e) => e.id)]
      : [...order, ...added.map((e) => e.id)].sort(
          (a, b) => (byId.get(a)?.seq ?? 0) - (byId.get(b)?.seq ?? 0),
        );
  }
  return {
    byId,
    order,
    markers: changes.markers.length > 0 ? [...base.markers, ...changes.markers] : base.markers,
    stats: changes.stats ?? base.stats,
  };
}
