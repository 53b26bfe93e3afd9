import type { RecordingSettings } from '../protocol/messages';

/**
 * Which requests the worker listens to: every tab, or with "Record only tabs with this
 * panel open" only the inspected ones, and none at all while no panel is open. A listener
 * costs the browser on every request it matches, so other tabs then pay only for the
 * `webRequest` permission.
 */
export function listenScope(
  settings: Pick<RecordingSettings, 'recordOnlyWithPanelOpen'>,
  watchedTabs: readonly number[],
): 'all' | number[] {
  if (!settings.recordOnlyWithPanelOpen) return 'all';
  return [...new Set(watchedTabs)].sort((a, b) => a - b);
}
