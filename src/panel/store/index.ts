import type { StoreApi } from 'zustand/vanilla';
import { createStore } from 'zustand/vanilla';
import type { ConnectionSlice } from './connection-slice';
import { connectionSlice } from './connection-slice';
import { logSlice, type LogSlice } from './log-slice';
import { uiSlice, type UiSlice } from './ui-slice';

/** The panel's whole state: one store, built from slices (more slices come with features). */
export type PanelState = ConnectionSlice & LogSlice & UiSlice;
export type PanelStore = StoreApi<PanelState>;

export function createPanelStore(tabId: number | null): PanelStore {
  return createStore<PanelState>()((...args) => ({
    ...connectionSlice<PanelState>(tabId)(...args),
    ...logSlice<PanelState>()(...args),
    ...uiSlice<PanelState>()(...args),
  }));
}
