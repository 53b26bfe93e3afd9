/**
 * The list's rows: the log's exchanges through the filter, with the navigation markers among
 * them (capture/filter.ts says what each means), made so that a log of 100,000 stays fast:
 * - while the log only grows at its end and the filter stays, the rows of the next version
 *   extend the previous ones (a 2,000-exchange slice costs the slice, not the log);
 * - a filter that narrows a recent one (a character typed at the end of the text) only
 *   searches what that one let through;
 * - the work is a job done in steps, so that the panel can spread a long pass over frames.
 */
import {
  countByVerdict,
  filterNarrows,
  parseFilter,
  searchTextOf,
  type ExchangeFilter,
  type VerdictCounts,
} from '../../capture/filter';
import type { NavigationMarker } from '../../capture/tab-log';
import type { ExchangeRow, Lineage, LogState } from '../log/log-state';
import type { ListRow } from './list-row';

/** The rows for one log version and filter, and where they stopped, to be extended. */
export interface Derivation {
  /** What the list shows, oldest first, navigation markers included. */
  readonly rows: readonly ListRow[];
  /** How many exchanges `rows` holds. */
  readonly shown: number;
  readonly filterText: string;
  readonly blockedOnly: boolean;
  readonly filter: ExchangeFilter;
  /** The log version's rows and lineage (see LogState), and how many of them are in. */
  readonly exchanges: readonly ExchangeRow[];
  readonly lineage: Lineage | undefined;
  readonly consumed: number;
  readonly markers: readonly NavigationMarker[];
  /** `markers` by seq, and the first one not placed yet. */
  readonly sortedMarkers: readonly NavigationMarker[];
  readonly nextMarker: number;
  /**
   * `rows` without the markers after the last exchange shown. Grows in place as the rows are
   * extended: only the derivation whose `bodyLength` is still its length may extend it.
   */
  readonly body: ListRow[];
  readonly bodyLength: number;
  /** The positions in `exchanges` of the exchanges shown (grows with `body`). */
  readonly shownAt: number[];
}

/** Making the rows for a log and filter, a bounded number of exchanges at a time. */
export interface RowsJob {
  readonly filter: ExchangeFilter;
  /**
   * Whether this job makes the rows for this log and filter. A later version of the same
   * lineage is followed: the job goes on over its rows from where it was.
   */
  follow: (log: LogState, filterText: string, blockedOnly: boolean) => boolean;
  /** Looks at up to `limit` more exchanges; returns the rows once it has seen them all. */
  step: (limit: number) => Derivation | undefined;
}

/**
 * What the list keeps from one derivation to the next, for one store (the panel's, or a
 * test's): recent derivations to start from, each row's search text, the counts. The store
 * owns it (PanelState.listCache); only this module and use-list-rows.ts touch it.
 */
export class RowsCache {
  /** Recent derivations, newest first (see remember). */
  recent: readonly Derivation[] = [];
  counts: LogCounts | undefined;
  /**
   * Each row's search text, by position in a lineage's rows: looked up once per lineage rather
   * than once per keystroke (a WeakMap lookup per exchange was a third of a pass). Valid
   * because within a lineage rows only join at the end.
   */
  private readonly texts = new WeakMap<object, string[]>();

  textsOf(log: { lineage?: Lineage | undefined; exchanges: readonly ExchangeRow[] }): string[] {
    const key: object = log.lineage ?? log.exchanges;
    let texts = this.texts.get(key);
    if (!texts) {
      texts = [];
      this.texts.set(key, texts);
    }
    return texts;
  }

  /** A few derivations suffice: each holds up to one array of the log's size. */
  static readonly RECENT = 4;

  remember(derivation: Derivation): Derivation {
    // Only those over the same lineage can help: keeping others would keep a cleared log of
    // 100,000 exchanges in memory.
    const same = (d: Derivation) =>
      derivation.lineage === undefined
        ? d.exchanges === derivation.exchanges
        : d.lineage === derivation.lineage;
    this.recent = [
      derivation,
      ...this.recent.filter((d) => d !== derivation && d.body !== derivation.body && same(d)),
    ].slice(0, RowsCache.RECENT);
    return derivation;
  }

  countsOf(log: LogState): VerdictCounts {
    this.counts = countLog(log, this.counts);
    return this.counts.counts;
  }
}

/** Whether `log` holds `exchanges` at its start (same lineage, or the very same array). */
const startsWith = (
  log: LogState,
  lineage: Lineage | undefined,
  exchanges: readonly ExchangeRow[],
  count: number,
) =>
  count <= log.exchanges.length &&
  (lineage === undefined ? log.exchanges === exchanges : log.lineage === lineage);

/** Whether `d` holds the rows of a prefix of `log`'s exchanges (same lineage, same markers). */
const isPrefixOf = (d: Derivation, log: LogState) =>
  startsWith(log, d.lineage, d.exchanges, d.consumed) &&
  d.markers === log.markers &&
  d.body.length === d.bodyLength;

/**
 * A job making the rows of `log` with this filter. It starts from the best of `recent`
 * derivations: the same filter over a prefix of the log (extended), or a filter this one
 * narrows (only what it let through searched), else from nothing.
 */
