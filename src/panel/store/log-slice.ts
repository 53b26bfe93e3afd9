import type { StateCreator } from 'zustand/vanilla';
import type { Exchange } from '../../capture/exchange';
import type { RecordingSettings, RowLogChanges, RowLogView } from '../../protocol/messages';
import type { HarSource } from '../../report';
import { RowsCache } from '../list/list-rows';
import { applyLogChanges, EMPTY_LOG, logFromSnapshot, type LogState } from '../log/log-state';

/** A report file opened in the panel, shown instead of the live recording. */
export interface OpenReport {
  readonly fileName: string;
  readonly source: HarSource;
  /** What was wrong with the file (skipped entries, malformed fields). */
  readonly problems: readonly string[];
  /** Its exchanges, whole: a report's are held by the panel (the worker never had them). */
  readonly exchanges: ReadonlyMap<string, Exchange>;
}

export interface LogSlice {
  /** What the list shows: the live recording, or an opened report. */
  log: LogState;
  /** The live recording, kept up to date while a report is open. */
  liveLog: LogState;
  report: OpenReport | null;
  /**
   * What the list keeps between derivations of its rows (see list/list-rows.ts). The one
   * mutable object of the store: made once per store, never replaced, written only by the
   * list's derivation.
   */
  readonly listCache: RowsCache;
  /** The background's full log: replaces ours (first connection, or after a worker restart). */
  applySnapshot: (view: RowLogView) => void;
  applyChanges: (changes: RowLogChanges) => void;
  /** Shows a report file; `log` holds its exchanges (whole exchanges are rows too). */
  openReport: (report: OpenReport, log: LogState) => void;
  closeReport: () => void;
  /** The recording settings, once the background has sent them. */
  settings: RecordingSettings | null;
  applySettings: (settings: RecordingSettings) => void;
}

export function logSlice<S extends LogSlice>(): StateCreator<S, [], [], LogSlice> {
  const setLive = (get: () => S, liveLog: LogState): Partial<S> =>
    (get().report === null ? { liveLog, log: liveLog } : { liveLog }) as Partial<S>;
  return (set, get) => ({
    log: EMPTY_LOG,
    liveLog: EMPTY_LOG,
    report: null,
    listCache: new RowsCache(),
    applySnapshot(view) {
      set(setLive(get, logFromSnapshot(view)));
    },
    applyChanges(changes) {
      set(setLive(get, applyLogChanges(get().liveLog, changes)));
    },
    openReport(report, log) {
      set({ report, log } as Partial<S>);
    },
    closeReport() {
      set({ report: null, log: get().liveLog } as Partial<S>);
    },
    settings: null,
    applySettings(settings) {
      set({ settings } as Partial<S>);
    },
  });
}
