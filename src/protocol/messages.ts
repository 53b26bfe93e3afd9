import type { Exchange } from '../capture/exchange';
import type { NavigationMarker, TabStats } from '../capture/tab-log';
import type { ExchangeRow } from './exchange-row';
import { isExchangeRow } from './exchange-row';
import type { Guard } from './validate';
import {
  isBoolean,
  isFiniteNumber,
  isNonNegativeInteger,
  isRecord,
  isTabId,
  isArrayOf,
  isString,
} from './validate';

/**
 * Bumped on any incompatible change. After an update the new worker may meet a
 * panel still running the old code (DevTools stays open): both sides send their
 * version so the panel can ask to be reopened instead of misreading messages.
 */
export const PROTOCOL_VERSION = 3;

/** Name of the runtime Port a panel opens to the background. */
export const PANEL_PORT_NAME = 'cors-lens-panel';

/** Messages the panel sends to the background: name → payload. */
export interface PanelToBackground {
  /** First message on every (re)connection: which tab this panel inspects. */
  hello: { version: number; tabId: number };
  /** Empty the tab's log (the toolbar's Clear). */
  clearLog: { tabId: number };
  /** Keep the log across navigations of this tab, as DevTools' "Preserve log". */
  setPreserveLog: { tabId: number; preserve: boolean };
  /** Change recording settings (all tabs). */
  updateSettings: Partial<RecordingSettings>;
  /**
   * Whole exchanges of the tab's log, by id: the selected one for its card, or all of them
   * for an export (the list holds rows only). Answered by `exchanges` with the same
   * `requestId`, in slices.
   */
  getExchanges: { tabId: number; requestId: number; ids: string[] };
}

/** Settings of the recording, kept in storage.local. */
export interface RecordingSettings {
  /**
   * Record only tabs whose CORS panel is open. Off by default: recording every tab is what
   * lets a panel opened after a failure still show it.
   */
  recordOnlyWithPanelOpen: boolean;
  /** Exchanges kept per tab; older ones are dropped and counted. */
  maxExchangesPerTab: number;
  /**
   * Keep cookie, Authorization and token values as the browser sent them, for exports and
   * curl commands with secrets. Off by default: they are replaced by markers (presence and
   * length) before the worker keeps anything, in memory or in storage.session.
   */
  keepSecretValues: boolean;
  /**
   * Run the page probe (src/probe) in recorded pages: it reads each fetch() and XHR call's
   * mode, credentials and outcome, which webRequest cannot see. Off: verdicts infer them,
   * as without the probe.
   */
  pageProbe: boolean;
}

export const DEFAULT_SETTINGS: RecordingSettings = {
  recordOnlyWithPanelOpen: false,
  maxExchangesPerTab: 5000,
  keepSecretValues: false,
  pageProbe: true,
};

/** The bound's range: a handful is useless, and beyond 100,000 the worker's memory is at stake. */
export const MAX_EXCHANGES_RANGE = { min: 100, max: 100_000 } as const;

const isExchangeBound = (value: unknown): value is number =>
  isNonNegativeInteger(value) &&
  value >= MAX_EXCHANGES_RANGE.min &&
  value <= MAX_EXCHANGES_RANGE.max;

/** One check per setting: adding a setting forces adding its check. */
const SETTING_GUARDS: { [K in keyof RecordingSettings]: Guard<RecordingSettings[K]> } = {
  recordOnlyWithPanelOpen: isBoolean,
  maxExchangesPerTab: isExchangeBound,
  keepSecretValues: isBoolean,
  pageProbe: isBoolean,
};

const SETTING_KEYS = Object.keys(SETTING_GUARDS) as Array<keyof RecordingSettings>;

/**
 * The known settings of a stored or sent object, each kept only if valid: unknown keys are
 * dropped (a newer or forged writer cannot grow what is stored), invalid values are named.
 */
export function readSettings(value: unknown): {
  settings: Partial<RecordingSettings>;
  invalid: string[];
  unknown: string[];
} {
  const settings: Partial<Record<keyof RecordingSettings, unknown>> = {};
  const invalid: string[] = [];
  if (!isRecord(value)) return { settings: {}, invalid: [], unknown: [] };
  for (const key of SETTING_KEYS) {
    if (value[key] === undefined) continue;
    if (SETTING_GUARDS[key](value[key])) settings[key] = value[key];
    else invalid.push(key);
  }
  const known: ReadonlySet<string> = new Set(SETTING_KEYS);
  const unknown = Object.keys(value).filter((key) => !known.has(key));
  return { settings: settings as Partial<RecordingSettings>, invalid, unknown };
}

/**
 * The recorded log of one tab. The worker keeps whole exchanges (`TabLogView`, also what
 * its debug `corsLensLog` returns); a panel is sent, and holds, their rows (`RowLogView`).
 */
export interface TabLogView<E = Exchange> {
  /** Oldest first. */
  exchanges: E[];
  markers: NavigationMarker[];
  stats: TabStats;
}

/** What changed in one tab's log since the last batch. Apply `cleared`, then `removed`, then the rest. */
export interface TabLogChanges<E = Exchange> {
  cleared: boolean;
  removed: string[];
  /** New or changed exchanges, each in its latest version. */
  upserts: E[];
  markers: NavigationMarker[];
  stats: TabStats | null;
}

