import browser from './browser';

/** Id of the tab this DevTools window inspects. Only valid in DevTools pages. */
export function inspectedTabId(): number {
  return browser.devtools.inspectedWindow.tabId;
}

/**
 * Adds a panel to DevTools. Paths are relative to the extension root (dist/),
 * e.g. 'icons/icon-32.png' and 'src/panel/index.html?tabId=3'.
 */
export async function createDevtoolsPanel(
  title: string,
  iconPath: string,
  pagePath: string,
): Promise<void> {
  await browser.devtools.panels.create(title, iconPath, pagePath);
}

/**
 * DevTools' own theme: Chrome reports 'default' or 'dark', Firefox 'light' or 'dark'.
 * Known only in DevTools pages, so it travels to the panel in its URL.
 */
export function devtoolsTheme(): 'dark' | 'light' {
  return browser.devtools.panels.themeName === 'dark' ? 'dark' : 'light';
}
