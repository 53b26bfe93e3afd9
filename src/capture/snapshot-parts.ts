/**
 * The snapshot in parts, so a save writes only what changed: a small head (tabs,
 * pending requests, tombstones, the preflight cache, and each tab's exchange ids in
 * order) and one body per exchange. Rewriting the whole recording on every save cost
 * the worker most of its time under load (bench/latest.md, capture overhead); with
 * parts a save costs the head plus the exchanges that changed since the last one.
 */
import { isRecord, isString } from './guards';
import type { RecorderSnapshot, TabSnapshot } from './snapshot';

export interface TabSnapshotHead extends Omit<TabSnapshot, 'exchanges'> {
  /** Oldest first: the order of the tab's log. */
  readonly exchangeIds: readonly string[];
}

export interface SnapshotHead extends Omit<RecorderSnapshot, 'tabs'> {
  readonly tabs: readonly TabSnapshotHead[];
}

/** One exchange's snapshot as JSON text: what storage keeps, made once. */
export interface SerializedExchange {
  readonly id: string;
  readonly seq: number;
  /** JSON of an ExchangeSnapshot. */
  readonly json: string;
}

export interface SnapshotDelta {
  readonly head: SnapshotHead;
  /** The exchanges changed since the last delta (all of them in a full one). */
  readonly changed: readonly SerializedExchange[];
  /** Whether `changed` holds every exchange the head lists. */
  readonly full: boolean;
}

/** Every exchange id the head lists, in log order. */
export function listedExchangeIds(head: SnapshotHead): string[] {
  return head.tabs.flatMap((tab) => [...tab.exchangeIds]);
}

/** The exchange ids a stored (unvalidated) head lists; none if it is malformed. */
export function idsListedIn(head: unknown): Set<string> {
  const ids = new Set<string>();
  if (!isRecord(head) || !Array.isArray(head.tabs)) return ids;
  for (const tab of head.tabs as unknown[]) {
    if (!isRecord(tab) || !Array.isArray(tab.exchangeIds)) continue;
    for (const id of tab.exchangeIds as unknown[]) if (isString(id)) ids.add(id);
  }
  return ids;
}

/**
 * The whole snapshot from a stored head and a lookup of stored bodies. Ids without a
 * body (a write that never finished) are left out; anything malformed is passed on
 * as it is, for parseSnapshot to name what is wrong.
 */
export function joinSnapshot(head: unknown, body: (id: string) => unknown): unknown {
  if (!isRecord(head) || !Array.isArray(head.tabs)) return head;
  const tabs = head.tabs.map((tab: unknown) => {
    if (!isRecord(tab) || !Array.isArray(tab.exchangeIds)) return tab;
    const { exchangeIds, ...rest } = tab;
    const exchanges = exchangeIds.flatMap((id: unknown) => {
      if (!isString(id)) return [id];
      const found = body(id);
      return found === undefined ? [] : [found];
    });
    return { ...rest, exchanges };
  });
  return { ...head, tabs };
}
