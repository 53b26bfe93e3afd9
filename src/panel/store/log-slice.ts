import type { StateCreator } from 'zustand/vanilla';
import type { RecordingSettings, TabLogChanges, TabLogView } from '../../protocol/messages';
import type { HarSource } from '../../report';
import { applyLogChanges, EMPTY_LOG, logFromSnapshot, type LogState } from '../log/log-state';

/** A report file opened in the panel, shown instead of the live recording. */
export interface OpenReport {
  readonly fileName: string;
  readonly source: HarSource;
  /** What was wrong with the file (skipped entries, malformed fields). */
  readonly problems: readonly string[];
}

export interface LogSlice {
  /** What the list shows: the live recording, or an opened report. */
  log: LogState;
  /** The live recording, kept up to date while a report is open. */
  liveLog: LogState;
  report: OpenReport | null;
  /** The background's full log: replaces ours (first connection, or after a worker restart). */
  applySnapshot: (view: TabLogView) => void;
  applyChanges: (changes: TabLogChanges) => void;
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
