/**
 * The entries of a browser's HAR are single HTTP requests: this rebuilds the exchanges'
 * shape the way the capture does. Each request is chained with the hops its redirects led
 * to, and each preflight is paired with the hop it was sent for (same URL, the method its
 * Access-Control-Request-Method names, started closest to it).
 *
 * The rules are those of a plain greedy search (every preflight against every hop, in
 * time order; src/report/testing/reference-pairing.ts keeps it as the reference the tests
 * compare with), but a report of 16,000 entries must not cost 16,000² comparisons: the
 * hops are grouped by URL and method, sorted by start time, and the paired ones skipped
 * in near-constant time. Each URL is parsed once.
 */
import { hasHeader, headerValues } from '../cors/headers';
import { parseUrl } from '../cors/url';
import type { RawEntry } from './har-read';
import { methodAfterRedirect } from './hops';
import { Survivors } from './survivors';

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/** The URL as the browser compares it: parsed and serialized, without its fragment. */
export function normalUrl(url: string): string {
  return parseUrl(url)?.href.split('#')[0] ?? url;
}

export function isPreflight(entry: RawEntry): boolean {
  return (
    entry.method.toUpperCase() === 'OPTIONS' &&
    (hasHeader(entry.requestHeaders, 'Access-Control-Request-Method') ||
      entry.resourceType === 'preflight' ||
      entry.initiator?.type === 'preflight')
  );
}

/** Where a redirect response sends the request, resolved against its URL. */
export function redirectTarget(entry: RawEntry): string | undefined {
  if (!REDIRECT_STATUSES.has(entry.status)) return undefined;
  const location =
    entry.redirectURL !== ''
      ? entry.redirectURL
      : headerValues(entry.responseHeaders, 'Location')[0];
  return location === undefined ? undefined : parseUrl(location, entry.url)?.href;
}

/** Start time, then file order (entries without a date keep their place among equals). */
export function byTime(a: RawEntry, b: RawEntry): number {
  const dt = a.startedMs - b.startedMs;
  return Number.isNaN(dt) ? a.index - b.index : dt || a.index - b.index;
}

/**
 * How far a hop is from a preflight: the browser starts the request, then its preflight,
 * so a hop started up to 5 ms after comes before any started later; without dates, the
 * distance in the file.
 */
export function pairingScore(preflight: RawEntry, hop: RawEntry): number {
  const dt = preflight.startedMs - hop.startedMs;
  if (Number.isNaN(dt)) return Math.abs(preflight.index - hop.index);
  return dt >= -5 ? Math.abs(dt) : 1e9 - dt;
}

export interface Pairing {
  /** Each request with the later hops its redirects led to, in time order of their first hop. */
  readonly chains: RawEntry[][];
  /** The preflight of each hop that had one, by the hop's entry index. */
  readonly byHop: Map<number, RawEntry>;
  /** Preflights whose request is not in the file. */
  readonly orphans: RawEntry[];
}

/** Parses each entry's URL once, however often it is compared. */
class UrlKeys {
  private readonly known = new Map<string, string>();
  of(url: string): string {
    let key = this.known.get(url);
    if (key === undefined) {
      key = normalUrl(url);
      this.known.set(url, key);
    }
    return key;
  }
}

