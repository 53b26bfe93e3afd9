import type { StateCreator } from 'zustand/vanilla';
import type { RecordingSettings, TabLogChanges, TabLogView } from '../../protocol/messages';
import { applyLogChanges, EMPTY_LOG, logFromSnapshot, type LogState } from '../log/log-state';

export interface LogSlice {
  log: LogState;
  /** The background's full log: replaces ours (first connection, or after a worker restart). */
  applySnapshot: (view: TabLogView) => void;
  applyChanges: (changes: TabLogChanges) => void;
  /** The recording settings, once the background has sent them. */
  settings: RecordingSettings | null;
  applySettings: (settings: RecordingSettings) => void;
}

export function logSlice<S extends LogSlice>(): StateCreator<S, [], [], LogSlice> {
  return (set, get) => ({
    log: EMPTY_LOG,
    applySnapshot(view) {
      set({ log: logFromSnapshot(view) } as Partial<S>);
    },
    applyChanges(changes) {
      set({ log: applyLogChanges(get().log, changes) } as Partial<S>);
    },
    settings: null,
    applySettings(settings) {
      set({ settings } as Partial<S>);
    },
  });
}