/** What a panel is sent and holds: rows, not whole exchanges. */
export type RowLogView = TabLogView<ExchangeRow>;
export type RowLogChanges = TabLogChanges<ExchangeRow>;

/** Messages the background sends to a panel: name → payload. */
export interface BackgroundToPanel {
  /** Answer to `hello`. `workerStartedAt` (epoch ms) shows when the worker was restarted. */
  welcome: { version: number; tabId: number; workerStartedAt: number };
  /** The whole log of the tab, right after `welcome` (and after a reconnection). */
  snapshot: { tabId: number } & RowLogView;
  /** Batched changes: one message per flush, never one per browser event. */
  changes: { tabId: number } & RowLogChanges;
  /** The current settings: after `welcome`, and whenever they change. */
  settings: RecordingSettings;
  /**
   * Answer to `getExchanges`: one slice of the exchanges asked for, in the order asked, and
   * the ids no longer in the log. `last` is set on the final slice (one message for a few ids;
   * an export of 100,000 takes many, as a port message is at most 64 MiB).
   */
  exchanges: {
    tabId: number;
    requestId: number;
    exchanges: Exchange[];
    missing: string[];
    last: boolean;
  };
}

/** Ids one `getExchanges` may ask for: a whole log at the bound, and no more. */
export const MAX_IDS_PER_REQUEST = MAX_EXCHANGES_RANGE.max;

/** One runtime check per message: adding a message to a map forces adding its validator. */
export type Validators<M> = { [K in keyof M]: Guard<M[K]> };

export const panelToBackground: Validators<PanelToBackground> = {
  hello: (p): p is PanelToBackground['hello'] =>
    isRecord(p) && isNonNegativeInteger(p.version) && isTabId(p.tabId),
  clearLog: (p): p is PanelToBackground['clearLog'] => isRecord(p) && isTabId(p.tabId),
  setPreserveLog: (p): p is PanelToBackground['setPreserveLog'] =>
    isRecord(p) && isTabId(p.tabId) && isBoolean(p.preserve),
  updateSettings: (p): p is PanelToBackground['updateSettings'] => {
    if (!isRecord(p)) return false;
    // Unknown keys pass (an older worker, a newer panel) and are dropped by the settings.
    return readSettings(p).invalid.length === 0;
  },
  getExchanges: (p): p is PanelToBackground['getExchanges'] =>
    isRecord(p) &&
    isTabId(p.tabId) &&
    isNonNegativeInteger(p.requestId) &&
    Array.isArray(p.ids) &&
    p.ids.length <= MAX_IDS_PER_REQUEST &&
    isArrayOf(p.ids, isString),
};

export const isRecordingSettings = (p: unknown): p is RecordingSettings =>
  isRecord(p) && SETTING_KEYS.every((key) => SETTING_GUARDS[key](p[key]));

/**
 * Exchanges come from our own worker, so a shallow check is enough to keep a stale or
 * broken message from reaching the UI: what a row holds must be there, and the parts of
 * the observation and verdict the card reads.
 */
export const isExchange = (x: unknown): x is Exchange =>
  isRecord(x) &&
  isString(x.requestId) &&
  Array.isArray(x.preflights) &&
  isRecord(x.verdict) &&
  isRecord(x.verdict.mode) &&
  isRecord(x.verdict.credentials) &&
  Array.isArray(x.verdict.warnings) &&
  isRecord(x.verdict.preflight) &&
  Array.isArray(x.verdict.preflight.reasons) &&
  isExchangeRow(x);

const isMarker = (x: unknown): x is NavigationMarker =>
  isRecord(x) && x.kind === 'navigation' && isString(x.url) && typeof x.seq === 'number';

const isStats = (x: unknown): x is TabStats =>
  isRecord(x) &&
  isNonNegativeInteger(x.size) &&
  isNonNegativeInteger(x.dropped) &&
  isBoolean(x.preserveLog);

export const backgroundToPanel: Validators<BackgroundToPanel> = {
  welcome: (p): p is BackgroundToPanel['welcome'] =>
    isRecord(p) &&
    isNonNegativeInteger(p.version) &&
    isTabId(p.tabId) &&
    isFiniteNumber(p.workerStartedAt),
  snapshot: (p): p is BackgroundToPanel['snapshot'] =>
    isRecord(p) &&
    isTabId(p.tabId) &&
    isArrayOf(p.exchanges, isExchangeRow) &&
    isArrayOf(p.markers, isMarker) &&
    isStats(p.stats),
  changes: (p): p is BackgroundToPanel['changes'] =>
    isRecord(p) &&
    isTabId(p.tabId) &&
    isBoolean(p.cleared) &&
    isArrayOf(p.removed, isString) &&
    isArrayOf(p.upserts, isExchangeRow) &&
    isArrayOf(p.markers, isMarker) &&
    (p.stats === null || isStats(p.stats)),
  settings: isRecordingSettings,
  exchanges: (p): p is BackgroundToPanel['exchanges'] =>
    isRecord(p) &&
    isTabId(p.tabId) &&
    isNonNegativeInteger(p.requestId) &&
    isArrayOf(p.exchanges, isExchange) &&
    isArrayOf(p.missing, isString) &&
    isBoolean(p.last),
};
