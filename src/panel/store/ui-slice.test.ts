import { describe, expect, it } from 'vitest';
import { createPanelStore } from '.';
import { LIST_WIDTH } from './ui-slice';

describe('the ui slice', () => {
  it('opens details only for a selection, and keeps them open as the selection moves', () => {
    const store = createPanelStore(1);
    const { select, setDetailsOpen } = store.getState();
    setDetailsOpen(true);
    expect(store.getState().ui.detailsOpen).toBe(false);
    select('a');
    expect(store.getState().ui).toMatchObject({ selectedId: 'a', detailsOpen: false });
    select('a', { open: true });
    select('b');
    expect(store.getState().ui).toMatchObject({ selectedId: 'b', detailsOpen: true });
    setDetailsOpen(false);
    expect(store.getState().ui).toMatchObject({ selectedId: 'b', detailsOpen: false });
    select('c', { open: true });
    select(null);
    expect(store.getState().ui).toMatchObject({ selectedId: null, detailsOpen: false });
  });

  it('keeps the list width within bounds', () => {
    const store = createPanelStore(1);
    store.getState().setListWidth(5);
    expect(store.getState().ui.listWidth).toBe(LIST_WIDTH.min);
    store.getState().setListWidth(55.4);
    expect(store.getState().ui.listWidth).toBe(55);
    store.getState().setListWidth(99);
    expect(store.getState().ui.listWidth).toBe(LIST_WIDTH.max);
  });
});
