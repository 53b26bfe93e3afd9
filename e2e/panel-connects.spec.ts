import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { EXTENSION_ID, extensionIdFromKey } from './extension-id';
import { DIST, expect, test } from './fixtures';

test('the manifest key pins the extension id', ({ extensionId }) => {
  const manifest = JSON.parse(readFileSync(resolve(DIST, 'manifest.json'), 'utf8')) as {
    key: string;
  };
  expect(extensionIdFromKey(manifest.key)).toBe(EXTENSION_ID);
  expect(extensionId).toBe(EXTENSION_ID);
});

test('the panel connects to the background for the inspected tab', async ({
  context,
  serviceWorker,
  extensionId,
  site,
}) => {
  const page = await context.newPage();
  await page.goto(`${site.origin}/`);

  // No "tabs" permission: the tab's url is visible thanks to the host permissions.
  const tabId = await serviceWorker.evaluate(
    async (origin) => (await chrome.tabs.query({})).find((tab) => tab.url?.startsWith(origin))?.id,
    site.origin,
  );
  expect(tabId).toEqual(expect.any(Number));

  const panel = await context.newPage();
  await panel.goto(`chrome-extension://${extensionId}/src/panel/index.html?tabId=${String(tabId)}`);

  await expect(panel.getByRole('heading', { name: 'CORS Lens' })).toBeVisible();
  await expect(panel.getByTestId('connection-status')).toHaveText(
    `Connected to the background for tab ${String(tabId)}`,
  );
});

test('the panel asks for a tab when its URL names none', async ({ context, extensionId }) => {
  const panel = await context.newPage();
  await panel.goto(`chrome-extension://${extensionId}/src/panel/index.html`);

  await expect(panel.getByTestId('connection-status')).toContainText('needs a tab');
});
