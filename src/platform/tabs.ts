import browser from './browser';

/** Calls `listener` when a tab closes. Needs no "tabs" permission. Register at top level. */
export function onTabClosed(listener: (tabId: number) => void): void {
  browser.tabs.onRemoved.addListener((tabId) => {
    listener(tabId);
  });
}

export interface TabSummary {
  readonly id: number;
  readonly title: string;
  readonly url: string;
}

/**
 * Open web pages, for the standalone panel's tab picker. Without the "tabs" permission
 * only pages the host permissions cover (http and https) show their URL and title.
 */
export async function listWebTabs(): Promise<TabSummary[]> {
  const tabs = await browser.tabs.query({});
  return tabs.flatMap((tab) =>
    tab.id !== undefined && tab.url !== undefined && /^https?:/.test(tab.url)
      ? [{ id: tab.id, title: tab.title ?? tab.url, url: tab.url }]
      : [],
  );
}

/** Opens the panel for a tab in its own window ("Open in window"). */
export async function openPanelWindow(tabId: number): Promise<void> {
  await browser.windows.create({
    url: browser.runtime.getURL(`src/panel/index.html?tabId=${tabId}`),
    type: 'popup',
    width: 1100,
    height: 720,
  });
}
