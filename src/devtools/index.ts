import { createDevtoolsPanel, devtoolsTheme, inspectedTabId } from '../platform/devtools';

// The panel page gets the inspected tab (and DevTools' theme) in its URL, so the same page
// also works opened directly (tests, "Open in window": .../src/panel/index.html?tabId=N).
// Paths are relative to the extension root, where dist/ keeps the source layout.
const panelPage = `src/panel/index.html?tabId=${inspectedTabId()}&theme=${devtoolsTheme()}`;

createDevtoolsPanel('CORS', 'icons/icon-32.png', panelPage).catch((error: unknown) => {
  console.error('[cors-lens] could not create the DevTools panel', error);
});
