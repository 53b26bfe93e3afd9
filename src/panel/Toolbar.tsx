import type { BackgroundLink } from './connection';
import type { PanelStore } from './store';
import { useStore } from './store/use-store';

/** Clear, Preserve log and the recording scope, as in DevTools' Network panel. */
export function Toolbar({
  store,
  send,
  tabId,
}: {
  store: PanelStore;
  send: BackgroundLink['send'];
  tabId: number;
}) {
  const preserveLog = useStore(store, (state) => state.log.stats?.preserveLog ?? true);
  const settings = useStore(store, (state) => state.settings);
  return (
    <div class="toolbar" role="toolbar" aria-label="Recording">
      <button
        type="button"
        onClick={() => {
          send('clearLog', { tabId });
        }}
      >
        Clear
      </button>
      <label>
        <input
          type="checkbox"
          checked={preserveLog}
          onChange={(event) => {
            send('setPreserveLog', { tabId, preserve: event.currentTarget.checked });
          }}
        />
        Preserve log
      </label>
      <label>
        <input
          type="checkbox"
          checked={settings?.recordOnlyWithPanelOpen ?? false}
          disabled={settings === null}
          onChange={(event) => {
            send('updateSettings', { recordOnlyWithPanelOpen: event.currentTarget.checked });
          }}
        />
        Record only tabs with this panel open
      </label>
    </div>
  );
}
