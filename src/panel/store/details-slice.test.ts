import { describe, expect, it, vi } from 'vitest';
import type { Exchange } from '../../capture/exchange';
import { rowOf } from '../../protocol/exchange-row';
import { logFromSnapshot } from '../log/log-state';
import { manyExchanges, storeWith } from '../list/testing';
import { createPanelStore } from '.';
import type { FetchedExchanges } from './details-slice';

const stats = { tabId: 7, size: 3, dropped: 0, preserveLog: true };

/** A fetch whose answers the test releases one by one. */
function heldFetch() {
  const calls: Array<{
    ids: readonly string[];
    answer: (a: FetchedExchanges) => void;
    fail: (e: Error) => void;
  }> = [];
  const fetch = vi.fn(
    (ids: readonly string[]) =>
      new Promise<FetchedExchanges>((answer, fail) => {
        calls.push({ ids, answer, fail });
      }),
  );
  return { fetch, calls };
}

describe('the selected exchange, whole', () => {
  const exchanges = manyExchanges(3);
  const [a, b] = exchanges;
  if (!a || !b) throw new Error('exchanges missing');

  it('is fetched when its details open, and again when its row changes', async () => {
    const { fetch, calls } = heldFetch();
    const store = createPanelStore(7, fetch);
    store.getState().applySnapshot({ exchanges: exchanges.map(rowOf), markers: [], stats });
    store.getState().select(a.id);
    expect(fetch).not.toHaveBeenCalled();
    store.getState().select(a.id, { open: true });
    expect(store.getState().details.kind).toBe('loading');
    expect(calls.map((c) => c.ids)).toEqual([[a.id]]);
    calls[0]?.answer({ exchanges: [a], missing: [] });
    await vi.waitFor(() =>
      expect(store.getState().details).toMatchObject({ kind: 'loaded', exchange: a }),
    );

    // A newer version: fetched again, the old one shown meanwhile.
    const newer: Exchange = { ...a, finalUrl: 'http://api.test/newer' };
    store.getState().applyChanges({
      cleared: false,
      removed: [],
      upserts: [rowOf(newer)],
      markers: [],
      stats: null,
    });
    expect(store.getState().details).toMatchObject({ kind: 'loading', previous: a });
    calls[1]?.answer({ exchanges: [newer], missing: [] });
    await vi.waitFor(() =>
      expect(store.getState().details).toMatchObject({ kind: 'loaded', exchange: newer }),
    );
  });

  it('drops an answer that arrives after the selection moved on', async () => {
    const { fetch, calls } = heldFetch();
    const store = createPanelStore(7, fetch);
    store.getState().applySnapshot({ exchanges: exchanges.map(rowOf), markers: [], stats });
    store.getState().select(a.id, { open: true });
    store.getState().select(b.id);
    calls[1]?.answer({ exchanges: [b], missing: [] });
    calls[0]?.answer({ exchanges: [a], missing: [] });
    await vi.waitFor(() =>
      expect(store.getState().details).toMatchObject({ kind: 'loaded', exchange: b }),
    );
    await Promise.resolve();
    expect(store.getState().details).toMatchObject({ kind: 'loaded', exchange: b });
    store.getState().setDetailsOpen(false);
    expect(store.getState().details.kind).toBe('none');
  });

  it('says when the worker no longer has it, or could not be asked, and asks again once reconnected', async () => {
    const { fetch, calls } = heldFetch();
    const store = createPanelStore(7, fetch);
    store.getState().applySnapshot({ exchanges: exchanges.map(rowOf), markers: [], stats });
    store.getState().select(a.id, { open: true });
    calls[0]?.answer({ exchanges: [], missing: [a.id] });
    await vi.waitFor(() => expect(store.getState().details.kind).toBe('gone'));

    store.getState().select(b.id);
    calls[1]?.fail(new Error('the connection to the worker was lost'));
    await vi.waitFor(() => expect(store.getState().details.kind).toBe('failed'));
    store.getState().setConnection({ kind: 'disconnected' });
    expect(calls).toHaveLength(2);
    store.getState().setConnection({ kind: 'connected', workerStartedAt: 2 });
    expect(calls.map((c) => c.ids)).toEqual([[a.id], [b.id], [b.id]]);
  });

  it('comes from an opened report without asking the worker, and so do exports', async () => {
    const fetch = vi.fn();
    const store = createPanelStore(7, fetch);
    store
      .getState()
      .openReport(
        { fileName: 'x.har', source: 'chrome', problems: [], exchanges: new Map([[a.id, a]]) },
        logFromSnapshot({ exchanges: [a], markers: [], stats }),
      );
    store.getState().select(a.id, { open: true });
    expect(store.getState().details).toEqual({ kind: 'loaded', row: a, exchange: a });
    expect(await store.getState().loadExchanges([a.id, 'gone'])).toEqual([a]);
    expect(fetch).not.toHaveBeenCalled();
  });

  it('exports ask the worker for the whole exchanges, in order', async () => {
    const store = storeWith(exchanges);
    const ids = exchanges.map((e) => e.id).reverse();
    expect(await store.getState().loadExchanges(ids)).toEqual([...exchanges].reverse());
  });
});
