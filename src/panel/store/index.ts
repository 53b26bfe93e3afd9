import type { StoreApi } from 'zustand/vanilla';
import { createStore } from 'zustand/vanilla';
import type { ConnectionSlice } from './connection-slice';
import { connectionSlice } from './connection-slice';
import {
  detailsSlice,
  watchDetails,
  type DetailsSlice,
  type FetchExchanges,
} from './details-slice';
import { logSlice, type LogSlice } from './log-slice';
import { uiSlice, type UiSlice } from './ui-slice';

/** The panel's whole state: one store, built from slices (more slices come with features). */
export type PanelState = ConnectionSlice & LogSlice & UiSlice & DetailsSlice;
export type PanelStore = StoreApi<PanelState>;

const noWorker: FetchExchanges = () =>
  Promise.reject(new Error('this panel is not connected to the worker'));

/** `fetch` asks the worker for whole exchanges (the list holds rows only). */
export function createPanelStore(
  tabId: number | null,
  fetch: FetchExchanges = noWorker,
): PanelStore {
  const store = createStore<PanelState>()((...args) => ({
    ...connectionSlice<PanelState>(tabId)(...args),
    ...logSlice<PanelState>()(...args),
    ...uiSlice<PanelState>()(...args),
    ...detailsSlice<PanelState>(fetch)(...args),
  }));
  watchDetails(store, fetch);
  return store;
}
