import type { Connection } from './store/connection-slice';

/** The one-line connection status the panel shows (also what e2e tests read). */
export function statusText(tabId: number | null, connection: Connection): string {
  switch (connection.kind) {
    case 'no-tab':
      return 'This panel needs a tab to inspect: open it from DevTools, or add ?tabId=<id> to its URL.';
    case 'connecting':
      return 'Connecting…';
    case 'connected':
      return `Connected to the background for tab ${String(tabId)}`;
    case 'disconnected':
      return 'Disconnected — reconnecting…';
    case 'outdated':
      return 'CORS Lens was updated: close and reopen DevTools to use the new version.';
  }
}
