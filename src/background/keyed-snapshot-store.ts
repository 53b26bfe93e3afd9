import {
  idsListedIn,
  joinSnapshot,
  listedExchangeIds,
  type SnapshotDelta,
  type SnapshotHead,
} from '../capture/snapshot-parts';
import { isRecord } from '../capture/guards';

/** The part of a storage area the recording needs (storage.session in the extension). */
export interface KeyValueArea {
  getAll(): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string[]): Promise<void>;
}

/** Where the recording survives a stopped worker. */
export interface SnapshotStore {
  /** The whole stored snapshot (unvalidated JSON), or undefined when there is none. */
  load(): Promise<unknown>;
  save(delta: SnapshotDelta): Promise<void>;
}

export const HEAD_KEY = 'cors-lens:recording:head';
const BODY_PREFIX = 'cors-lens:exchange:';
const OUR_PREFIX = 'cors-lens:';

export const bodyKey = (id: string): string => `${BODY_PREFIX}${id}`;

/**
 * storage.session holds 10 MiB per extension (QUOTA_BYTES), counted as Chromium's
 * estimate of its in-memory values. Values are stored as JSON strings, whose estimate is
 * close to their length (a nested object costs two to three times its JSON size), and
 * the recording keeps under this budget with room to spare for the estimate's overheads.
 */
export const DEFAULT_BUDGET_BYTES = 8 * 2 ** 20;
/** What a key costs beyond its text, roughly (the map node and the value's header). */
const PER_ITEM_BYTES = 96;

function utf8Length(text: string): number {
  // Header values are almost always ASCII: skip the encoder then.
  // eslint-disable-next-line no-control-regex
  return /^[\x00-\x7f]*$/.test(text) ? text.length : new TextEncoder().encode(text).length;
}

function cost(key: string, json: string): number {
  return key.length + utf8Length(json) + PER_ITEM_BYTES;
}

function parseJson(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return undefined;
  }
}

interface StoredBody {
  readonly seq: number;
  readonly bytes: number;
}

/**
 * Keeps the recording as a head plus one key per exchange, so a save writes the head
 * and the exchanges that changed instead of megabytes each time. The head and the
 * bodies it newly lists go in one `set`, so what a stopped worker leaves is whole;
 * bodies the head no longer lists are removed after it (or at the next load).
 *
 * When the bodies would not fit the budget, the oldest exchanges (by sequence, across
 * tabs) are not stored: the live log keeps them, and a worker that restarts counts them
 * as dropped, as the log does when it reaches its bound.
 */
export function keyedSnapshotStore(
  area: KeyValueArea,
  budgetBytes = DEFAULT_BUDGET_BYTES,
): SnapshotStore {
  /** Exchange bodies in the area, as far as this worker knows. */
  const stored = new Map<string, StoredBody>();
  /** Listed exchanges left out for the budget; not written again while they stay listed. */
  const evicted = new Set<string>();

  return {
    async load(): Promise<unknown> {
      const all = await area.getAll();
      stored.clear();
      evicted.clear();
      const head = parseJson(all[HEAD_KEY]);
      const listed = idsListedIn(head);
      const bodies = new Map<string, unknown>();
      const garbage: string[] = [];
      for (const [key, value] of Object.entries(all)) {
        if (!key.startsWith(OUR_PREFIX) || key === HEAD_KEY) continue;
        const id = key.slice(BODY_PREFIX.length);
        const body = key.startsWith(BODY_PREFIX) && listed.has(id) ? parseJson(value) : undefined;
        if (body === undefined) {
          // Bodies no head lists (a save cut short, an older format) are garbage.
          garbage.push(key);
          continue;
        }
        bodies.set(id, body);
        const seq = isRecord(body) && typeof body.seq === 'number' ? body.seq : 0;
        stored.set(id, { seq, bytes: cost(key, typeof value === 'string' ? value : '') });
      }
      if (garbage.length > 0) await area.remove(garbage);
      return head === undefined ? undefined : joinSnapshot(head, (id) => bodies.get(id));
    },

    async save(delta: SnapshotDelta): Promise<void> {
      const listed = new Set(listedExchangeIds(delta.head));
      for (const id of evicted) if (!listed.has(id)) evicted.delete(id);

      const writes = new Map<string, { json: string; body: StoredBody }>();
      for (const { id, seq, json } of delta.changed) {
        if (evicted.has(id)) continue;
        writes.set(id, { json, body: { seq, bytes: cost(bodyKey(id), json) } });
      }
      const bodyOf = (id: string) => writes.get(id)?.body ?? stored.get(id);
      const kept = [...listed].filter((id) => !evicted.has(id) && bodyOf(id) !== undefined);
      let total = kept.reduce((sum, id) => sum + (bodyOf(id)?.bytes ?? 0), 0);
      let headJson = JSON.stringify(withoutEvicted(delta.head, evicted));
      total += cost(HEAD_KEY, headJson);
      if (total > budgetBytes) {
        kept.sort((a, b) => (bodyOf(a)?.seq ?? 0) - (bodyOf(b)?.seq ?? 0));
        for (const id of kept) {
          if (total <= budgetBytes) break;
          total -= bodyOf(id)?.bytes ?? 0;
          evicted.add(id);
          writes.delete(id);
        }
        headJson = JSON.stringify(withoutEvicted(delta.head, evicted));
      }

      const items: Record<string, unknown> = { [HEAD_KEY]: headJson };
      for (const [id, { json }] of writes) items[bodyKey(id)] = json;
      await area.set(items);
      for (const [id, { body }] of writes) stored.set(id, body);
      const stale = [...stored.keys()].filter((id) => !listed.has(id) || evicted.has(id));
      if (stale.length === 0) return;
      await area.remove(stale.map(bodyKey));
      for (const id of stale) stored.delete(id);
    },
  };
}

/** The head as stored: exchanges left out for the budget are counted as dropped instead. */
function withoutEvicted(head: SnapshotHead, evicted: ReadonlySet<string>): SnapshotHead {
  if (evicted.size === 0) return head;
  return {
    ...head,
    tabs: head.tabs.map((tab) => {
      const exchangeIds = tab.exchangeIds.filter((id) => !evicted.has(id));
      const left = tab.exchangeIds.length - exchangeIds.length;
      return left === 0 ? tab : { ...tab, exchangeIds, dropped: tab.dropped + left };
    }),
  };
}
