import type { Exchange } from '../../capture/exchange';
import type { ExchangeRow } from '../../protocol/exchange-row';
import { isMarker } from '../list/list-row';
import { listRows } from '../list/use-list-rows';
import type { PanelState } from '../store';

/** The rows the list shows right now (filter and "Blocked only" applied), oldest first. */
export function visibleRows(state: PanelState): ExchangeRow[] {
  const { log, ui, listCache } = state;
  return listRows(log, ui.filterText, ui.blockedOnly, listCache).rows.filter(
    (row): row is ExchangeRow => !isMarker(row),
  );
}

/**
 * The whole exchanges behind `rows`, for a report: the list holds rows only, so they are
 * asked of the worker (or taken from the opened report). Those that left the recording
 * meanwhile are left out.
 */
export function wholeExchanges(
  state: PanelState,
  rows: readonly ExchangeRow[],
): Promise<Exchange[]> {
  return state.loadExchanges(rows.map((row) => row.id));
}

/** The inspected page: the tab's latest navigation, else the first exchange's initiator. */
export function inspectedPage(state: PanelState): string | undefined {
  const marker = state.log.markers[state.log.markers.length - 1];
  if (marker) return marker.url;
  return state.log.exchanges[0]?.observation.initiatorOrigin;
}
