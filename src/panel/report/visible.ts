import type { Exchange } from '../../capture/exchange';
import { isMarker } from '../../capture/filter';
import { listRows } from '../list/use-list-rows';
import type { PanelState } from '../store';

/** The exchanges the list shows right now (filter and "Blocked only" applied), oldest first. */
export function visibleExchanges(state: PanelState): Exchange[] {
  return listRows(state.log, state.ui.filterText, state.ui.blockedOnly).rows.filter(
    (row): row is Exchange => !isMarker(row),
  );
}

export function allExchanges(state: PanelState): Exchange[] {
  return [...state.log.exchanges];
}

/** The inspected page: the tab's latest navigation, else the first exchange's initiator. */
export function inspectedPage(state: PanelState): string | undefined {
  const marker = state.log.markers[state.log.markers.length - 1];
  if (marker) return marker.url;
  return state.log.exchanges[0]?.observation.initiatorOrigin;
}
