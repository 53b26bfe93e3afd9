import type { StateCreator, StoreApi } from 'zustand/vanilla';
import type { Exchange } from '../../capture/exchange';
import type { ExchangeRow } from '../../protocol/exchange-row';
import type { Connection } from './connection-slice';
import type { LogSlice } from './log-slice';
import type { UiSlice } from './ui-slice';

/** Whole exchanges of the live log by id, in the order asked; `missing`: no longer in the log. */
export interface FetchedExchanges {
  readonly exchanges: readonly Exchange[];
  readonly missing: readonly string[];
}

/** Asks the worker for whole exchanges (the panel's connection does; tests pass their own). */
export type FetchExchanges = (ids: readonly string[]) => Promise<FetchedExchanges>;

/**
 * The whole exchange behind the selected row, for the card. The list holds rows only, so the
 * card's exchange is fetched (or, for an opened report, looked up) when the details show.
 */
export type Details =
  | { readonly kind: 'none' }
  /** On its way. `previous`: this exchange's earlier version, shown meanwhile (no flicker). */
  | { readonly kind: 'loading'; readonly row: ExchangeRow; readonly previous?: Exchange }
  | { readonly kind: 'loaded'; readonly row: ExchangeRow; readonly exchange: Exchange }
  /** The worker no longer holds it (dropped at the bound, or cleared). */
  | { readonly kind: 'gone'; readonly row: ExchangeRow }
  /** The worker could not be asked (it went away); asked again once reconnected. */
  | { readonly kind: 'failed'; readonly row: ExchangeRow; readonly reason: string };

export interface DetailsSlice {
  details: Details;
  /**
   * Whole exchanges for these ids, in order, those gone left out: an opened report's own,
   * else the worker's (for an export of what the list shows).
   */
  loadExchanges: (ids: readonly string[]) => Promise<Exchange[]>;
}

const NONE: Details = { kind: 'none' };

export function detailsSlice<S extends DetailsSlice & LogSlice>(
  fetch: FetchExchanges,
): StateCreator<S, [], [], DetailsSlice> {
  return (_set, get) => ({
    details: NONE,
    async loadExchanges(ids) {
      const { report } = get();
      if (report) {
        return ids.map((id) => report.exchanges.get(id)).filter((e) => e !== undefined);
      }
      if (ids.length === 0) return [];
      return [...(await fetch(ids)).exchanges];
    },
  });
}

type Watched = DetailsSlice & LogSlice & UiSlice & { connection: Connection };

/**
 * Keeps `details` on the selected row while the details are open: loads the whole exchange
 * when the selection moves, when its row changes (a newer version arrived), and again after
 * a failure once the worker is back. Answers that arrive after the selection moved on are
 * dropped.
 */
export function watchDetails<S extends Watched>(store: StoreApi<S>, fetch: FetchExchanges): void {
  let wanted: ExchangeRow | undefined;
  let ticket = 0;
  let lastConnection: Connection | undefined;
  const setDetails = (details: Details) => {
    store.setState({ details } as Partial<S>);
  };

  const sync = (state: S) => {
    const { selectedId, detailsOpen } = state.ui;
    const row = detailsOpen && selectedId !== null ? state.log.byId.get(selectedId) : undefined;
    const reconnected =
      state.connection !== lastConnection && state.connection.kind === 'connected';
    lastConnection = state.connection;
    if (row === wanted && !(reconnected && state.details.kind === 'failed')) return;
    wanted = row;
    const mine = ++ticket;
    if (row === undefined) {
      if (state.details.kind !== 'none') setDetails(NONE);
      return;
    }
    const { report } = state;
    if (report) {
      const exchange = report.exchanges.get(row.id);
      setDetails(exchange ? { kind: 'loaded', row, exchange } : { kind: 'gone', row });
      return;
    }
    const was = state.details;
    const previous =
      was.kind !== 'none' && was.row.id === row.id
        ? was.kind === 'loaded'
          ? was.exchange
          : was.kind === 'loading'
            ? was.previous
            : undefined
        : undefined;
    setDetails(previous ? { kind: 'loading', row, previous } : { kind: 'loading', row });
    fetch([row.id]).then(
      ({ exchanges }) => {
        if (mine !== ticket) return;
        const exchange = exchanges.find((e) => e.id === row.id);
        setDetails(exchange ? { kind: 'loaded', row, exchange } : { kind: 'gone', row });
      },
      (error: unknown) => {
        if (mine !== ticket) return;
        const reason = error instanceof Error ? error.message : String(error);
        setDetails({ kind: 'failed', row, reason });
      },
    );
  };
  store.subscribe(sync);
  sync(store.getState());
}
