import type { Exchange } from '../capture/exchange';
import type { Bridge, BridgeLogger } from '../protocol/bridge';
import { createBridge } from '../protocol/bridge';
import type { BackgroundToPanel, PanelToBackground, RowLogChanges } from '../protocol/messages';
import { backgroundToPanel, PROTOCOL_VERSION } from '../protocol/messages';
import type { ConnectionTransport } from '../protocol/transport';
import { throttle } from './log/render-throttle';
import type { PanelStore } from './store';
import type { FetchExchanges } from './store/details-slice';

/**
 * Least time between two applications of the worker's batches. Each one re-renders and
 * lays out the list: at the worker's 50 ms flushes, a panel open during a flood of requests
 * took most of a core on a 2-core machine (bench: capture overhead, panel open). Ten
 * updates a second still read as live; batches that wait are applied together.
 */
export const CHANGES_INTERVAL_MS = 100;

export interface KeepConnectedOptions {
  tabId: number;
  store: PanelStore;
  /** Opens a new connection to the background (a runtime Port in the extension). May throw. */
  connect: () => ConnectionTransport;
  logger: BridgeLogger;
  /** Wait before reconnection attempt n (0-based). */
  retryDelayMs?: (attempt: number) => number;
}

/** A live connection to the background: commands go to whichever port is current. */
export interface BackgroundLink {
  stop: () => void;
  send: Bridge<PanelToBackground>['send'];
  /** Whole exchanges of the tab's log; fails if the port is down or goes down meanwhile. */
  fetchExchanges: FetchExchanges;
}

/** A `getExchanges` waiting for its answer, gathered slice by slice. */
interface PendingFetch {
  readonly exchanges: Exchange[];
  readonly missing: string[];
  resolve(answer: { exchanges: Exchange[]; missing: string[] }): void;
  reject(error: Error): void;
}

/** Quick first retry (the worker restarts in milliseconds), then back off to 5 s. */
const defaultRetryDelay = (attempt: number) => Math.min(100 * 2 ** attempt, 5000);

/**
 * Keeps the panel connected to the background. The MV3 worker can be stopped
 * at any time, which disconnects the port: the panel shows it and reconnects
 * (connecting wakes the worker). Returns a function that stops for good.
 */
export function keepConnected(options: KeepConnectedOptions): BackgroundLink {
  const { tabId, store, connect, logger } = options;
  const retryDelay = options.retryDelayMs ?? defaultRetryDelay;
  const { setConnection, applySnapshot, applyChanges, applySettings } = store.getState();
  let attempt = 0;
  let stopped = false;
  let current: ConnectionTransport | null = null;
  let currentBridge: Bridge<PanelToBackground> | null = null;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  const pending = new Map<number, PendingFetch>();
  let nextRequestId = 0;
  /** Answers come on the port that was asked: when it goes, so do they. */
  const failPending = (reason: string) => {
    for (const request of pending.values()) request.reject(new Error(reason));
    pending.clear();
  };
  const changes = throttle<RowLogChanges>((batches) => {
    for (const batch of batches) applyChanges(batch);
  }, CHANGES_INTERVAL_MS);

  const scheduleRetry = () => {
    if (stopped) return;
    setConnection({ kind: 'disconnected' });
    retryTimer = setTimeout(open, retryDelay(attempt));
    attempt += 1;
  };

  function open() {
    if (stopped) return;
    let transport: ConnectionTransport;
    try {
      transport = connect();
    } catch (error) {
      logger.warn('[cors-lens] could not connect to the background', error);
      scheduleRetry();
      return;
    }
    current = transport;
    const bridge = createBridge<BackgroundToPanel, PanelToBackground>({
      transport,
      validators: backgroundToPanel,
      logger,
      handlers: {
        welcome({ version, workerStartedAt }) {
          attempt = 0;
          setConnection(
            version === PROTOCOL_VERSION
              ? { kind: 'connected', workerStartedAt }
              : { kind: 'outdated', workerVersion: version },
          );
        },
        snapshot(view) {
          if (view.tabId !== tabId) return;
          // Batches still waiting are older than the snapshot, which holds them.
          changes.drop();
          applySnapshot(view);
        },
        changes(batch) {
          if (batch.tabId === tabId) changes.push(batch);
        },
        settings(settings) {
          applySettings(settings);
        },
        exchanges(answer) {
          const request = pending.get(answer.requestId);
          if (!request || answer.tabId !== tabId) return;
          request.exchanges.push(...answer.exchanges);
          request.missing.push(...answer.missing);
          if (!answer.last) return;
          pending.delete(answer.requestId);
          request.resolve({ exchanges: request.exchanges, missing: request.missing });
        },
      },
    });
    currentBridge = bridge;
    transport.onDisconnect(() => {
      failPending('the connection to the worker was lost');
      bridge.dispose();
      current = null;
      currentBridge = null;
      scheduleRetry();
    });
    bridge.send('hello', { version: PROTOCOL_VERSION, tabId });
  }

  setConnection({ kind: 'connecting' });
  open();

  return {
    stop: () => {
      stopped = true;
      clearTimeout(retryTimer);
      changes.drop();
      failPending('the panel stopped');
      current?.disconnect();
    },
    send: (type, payload) => {
      // While reconnecting a command is dropped: the toolbar reflects the state the background sends.
      currentBridge?.send(type, payload);
    },
    fetchExchanges(ids) {
      const bridge = currentBridge;
      if (!bridge) return Promise.reject(new Error('the worker is not connected'));
      const requestId = nextRequestId++;
      return new Promise((resolve, reject) => {
        pending.set(requestId, { exchanges: [], missing: [], resolve, reject });
        bridge.send('getExchanges', { tabId, requestId, ids: [...ids] });
      });
    },
  };
}
