import type { Bridge, BridgeLogger } from '../protocol/bridge';
import { createBridge } from '../protocol/bridge';
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
            bridge.send('changes', { tabId, ...changes });
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
 * Exchanges per message when a whole log is sent. Chrome refuses a port message above
 * 64 MiB, and a log at the 100,000 bound holds hundreds of MiB of JSON: the snapshot
 * carries the first slice, `changes` messages the rest, oldest first.
 */
export const SNAPSHOT_SLICE = 2000;

function sendSnapshot(bridge: Bridge<BackgroundToPanel>, tabId: number, view: TabLogView): void {
  const { exchanges } = view;
  bridge.send('snapshot', { tabId, ...view, exchanges: exchanges.slice(0, SNAPSHOT_SLICE) });
  for (let start = SNAPSHOT_SLICE; start < exchanges.length; start += SNAPSHOT_SLICE) {
    bridge.send('changes', {
      tabId,
      cleared: false,
      removed: [],
      upserts: exchanges.slice(start, start + SNAPSHOT_SLICE),
      markers: [],
      stats: null,
    });
  }
}
