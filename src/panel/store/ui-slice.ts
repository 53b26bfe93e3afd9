import type { StateCreator } from 'zustand/vanilla';

/** The list's share of the width beside the details, in percent. */
export const LIST_WIDTH = { min: 20, max: 80, initial: 40 } as const;

/** How the user is looking at the log: filter, selection, details, layout. */
export interface UiState {
  /** The filter box's text (see capture/filter.ts for its syntax). */
  readonly filterText: string;
  readonly blockedOnly: boolean;
  /** The selected exchange's id; it may have left the log since. */
  readonly selectedId: string | null;
  /** Whether the details pane shows the selected exchange. */
  readonly detailsOpen: boolean;
  /** The list's width beside the details, in percent. */
  readonly listWidth: number;
}

export interface UiSlice {
  ui: UiState;
  setFilterText: (filterText: string) => void;
  setBlockedOnly: (blockedOnly: boolean) => void;
  /** Selects an exchange (null: none); `open` also shows its details. */
  select: (id: string | null, options?: { open?: boolean }) => void;
  setDetailsOpen: (open: boolean) => void;
  setListWidth: (percent: number) => void;
}

export const clampListWidth = (percent: number): number =>
  Math.round(Math.min(LIST_WIDTH.max, Math.max(LIST_WIDTH.min, percent)));

export const INITIAL_UI: UiState = {
  filterText: '',
  blockedOnly: false,
  selectedId: null,
  detailsOpen: false,
  listWidth: LIST_WIDTH.initial,
};

export function uiSlice<S extends UiSlice>(): StateCreator<S, [], [], UiSlice> {
  return (set, get) => {
    const update = (patch: Partial<UiState>) => {
      set({ ui: { ...get().ui, ...patch } } as Partial<S>);
    };
    return {
      ui: INITIAL_UI,
      setFilterText: (filterText) => {
        update({ filterText });
      },
      setBlockedOnly: (blockedOnly) => {
        update({ blockedOnly });
      },
      select: (selectedId, options) => {
        update({
          selectedId,
          detailsOpen: selectedId !== null && (options?.open ?? get().ui.detailsOpen),
        });
      },
      setDetailsOpen: (detailsOpen) => {
        update({ detailsOpen: detailsOpen && get().ui.selectedId !== null });
      },
      setListWidth: (percent) => {
        update({ listWidth: clampListWidth(percent) });
      },
    };
  };
}
