import type { BackgroundLink } from './connection';
import { ExchangeList } from './ExchangeList';
import { Toolbar } from './Toolbar';
import { statusText } from './status-text';
import type { PanelStore } from './store';
import { useStore } from './store/use-store';

export function App({ store, send }: { store: PanelStore; send: BackgroundLink['send'] }) {
  const tabId = useStore(store, (state) => state.tabId);
  const connection = useStore(store, (state) => state.connection);

  return (
    <main class="panel">
      <header class="panel-header">
        <h1>CORS Lens</h1>
        <p
          class={`status status-${connection.kind}`}
          role="status"
          data-testid="connection-status"
          // Tells a worker restart apart from the same worker (tests, debugging).
          data-worker-started-at={
            connection.kind === 'connected' ? connection.workerStartedAt : undefined
          }
        >
          {statusText(tabId, connection)}
        </p>
      </header>
      {tabId !== null && <Toolbar store={store} send={send} tabId={tabId} />}
      {tabId !== null && <ExchangeList store={store} />}
    </main>
  );
}
