import browser from './browser';

/** Calls `listener` when a tab closes. Needs no "tabs" permission. Register at top level. */
export function onTabClosed(listener: (tabId: number) => void): void {
  browser.tabs.onRemoved.addListener((tabId) => {
    listener(tabId);
  });
}
