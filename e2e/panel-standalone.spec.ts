import { EXTENSION_ID } from './extension-id';
import { expect, test } from './fixtures';

test('without a tab id the panel offers the open tabs, and picking one inspects it', async ({
  context,
  serviceWorker: _ready,
  site,
}) => {
  const page = await context.newPage();
  await page.goto(`${site.origin}/`);
  const panel = await context.newPage();
  await panel.goto(`chrome-extension://${EXTENSION_ID}/src/panel/index.html`);

  await expect(panel.getByTestId('connection-status')).toContainText('needs a tab');
  const tabs = panel.getByRole('navigation', { name: 'Open tabs' });
  await tabs.getByRole('link', { name: /CORS Lens test page/ }).click();

  await expect(panel).toHaveURL(/\?tabId=\d+$/);
  await expect(panel.getByTestId('connection-status')).toHaveText(
    /^Connected to the background for tab \d+$/,
  );
});

test('"Open in window" opens the panel for the same tab in a window of its own', async ({
  context,
  serviceWorker,
  site,
}) => {
  const page = await context.newPage();
  await page.goto(`${site.origin}/`);
  const tabId = await serviceWorker.evaluate(
    async (origin) => (await chrome.tabs.query({})).find((tab) => tab.url?.startsWith(origin))?.id,
    site.origin,
  );
  const panel = await context.newPage();
  await panel.goto(
    `chrome-extension://${EXTENSION_ID}/src/panel/index.html?tabId=${String(tabId)}`,
  );
  const [popup] = await Promise.all([
    context.waitForEvent('page'),
    panel.getByRole('button', { name: 'Open in window' }).click(),
  ]);
  await expect(popup).toHaveURL(new RegExp(`/src/panel/index\\.html\\?tabId=${String(tabId)}$`));
  await expect(popup.getByTestId('connection-status')).toHaveText(
    `Connected to the background for tab ${String(tabId)}`,
  );
});
