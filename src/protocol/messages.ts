import type { Guard } from './validate';
import { isFiniteNumber, isNonNegativeInteger, isRecord, isTabId } from './validate';

/**
 * Bumped on any incompatible change. After an update the new worker may meet a
 * panel still running the old code (DevTools stays open): both sides send their
 * version so the panel can ask to be reopened instead of misreading messages.
 */
export const PROTOCOL_VERSION = 1;

/** Name of the runtime Port a panel opens to the background. */
export const PANEL_PORT_NAME = 'cors-lens-panel';

/** Messages the panel sends to the background: name → payload. */
export interface PanelToBackground {
  /** First message on every (re)connection: which tab this panel inspects. */
  hello: { version: number; tabId: number };
}

/** Messages the background sends to a panel: name → payload. */
export interface BackgroundToPanel {
  /** Answer to `hello`. `workerStartedAt` (epoch ms) shows when the worker was restarted. */
  welcome: { version: number; tabId: number; workerStartedAt: number };
}

/** One runtime check per message: adding a message to a map forces adding its validator. */
export type Validators<M> = { [K in keyof M]: Guard<M[K]> };

export const panelToBackground: Validators<PanelToBackground> = {
  hello: (p): p is PanelToBackground['hello'] =>
    isRecord(p) && isNonNegativeInteger(p.version) && isTabId(p.tabId),
};

export const backgroundToPanel: Validators<BackgroundToPanel> = {
  welcome: (p): p is BackgroundToPanel['welcome'] =>
    isRecord(p) &&
    isNonNegativeInteger(p.version) &&
    isTabId(p.tabId) &&
    isFiniteNumber(p.workerStartedAt),
};
