import { useMemo } from 'preact/hooks';
import type { Exchange } from '../../capture/exchange';
import {
  countByVerdict,
  parseFilter,
  withMarkers,
  type ExchangeFilter,
  type ListRow,
  type VerdictCounts,
} from '../../capture/filter';
import type { LogState } from '../log/log-state';

export interface ListRows {
  /** What the list shows, oldest first, navigation markers included. */
  readonly rows: readonly ListRow[];
  /** How many exchanges `rows` holds. */
  readonly shown: number;
  readonly filter: ExchangeFilter;
  /** Counts over the whole log, whatever the filter. */
  readonly counts: VerdictCounts;
}

/**
 * The log's exchanges in order and their counts, once per log version: a filter keystroke
 * then pays only for the filter (at 100,000 exchanges this halved a keystroke's work).
 */
const perLog = new WeakMap<LogState, { exchanges: Exchange[]; counts: VerdictCounts }>();

function exchangesOf(log: LogState): { exchanges: Exchange[]; counts: VerdictCounts } {
  let found = perLog.get(log);
  if (!found) {
    const exchanges = log.order
      .map((id) => log.byId.get(id))
      .filter((e): e is Exchange => e !== undefined);
    found = { exchanges, counts: countByVerdict(exchanges) };
    perLog.set(log, found);
  }
  return found;
}

export function listRows(log: LogState, filterText: string, blockedOnly: boolean): ListRows {
  const { exchanges, counts } = exchangesOf(log);
  const filter = parseFilter(filterText);
  const narrowed = filter.active || blockedOnly;
  const visible = narrowed
    ? exchanges.filter(
        (e) => (!blockedOnly || e.verdict.status === 'blocked') && filter.predicate(e),
      )
    : exchanges;
  return {
    rows: withMarkers(visible, log.markers, { dropEmptySections: narrowed }),
    shown: visible.length,
    filter,
    counts,
  };
}

/** The list's rows for the current log and filter, recomputed only when one of them changes. */
export function useListRows(log: LogState, filterText: string, blockedOnly: boolean): ListRows {
  return useMemo(() => listRows(log, filterText, blockedOnly), [log, filterText, blockedOnly]);
}
