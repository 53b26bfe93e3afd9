import type { Bridge, BridgeLogger } from '../protocol/bridge';
import { createBridge } from '../protocol/bridge';
import type { BackgroundToPanel, PanelToBackground } from '../protocol/messages';
import { panelToBackground, PROTOCOL_VERSION } from '../protocol/messages';
import type { Transport } from '../protocol/transport';

export interface PanelSessionContext {
  /** Epoch ms when this worker instance started: the panel can tell a restart. */
  workerStartedAt: number;
  logger: BridgeLogger;
}

/**
 * Serves one connected panel. Kept free of browser APIs (it gets a transport)
 * so it is unit-tested in Node with an in-memory transport.
 */
export function servePanel(
  transport: Transport,
  context: PanelSessionContext,
): Bridge<BackgroundToPanel> {
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
      },
    },
  });
  return bridge;
}
