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

/** Opens a script at a line in DevTools' Sources panel; one-based line and column. */
export type SourceOpener = (url: string, line: number, column: number) => void;

/**
 * DevTools' openResource, where this page has it (the panel inside DevTools; not the panel
 * opened in its own window). It takes DevTools' zero-based line and column, the page's
 * stack frames are one-based.
 */
export function sourceOpener(): SourceOpener | null {
  // Not in webextension-polyfill's types (nor in Firefox): Chrome's own API.
  // `chrome.devtools` exists only in DevTools pages, whatever the types say.
  const devtools =
    typeof chrome === 'undefined'
      ? undefined
      : (chrome.devtools as typeof chrome.devtools | undefined);
  const panels = devtools?.panels;
  if (typeof panels?.openResource !== 'function') return null;
  return (url, line, column) => {
    void panels
      .openResource(url, Math.max(0, line - 1), Math.max(0, column - 1))
      .catch(() => undefined);
  };
}
