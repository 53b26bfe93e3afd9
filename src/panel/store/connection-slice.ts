import type { StateCreator } from 'zustand/vanilla';

/** Where the panel stands with the background worker. */
export type Connection =
  /** The URL names no tab to inspect (a tab picker comes later). */
  | { kind: 'no-tab' }
  | { kind: 'connecting' }
  | { kind: 'connected'; workerStartedAt: number }
  /** The worker went away (MV3 stops it when idle); a reconnection is scheduled. */
  | { kind: 'disconnected' }
  /** The worker runs another protocol version: the extension was updated under an open DevTools. */
  | { kind: 'outdated'; workerVersion: number };

export interface ConnectionSlice {
  /** The inspected tab, from the panel URL. */
  tabId: number | null;
  connection: Connection;
  setConnection: (connection: Connection) => void;
}

export function connectionSlice<S extends ConnectionSlice>(
  tabId: number | null,
): StateCreator<S, [], [], ConnectionSlice> {
  return (set) => ({
    tabId,
    connection: tabId === null ? { kind: 'no-tab' } : { kind: 'connecting' },
    setConnection(connection) {
      set({ connection } as Partial<S>);
    },
  });
}
