import type { Exchange } from '../capture/exchange';
import type { Bridge, BridgeLogger } from '../protocol/bridge';
import { createBridge } from '../protocol/bridge';
import { rowOf } from '../protocol/exchange-row';
import type {
  BackgroundToPanel,
  PanelToBackground,
  RecordingSettings,
  TabLogChanges,
  TabLogView,
} from '../protocol/messages';
import { panelToBackground, PROTOCOL_VERSION } from '../protocol/messages';
import type { ConnectionTransport } from '../protocol/transport';

/** What a panel needs from the recording: its tab's log, its changes, and the toolbar's actions. */
export interface TabLogSource {
  /** Resolves once the log is what it was before the worker stopped (restored from storage). */
  whenReady(): Promise<void>;
  view(tabId: number): TabLogView;
  /** Calls `listener` with each batch of changes to the tab's log; returns an unsubscribe. */
  subscribe(tabId: number, listener: (changes: TabLogChanges) => void): () => void;
  /** The exchange with this id if it is in the tab's log now. */
  exchange(tabId: number, id: string): Exchange | undefined;
  clear(tabId: number): void;
  setPreserveLog(tabId: number, preserve: boolean): void;
}

/** The recording settings as a panel sees them. */
export interface SettingsSource {
  current(): RecordingSettings;
  update(patch: Partial<RecordingSettings>): void;
  subscribe(listener: (settings: RecordingSettings) => void): () => void;
}

export interface PanelSessionContext {
  /** Epoch ms when this worker instance started: the panel can tell a restart. */
  workerStartedAt: number;
  logger: BridgeLogger;
  logs: TabLogSource;
  settings: SettingsSource;
}

/**
 * Serves one connected panel: welcome and the tab's whole log on hello, then batched
 * changes until the port closes. Kept free of browser APIs (it gets a transport) so it
 * is unit-tested in Node with an in-memory transport.
 */
export function servePanel(
  transport: ConnectionTransport,
  context: PanelSessionContext,
): Bridge<BackgroundToPanel> {
  let unsubscribe: (() => void) | undefined;
  let unsubscribeSettings: (() => void) | undefined;
  let closed = false;
  const bridge = createBridge<PanelToBackground, BackgroundToPanel>({
    transport,
    validators: panelToBackground,
    logger: context.logger,
    handlers: {
      hello({ version, tabId }) {
        if (version !== PROTOCOL_VERSION) {
          context.logger.warn(
            `[cors-lens] panel speaks protocol ${version}, worker ${PROTOCOL_VERSION}`,
          );
        }
        // Always answer with our version: a mismatched panel shows "reopen DevTools".
        bridge.send('welcome', {
          version: PROTOCOL_VERSION,
          tabId,
          workerStartedAt: context.workerStartedAt,
        });
        if (version !== PROTOCOL_VERSION) return;
        // A panel may be what woke the worker: send the log once it is restored, not an empty one.
        void context.logs.whenReady().then(() => {
          if (closed) return;
          unsubscribe?.();
          unsubscribeSettings?.();
          bridge.send('settings', context.settings.current());
          unsubscribeSettings = context.settings.subscribe((settings) => {
            bridge.send('settings', settings);
          });
          sendSnapshot(bridge, tabId, context.logs.view(tabId));
          unsubscribe = context.logs.subscribe(tabId, (changes) => {
            bridge.send('changes', { tabId, ...changes, upserts: changes.upserts.map(rowOf) });
          });
        });
      },
      clearLog({ tabId }) {
        context.logs.clear(tabId);
      },
      setPreserveLog({ tabId, preserve }) {
        context.logs.setPreserveLog(tabId, preserve);
      },
      updateSettings(patch) {
        context.settings.update(patch);
      },
      getExchanges({ tabId, requestId, ids }) {
        // Answered even to a panel that has not said hello yet: it only reads what is recorded.
        void context.logs.whenReady().then(() => {
          if (!closed) sendExchanges(bridge, context.logs, tabId, requestId, ids);
        });
      },
    },
  });
  transport.onDisconnect(() => {
    closed = true;
    unsubscribe?.();
    unsubscribe = undefined;
    unsubscribeSettings?.();
    unsubscribeSettings = undefined;
    bridge.dispose();
  });
  return bridge;
}

/**
 * Rows per message when a whole log is sent. Chrome refuses a port message above 64 MiB;
 * slices also let the panel show the first rows while the rest arrives: the snapshot
 * carries the first slice, `changes` messages the rest, oldest first.
 */
export const SNAPSHOT_SLICE = 2000;

/**
 * Whole exchanges per `exchanges` message: a few kilobytes each (tens with long headers),
 * so a slice stays far below the port's 64 MiB.
 */
export const EXCHANGES_SLICE = 500;

function sendSnapshot(bridge: Bridge<BackgroundToPanel>, tabId: number, view: TabLogView): void {
  const { exchanges } = view;
  const rows = (start: number) => exchanges.slice(start, start + SNAPSHOT_SLICE).map(rowOf);
  bridge.send('snapshot', { tabId, ...view, exchanges: rows(0) });
  for (let start = SNAPSHOT_SLICE; start < exchanges.length; start += SNAPSHOT_SLICE) {
    bridge.send('changes', {
      tabId,
      cleared: false,
      removed: [],
      upserts: rows(start),
      markers: [],
      stats: null,
    });
  }
}

function sendExchanges(
  bridge: Bridge<BackgroundToPanel>,
  logs: TabLogSource,
  tabId: number,
  requestId: number,
  ids: readonly string[],
): void {
  let exchanges: Exchange[] = [];
  let missing: string[] = [];
  const flush = (last: boolean) => {
    bridge.send('exchanges', { tabId, requestId, exchanges, missing, last });
    exchanges = [];
    missing = [];
  };
  for (const id of ids) {
    const exchange = logs.exchange(tabId, id);
    if (exchange) exchanges.push(exchange);
    else missing.push(id);
    if (exchanges.length >= EXCHANGES_SLICE) flush(false);
  }
  flush(true);
}
