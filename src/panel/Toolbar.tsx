import { MAX_EXCHANGES_RANGE } from '../protocol/messages';
import type { BackgroundLink } from './connection';
import type { PanelStore } from './store';
import { useStore } from './store/use-store';

/** Clear, Preserve log and the recording scope, as in DevTools' Network panel. */
export function Toolbar({
  store,
  send,
  tabId,
  openInWindow,
}: {
  store: PanelStore;
  send: BackgroundLink['send'];
  tabId: number;
  openInWindow?: ((tabId: number) => void) | undefined;
}) {
  const preserveLog = useStore(store, (state) => state.log.stats?.preserveLog ?? true);
  const settings = useStore(store, (state) => state.settings);
  return (
    <div class="toolbar" role="toolbar" aria-label="Recording">
      <button
        type="button"
        class="icon-button"
        aria-label="Clear"
        title="Clear"
        onClick={() => {
          send('clearLog', { tabId });
        }}
      >
        <span aria-hidden="true">⊘</span>
      </button>
      <span class="toolbar-divider" aria-hidden="true" />
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
      <span class="toolbar-divider" aria-hidden="true" />
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
      <label title="Off: cookie, Authorization and token values are replaced by markers (presence and length) before anything is kept. On: they are kept in memory and storage.session (never on disk) for exports and curl commands with secrets.">
        <input
          type="checkbox"
          checked={settings?.keepSecretValues ?? false}
          disabled={settings === null}
          onChange={(event) => {
            send('updateSettings', { keepSecretValues: event.currentTarget.checked });
          }}
        />
        Keep secret values
      </label>
      <label title="On: a script in each recorded page reads every fetch() and XMLHttpRequest call's mode, credentials and outcome, and sees the calls the browser refused before the network. It sends nothing anywhere but to this panel. Takes effect for pages loaded after the change.">
        <input
          type="checkbox"
          checked={settings?.pageProbe ?? true}
          disabled={settings === null}
          onChange={(event) => {
            send('updateSettings', { pageProbe: event.currentTarget.checked });
          }}
        />
        Read calls in the page
      </label>
      <label>
        Keep
        <input
          type="number"
          class="bound"
          min={MAX_EXCHANGES_RANGE.min}
          max={MAX_EXCHANGES_RANGE.max}
          step={100}
          value={settings?.maxExchangesPerTab ?? ''}
          disabled={settings === null}
          onChange={(event) => {
            const value = Math.round(Number(event.currentTarget.value));
            const { min, max } = MAX_EXCHANGES_RANGE;
            // Out-of-range input snaps back to the current value rather than being sent.
            if (Number.isFinite(value) && value >= min && value <= max) {
              send('updateSettings', { maxExchangesPerTab: value });
            } else if (settings) {
              event.currentTarget.value = String(settings.maxExchangesPerTab);
            }
          }}
        />
        exchanges per tab
      </label>
      {openInWindow && (
        <button
          type="button"
          class="text-button"
          onClick={() => {
            openInWindow(tabId);
          }}
        >
          Open in window
        </button>
      )}
    </div>
  );
}
