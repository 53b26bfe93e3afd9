import browser from './browser';

/**
 * End-to-end test builds only: opens the panel page in a tab of its own. Firefox's
 * WebDriver BiDi refuses to navigate to moz-extension:// URLs but scripts pages that are
 * already open, so this page is the tests' way in (they then set its `?tabId=`).
 */
export async function openTestPage(): Promise<void> {
  await browser.tabs.create({ url: browser.runtime.getURL('src/panel/index.html?e2e=1') });
}