/** Map keys that no URL, method or page id can make collide. */
function keyOf(...parts: Array<string | undefined>): string {
  return JSON.stringify(parts);
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

/** The first position in `sorted` whose value is above `value` (`orEqual`: not below it). */
function searchSorted(sorted: Float64Array, value: number, orEqual: boolean): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const at = sorted[mid] ?? 0;
    if (at < value || (!orEqual && at === value)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Each request with the later hops its redirects led to: the first such request after it. */
function chainsOf(requests: readonly RawEntry[], urls: UrlKeys): RawEntry[][] {
  const key = (e: RawEntry, url: string, method: string) =>
    keyOf(urls.of(url), method.toUpperCase(), e.pageref);
  // Positions in `requests` (time order) of the requests to each URL, method and page.
  const positions = new Map<string, number[]>();
  const where = new Int32Array(requests.length);
  requests.forEach((e, position) => {
    const k = key(e, e.url, e.method);
    const list = positions.get(k) ?? [];
    where[position] = list.length;
    list.push(position);
    positions.set(k, list);
  });
  const unused = new Map<string, Survivors>();
  for (const [k, list] of positions) unused.set(k, new Survivors(list.length));
  const use = (position: number) => {
    const e = requests[position];
    if (e) unused.get(key(e, e.url, e.method))?.remove(where[position] ?? -1);
  };
  const used = new Uint8Array(requests.length);
  const chains: RawEntry[][] = [];
  requests.forEach((first, position) => {
    if (used[position]) return;
    used[position] = 1;
    use(position);
    const chain = [first];
    let hop = first;
    let at = position;
    for (;;) {
      const target = redirectTarget(hop);
      if (target === undefined) break;
      const k = key(hop, target, methodAfterRedirect(hop.method, hop.status));
      const list = positions.get(k);
      const alive = unused.get(k);
      if (!list || !alive) break;
      // The first unused request to the target that started after this hop.
      let lo = 0;
      let hi = list.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if ((list[mid] ?? 0) <= at) lo = mid + 1;
        else hi = mid;
      }
      const next = list[alive.nextAlive(lo)];
      const found = next === undefined ? undefined : requests[next];
      if (next === undefined || !found) break;
      used[next] = 1;
      use(next);
      chain.push(found);
      hop = found;
      at = next;
    }
    chains.push(chain);
  });
  return chains;
}

interface Candidate {
  readonly hop: RawEntry;
  /** Its place in the list of hops: the earlier wins a tie. */
  readonly order: number;
}

/**
 * The unpaired hops one preflight may be for (one URL, and one method or any), as three
 * sorted lists: hops with a date by (start, order), hops without one by entry index, and
 * all of them by entry index (for a preflight without a date).
 */
class Pool {
  private readonly timed: Candidate[];
  private readonly times: Float64Array;
  private readonly untimed: Candidate[];
  private readonly untimedIndexes: Float64Array;
  private readonly all: Candidate[];
  private readonly allIndexes: Float64Array;
  private readonly aliveTimed: Survivors;
  private readonly aliveUntimed: Survivors;
  private readonly aliveAll: Survivors;
  /** Entry index → positions in the lists above. */
  private readonly places = new Map<number, { dated: boolean; own: number; inAll: number }>();

  constructor(candidates: readonly Candidate[]) {
    const byIndex = (a: Candidate, b: Candidate) => a.hop.index - b.hop.index;
    this.timed = candidates
      .filter((c) => !Number.isNaN(c.hop.startedMs))
      .sort((a, b) => a.hop.startedMs - b.hop.startedMs || a.order - b.order);
    this.untimed = candidates.filter((c) => Number.isNaN(c.hop.startedMs)).sort(byIndex);
    this.all = [...candidates].sort(byIndex);
    this.times = Float64Array.from(this.timed, (c) => c.hop.startedMs);
    this.untimedIndexes = Float64Array.from(this.untimed, (c) => c.hop.index);
    this.allIndexes = Float64Array.from(this.all, (c) => c.hop.index);
    this.aliveTimed = new Survivors(this.timed.length);
    this.aliveUntimed = new Survivors(this.untimed.length);
    this.aliveAll = new Survivors(this.all.length);
    const inAll = new Map(this.all.map((c, i) => [c.hop.index, i]));
    const place = (dated: boolean) => (c: Candidate, own: number) => {
      this.places.set(c.hop.index, { dated, own, inAll: inAll.get(c.hop.index) ?? -1 });
    };
    this.timed.forEach(place(true));
    this.untimed.forEach(place(false));
  }

  remove(hop: RawEntry): void {
    const place = this.places.get(hop.index);
    if (!place) return;
    (place.dated ? this.aliveTimed : this.aliveUntimed).remove(place.own);
    this.aliveAll.remove(place.inAll);
  }

  /** The unpaired hop with the lowest score for this preflight; the earlier hop on a tie. */
  best(preflight: RawEntry): RawEntry | undefined {
    const found: Candidate[] = [];
    if (Number.isNaN(preflight.startedMs)) {
      this.nearestByIndex(preflight.index, this.all, this.allIndexes, this.aliveAll, found);
    } else {
      this.nearestInTime(preflight.startedMs, found);
      const { untimed, untimedIndexes, aliveUntimed } = this;
      this.nearestByIndex(preflight.index, untimed, untimedIndexes, aliveUntimed, found);
    }
    let best: Candidate | undefined;
    let bestScore = Infinity;
    for (const c of found) {
      const score = pairingScore(preflight, c.hop);
      if (!best || score < bestScore || (score === bestScore && c.order < best.order)) {
        best = c;
        bestScore = score;
      }
    }
    return best?.hop;
  }

  /**
   * The score only grows with the distance in time on each side of the preflight (start
   * times are whole milliseconds), so the best dated hop is the latest one started at or
   * before it or the earliest one after it; among hops started at the same moment, the
   * first in order.
   */
  private nearestInTime(t: number, found: Candidate[]): void {
    const { times, timed, aliveTimed } = this;
    const before = aliveTimed.previousAlive(searchSorted(times, t, false) - 1);
    const latest = times[before];
    if (latest !== undefined) {
      const first = timed[aliveTimed.nextAlive(searchSorted(times, latest, true))];
      if (first) found.push(first);
    }
    const after = timed[aliveTimed.nextAlive(searchSorted(times, t, false))];
    if (after) found.push(after);
  }

  /** Entry indexes are unique: the nearest on each side are the only candidates. */
  private nearestByIndex(
    index: number,
    list: readonly Candidate[],
    indexes: Float64Array,
    alive: Survivors,
    found: Candidate[],
  ): void {
    const at = searchSorted(indexes, index, true);
    const below = list[alive.previousAlive(at - 1)];
    const above = list[alive.nextAlive(at)];
    if (below) found.push(below);
    if (above) found.push(above);
  }
}

/** Pairs each preflight, in time order, with the best hop not yet paired. */
function pairPreflights(
  preflights: readonly RawEntry[],
  hops: readonly RawEntry[],
  urls: UrlKeys,
): { byHop: Map<number, RawEntry>; orphans: RawEntry[] } {
  const candidates = hops.map((hop, order) => ({ hop, order }));
  const byUrl = groupBy(candidates, (c) => keyOf(urls.of(c.hop.url)));
  const byUrlAndMethod = groupBy(candidates, (c) =>
    keyOf(urls.of(c.hop.url), c.hop.method.toUpperCase()),
  );
  const byHop = new Map<number, RawEntry>();
  const orphans: RawEntry[] = [];
  // Built when a preflight first asks: most URLs never have one.
  const pools = new Map<string, Pool>();
  const poolOf = (key: string, group: Map<string, Candidate[]>): Pool | undefined => {
    let pool = pools.get(key);
    if (!pool) {
      const members = group.get(key);
      if (!members) return undefined;
      pool = new Pool(members.filter((c) => !byHop.has(c.hop.index)));
      pools.set(key, pool);
    }
    return pool;
  };
  for (const preflight of preflights) {
    const url = urls.of(preflight.url);
    const method = headerValues(preflight.requestHeaders, 'Access-Control-Request-Method')[0];
    const forUrl = preflight.initiator?.type === 'preflight' ? preflight.initiator.url : undefined;
    // Chrome names the request's URL: every hop of this one has the preflight's URL.
    const named = forUrl === undefined || urls.of(forUrl) === url;
    const key = method === undefined ? keyOf(url) : keyOf(url, method.toUpperCase());
    const best = named
      ? poolOf(key, method === undefined ? byUrl : byUrlAndMethod)?.best(preflight)
      : undefined;
    if (!best) {
      orphans.push(preflight);
      continue;
    }
    byHop.set(best.index, preflight);
    // A hop is in two pools: its URL's, and its URL and method's.
    pools.get(keyOf(url))?.remove(best);
    pools.get(keyOf(url, best.method.toUpperCase()))?.remove(best);
  }
  return { byHop, orphans };
}

/** The exchanges' shape from the entries of a browser's HAR (preflights among them). */
export function pairEntries(entries: readonly RawEntry[]): Pairing {
  const urls = new UrlKeys();
  const sorted = [...entries].sort(byTime);
  const chains = chainsOf(
    sorted.filter((e) => !isPreflight(e)),
    urls,
  );
  const { byHop, orphans } = pairPreflights(sorted.filter(isPreflight), chains.flat(), urls);
  return { chains, byHop, orphans };
}