export function rowsJob(
  log: LogState,
  filterText: string,
  blockedOnly: boolean,
  cache: RowsCache = new RowsCache(),
): RowsJob {
  const usable = cache.recent.filter((d) => isPrefixOf(d, log) && d.blockedOnly === blockedOnly);
  const same = usable.find((d) => d.filterText === filterText);
  const wider = same ? undefined : usable.find((d) => filterNarrows(d.filterText, filterText));

  const filter = same ? same.filter : parseFilter(filterText);
  const narrowed = filter.active || blockedOnly;
  /** The newest version of the log followed so far (same lineage). */
  let source = log.exchanges;
  const { lineage, markers } = log;
  const sortedMarkers = same ? same.sortedMarkers : [...markers].sort((a, b) => a.seq - b.seq);
  /** Positions to search before the rest of the log: those the wider filter let through. */
  const first = wider?.shownAt ?? [];
  // That array may grow past what `wider` showed; the rest is searched from the log.
  const firstEnd = wider?.shown ?? 0;
  let inFirst = 0;
  let inSource = same?.consumed ?? wider?.consumed ?? 0;
  let body = same ? same.body : [];
  let shownAt = same ? same.shownAt : [];
  /** How long `body` was when this job last added to it. */
  let bodyLength = body.length;
  let nextMarker = same ? same.nextMarker : 0;
  let done: Derivation | undefined = same;

  /** Shows the exchange at `index` if the filter lets it through, after the markers before it. */
  const texts = filter.searchesText ? cache.textsOf(log) : undefined;
  const consider = (index: number) => {
    const exchange = source[index];
    if (exchange === undefined) return;
    if (narrowed) {
      if (blockedOnly && exchange.verdict.status !== 'blocked') return;
      let text: string | undefined;
      if (texts !== undefined) {
        // Filled in order, as the log is searched; out of order, the filter looks it up.
        if (index < texts.length) text = texts[index];
        else if (index === texts.length) texts.push((text = searchTextOf(exchange)));
      }
      if (!filter.predicate(exchange, text)) return;
    }
    let last: NavigationMarker | undefined;
    let m = nextMarker;
    for (let next = sortedMarkers[m]; next !== undefined && next.seq < exchange.seq;) {
      // Unfiltered, every marker shows; filtered, only the last before a shown exchange.
      if (!narrowed) body.push(next);
      last = next;
      next = sortedMarkers[++m];
    }
    nextMarker = m;
    if (narrowed && last !== undefined) body.push(last);
    body.push(exchange);
    shownAt.push(index);
  };

  /** Starts over on arrays of its own, the log searched from its start. */
  const restart = () => {
    body = [];
    shownAt = [];
    bodyLength = 0;
    nextMarker = 0;
    inFirst = firstEnd;
    inSource = 0;
    done = undefined;
  };

  return {
    filter,
    follow(next, text, blocked) {
      const ok =
        text === filterText &&
        blocked === blockedOnly &&
        next.markers === markers &&
        startsWith(next, lineage, source, source.length);
      if (ok) source = next.exchanges;
      return ok;
    },
    step(limit) {
      // Another job extended the rows this one started from: what it knows is stale.
      if (body.length !== bodyLength) restart();
      let budget = limit;
      const end = source.length;
      while (inFirst < firstEnd && budget > 0) {
        consider(first[inFirst] ?? -1);
        inFirst++;
        budget--;
      }
      while (inSource < end && budget > 0) {
        consider(inSource);
        inSource++;
        budget--;
      }
      bodyLength = body.length;
      if (inFirst < firstEnd || inSource < end) return undefined;
      if (done?.consumed !== inSource || done.bodyLength !== body.length) {
        // Markers after the last exchange show only in the unfiltered list (an empty section).
        const trailing = narrowed ? [] : sortedMarkers.slice(nextMarker);
        done = {
          // A new array per version: the list follows new rows by the array's identity.
          rows: body.concat(trailing),
          shown: shownAt.length,
          filterText,
          blockedOnly,
          filter,
          exchanges: source,
          lineage,
          consumed: inSource,
          markers,
          sortedMarkers,
          nextMarker,
          body,
          bodyLength: body.length,
          shownAt,
        };
      }
      return done;
    },
  };
}

/** The rows of `log` with this filter, all at once (see rowsJob). */
export function deriveRows(
  log: LogState,
  filterText: string,
  blockedOnly: boolean,
  cache: RowsCache = new RowsCache(),
): Derivation {
  const job = rowsJob(log, filterText, blockedOnly, cache);
  for (;;) {
    const rows = job.step(Number.POSITIVE_INFINITY);
    if (rows) return rows;
  }
}

/** Counts over a log, kept from one version to the next while it only grows. */
export interface LogCounts {
  readonly exchanges: readonly ExchangeRow[];
  readonly lineage: Lineage | undefined;
  readonly consumed: number;
  readonly counts: VerdictCounts;
}

export function countLog(log: LogState, previous?: LogCounts): LogCounts {
  const { exchanges, lineage } = log;
  if (!previous || !startsWith(log, previous.lineage, previous.exchanges, previous.consumed)) {
    return { exchanges, lineage, consumed: exchanges.length, counts: countByVerdict(exchanges) };
  }
  if (previous.consumed === exchanges.length) return previous;
  const more = countByVerdict(exchanges.slice(previous.consumed));
  const was = previous.counts;
  return {
    exchanges,
    lineage,
    consumed: exchanges.length,
    counts: {
      allowed: was.allowed + more.allowed,
      blocked: was.blocked + more.blocked,
      'not-applicable': was['not-applicable'] + more['not-applicable'],
      failed: was.failed + more.failed,
      unexplained: was.unexplained + more.unexplained,
      pending: was.pending + more.pending,
      total: was.total + more.total,
    },
  };
}
