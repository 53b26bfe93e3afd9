/** An in-memory TabLogSource for tests: set what a tab's log holds, emit change batches. */
import {
  DEFAULT_SETTINGS,
  type RecordingSettings,
  type TabLogChanges,
  type TabLogView,
} from '../../protocol/messages';
import type { SettingsSource, TabLogSource } from '../panel-session';

export { recordedExchanges } from '../../protocol/testing/exchanges';

export interface FakeTabLogs extends TabLogSource {
  emit(tabId: number, changes: TabLogChanges): void;
  readonly cleared: number[];
  readonly preserve: Array<[number, boolean]>;
  listenerCount(tabId: number): number;
}

export function emptyView(tabId: number): TabLogView {
  return { exchanges: [], markers: [], stats: { tabId, size: 0, dropped: 0, preserveLog: false } };
}

export function fakeTabLogs(views: Record<number, TabLogView> = {}): FakeTabLogs {
  const listeners = new Map<number, Set<(changes: TabLogChanges) => void>>();
  const cleared: number[] = [];
  const preserve: Array<[number, boolean]> = [];
  return {
    cleared,
    preserve,
    whenReady: () => Promise.resolve(),
    view: (tabId) => views[tabId] ?? emptyView(tabId),
    exchange: (tabId, id) => views[tabId]?.exchanges.find((e) => e.id === id),
    subscribe(tabId, listener) {
      const set = listeners.get(tabId) ?? new Set();
      set.add(listener);
      listeners.set(tabId, set);
      return () => set.delete(listener);
    },
    clear: (tabId) => cleared.push(tabId),
    setPreserveLog: (tabId, value) => preserve.push([tabId, value]),
    emit(tabId, changes) {
      for (const listener of listeners.get(tabId) ?? []) listener(changes);
    },
    listenerCount: (tabId) => listeners.get(tabId)?.size ?? 0,
  };
}

/** Settings held in memory, announcing each change like the real ones. */
export function fakeSettings(initial: RecordingSettings = DEFAULT_SETTINGS): SettingsSource {
  let value = initial;
  const listeners = new Set<(settings: RecordingSettings) => void>();
  return {
    current: () => value,
    update(patch) {
      value = { ...value, ...patch };
      for (const listener of listeners) listener(value);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
