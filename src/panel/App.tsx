import type { BackgroundLink } from './connection';
import { ReportActions, ReportBanner } from './report/ReportActions';
import { Toolbar } from './Toolbar';
import { Workspace } from './Workspace';
import { statusText } from './status-text';
import type { PanelStore } from './store';
import { useStore } from './store/use-store';

/**
 * The panel: the recording toolbar with the connection status on top, then the
 * workspace (filter bar, list, details of the selected exchange, summary).
 * The details pane renders `DetailsPane` (./DetailsPane.tsx), i.e. the exchange card.
 */
export interface AppProps {
  store: PanelStore;
  send: BackgroundLink['send'];
  /** Opens this panel for the same tab in a window of its own (standalone page). */
  openInWindow?: (tabId: number) => void;
}

export function App({ store, send, openInWindow }: AppProps) {
  const tabId = useStore(store, (state) => state.tabId);
  const connection = useStore(store, (state) => state.connection);

  return (
    <main class="panel">
      <h1 class="visually-hidden">CORS Lens</h1>
      <div class="topbar">
        {tabId !== null && (
          <Toolbar store={store} send={send} tabId={tabId} openInWindow={openInWindow} />
        )}
        {tabId !== null && <ReportActions store={store} />}
        <p
          class={`connection-status connection-${connection.kind}`}
          role="status"
          data-testid="connection-status"
          // Tells a worker restart apart from the same worker (tests, debugging).
          data-worker-started-at={
            connection.kind === 'connected' ? connection.workerStartedAt : undefined
          }
        >
          {statusText(tabId, connection)}
        </p>
      </div>
      {tabId !== null && <ReportBanner store={store} />}
      {tabId !== null && <Workspace store={store} />}
    </main>
  );
}
