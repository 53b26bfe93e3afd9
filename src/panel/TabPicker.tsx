import { useEffect, useState } from 'preact/hooks';
import type { TabSummary } from '../platform/tabs';
import './tab-picker.css';

/**
 * The standalone panel without ?tabId: pick the tab to inspect. Each entry is a link to
 * this page with the tab's id, so it can also be opened in a new window or tab.
 */
export function TabPicker({ listTabs }: { listTabs: () => Promise<TabSummary[]> }) {
  const [tabs, setTabs] = useState<TabSummary[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    listTabs().then(setTabs, (error: unknown) => {
      setProblem(error instanceof Error ? error.message : 'the open tabs could not be listed');
    });
  }, [listTabs]);

  return (
    <main class="panel tab-picker">
      <header class="panel-header">
        <h1>CORS Lens</h1>
        <p class="status" role="status" data-testid="connection-status">
          This panel needs a tab to inspect: pick one below, open it from DevTools, or add
          ?tabId=&lt;id&gt; to its URL.
        </p>
      </header>
      {problem !== null && <p class="problem">Could not list tabs: {problem}</p>}
      {tabs !== null && tabs.length === 0 && <p class="empty">No web page is open.</p>}
      {tabs !== null && tabs.length > 0 && (
        <nav aria-label="Open tabs">
          <ul>
            {tabs.map((tab) => (
              <li key={tab.id}>
                <a href={`?tabId=${tab.id}`}>
                  <span class="tab-title">{tab.title}</span> <span class="tab-url">{tab.url}</span>
                </a>
              </li>
            ))}
          </ul>
        </nav>
      )}
    </main>
  );
}
