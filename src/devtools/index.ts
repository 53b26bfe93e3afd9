import { createDevtoolsPanel, inspectedTabId } from '../platform/devtools';

// The panel page gets the inspected tab in its URL, so the same page also
// works opened directly (e2e tests: chrome-extension://<id>/src/panel/index.html?tabId=N).
// Paths are relative to the extension root, where dist/ keeps the source layout.
const panelPage = `src/panel/index.html?tabId=${inspectedTabId()}`;

createDevtoolsPanel('CORS', 'icons/icon-32.png', panelPage).catch((error: unknown) => {
  console.error('[cors-lens] could not create the DevTools panel', error);
});
