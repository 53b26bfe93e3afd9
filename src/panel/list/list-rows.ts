/**
 * The list's rows: the log's exchanges through the filter, with the navigation markers among
 * them (capture/filter.ts says what each means), made so that a log of 100,000 stays fast:
 * - while the log only grows at its end and the filter stays, the rows of the next version
 *   extend the previous ones (a 2,000-exchange slice costs the slice, not the log);
 * - a filter that narrows a recent one (a character typed at the end of the text) only
 *   searches what that one let through;
 * - the work is a job done in steps, so that the panel can spread a long pass over frames.
 */
import type { Exchange } from '../../capture/exchange';
import {
  countByVerdict,
  filterNarrows,
  parseFilter,
  searchTextOf,
  type ExchangeFilter,
  type ListRow,
  type VerdictCounts,
} from '../../capture/filter';
import type { NavigationMarker } from '../../capture/tab-log';
import type { LogState } from '../log/log-state';

/** The rows for one log version and filter, and where they stopped, to be extended. */
export interface Derivation {
  /** What the list shows, oldest first, navigation markers included. */
  readonly rows: readonly ListRow[];
  /** How many exchanges `rows` holds. */
  readonly shown: number;
  readonly filterText: string;
  readonly blockedOnly: boolean;
  readonly filter: ExchangeFilter;
  /** The log's array of exchanges (see LogState: it only grows at its end), and how much of it is in. */
  readonly exchanges: readonly Exchange[];
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
  /** Whether this job makes the rows for this log and filter (it follows the log as it grows). */
  targets: (log: LogState, filterText: string, blockedOnly: boolean) => boolean;
  /** Looks at up to `limit` more exchanges; returns the rows once it has seen them all. */
  step: (limit: number) => Derivation | undefined;
}

/**
 * Each exchange's search text, by position in a log's array of exchanges: looked up once per
 * array rather than once per keystroke (a WeakMap lookup per exchange was a third of a pass).
 * Valid because such an array only grows at its end.
 */
const searchTexts = new WeakMap<readonly Exchange[], string[]>();

function textsOf(exchanges: readonly Exchange[]): string[] {
  let texts = searchTexts.get(exchanges);
  if (!texts) {
    texts = [];
    searchTexts.set(exchanges, texts);
  }
  return texts;
}

/** Whether `d` holds the rows of a prefix of `log`'s exchanges (same array, same markers). */
const isPrefixOf = (d: Derivation, log: LogState) =>
  d.exchanges === log.exchanges &&
  d.consumed <= log.exchanges.length &&
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
  recent: readonly Derivation[] = [],
): RowsJob {
  const usable = recent.filter((d) => isPrefixOf(d, log) && d.blockedOnly === blockedOnly);
  const same = usable.find((d) => d.filterText === filterText);
  const wider = same ? undefined : usable.find((d) => filterNarrows(d.filterText, filterText));

  const filter = same ? same.filter : parseFilter(filterText);
  const narrowed = filter.active || blockedOnly;
  const source = log.exchanges;
  const markers = log.markers;
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
  const texts = filter.searchesText ? textsOf(source) : undefined;
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
    targets: (next, text, blocked) =>
      next.exchanges === source &&
      next.markers === markers &&
      text === filterText &&
      blocked === blockedOnly,
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
  recent: readonly Derivation[] = [],
): Derivation {
  const job = rowsJob(log, filterText, blockedOnly, recent);
  for (;;) {
    const rows = job.step(Number.POSITIVE_INFINITY);
    if (rows) return rows;
  }
}

/** Counts over a log, kept from one version to the next while it only grows. */
export interface LogCounts {
  readonly exchanges: readonly Exchange[];
  readonly consumed: number;
  readonly counts: VerdictCounts;
}

export function countLog(log: LogState, previous?: LogCounts): LogCounts {
  const { exchanges } = log;
  if (previous?.exchanges !== exchanges || previous.consumed > exchanges.length) {
    return { exchanges, consumed: exchanges.length, counts: countByVerdict(exchanges) };
  }
  if (previous.consumed === exchanges.length) return previous;
  const more = countByVerdict(exchanges.slice(previous.consumed));
  const was = previous.counts;
  return {
    exchanges,
    consumed: exchanges.length,
    counts: {
      allowed: was.allowed + more.allowed,
      blocked: was.blocked + more.blocked,
      'not-applicable': was['not-applicable'] + more['not-applicable'],
      unexplained: was.unexplained + more.unexplained,
      pending: was.pending + more.pending,
      total: was.total + more.total,
    },
  };
}
