/**
 * Hostile header values from a real server, through webRequest, the worker and the
 * protocol into the card: shown as text, never interpreted as HTML, long ones collapsed.
 */
import { EXTENSION_ID } from './extension-id';
import { expect, test } from './fixtures';

test('hostile response headers render as text in the card', async ({
  context,
  serviceWorker,
  playground,
}) => {
  const page = await context.newPage();
  await page.goto(playground.pageUrl);
  await page.waitForFunction(() => 'playgroundReady' in window);
  await page.evaluate(async () => {
    await window.runScenario('hostile-response-headers');
  });
  const tabId = await serviceWorker.evaluate(
    async (url) => (await chrome.tabs.query({})).find((tab) => tab.url === url)?.id,
    playground.pageUrl,
  );
  const panel = await context.newPage();
  await panel.goto(
    `chrome-extension://${EXTENSION_ID}/src/panel/index.html?tabId=${String(tabId)}`,
  );
  const title = await panel.title();
  await panel.locator('tr[data-exchange-id]').first().click();
  const card = panel.getByTestId('exchange-card');
  await expect(card).toContainText('<img src=x onerror="document.title=\'pwned\'">');
  await expect(card).toContainText('<script>document.title="pwned"</script>');
  // The Latin-1 byte arrives as binaryValue and is kept, not dropped.
  await expect(card).toContainText('café');
  await expect(card.getByRole('button', { name: /Show all 65,536 characters/ })).toBeVisible();
  expect(await card.locator('img, script:not([type])').count()).toBe(0);
  expect(await panel.title()).toBe(title);
  expect(await page.title()).not.toBe('pwned');
});
