/**
 * The panel's recording controls, in real Chromium with the built extension: Clear,
 * the per-tab bound with its dropped count, and "record only tabs with this panel open".
 */
import type { BrowserContext, Page, Worker } from '@playwright/test';
import { EXTENSION_ID } from './extension-id';
import { expect, test } from './fixtures';
import { startPlayground, type Playground } from './playground/server';

let playground: Playground;
test.beforeAll(async () => {
  playground = await startPlayground();
});
test.afterAll(async () => {
  await playground.close();
});

async function openPlayground(
  context: BrowserContext,
  worker: Worker,
): Promise<{ page: Page; tabId: number }> {
  const page = await context.newPage();
  await page.goto(playground.pageUrl);
  await page.waitForFunction(() => 'playgroundReady' in window);
  const tabId = await worker.evaluate(
    async (url) => (await chrome.tabs.query({})).filter((tab) => tab.url === url).at(-1)?.id,
    playground.pageUrl,
  );
  if (tabId === undefined) throw new Error('playground tab not found');
  return { page, tabId };
}

async function openPanel(context: BrowserContext, tabId: number): Promise<Page> {
  const panel = await context.newPage();
  await panel.goto(`chrome-extension://${EXTENSION_ID}/src/panel/index.html?tabId=${tabId}`);
  await expect(panel.getByTestId('connection-status')).toHaveText(/^Connected/);
  return panel;
}

const run = (page: Page, id: string) =>
  page.evaluate(async (scenario) => {
    await (window as unknown as { runScenario: (id: string) => Promise<unknown> }).runScenario(
      scenario,
    );
  }, id);

test('Clear empties the log; the bound drops the oldest and says how many', async ({
  context,
  serviceWorker,
}) => {
  const { page, tabId } = await openPlayground(context, serviceWorker);
  const panel = await openPanel(context, tabId);
  const rows = panel.locator('tr[data-exchange-id]');

  await run(page, 'missing-acao');
  await expect(rows).toHaveCount(1);
  await panel.getByRole('button', { name: 'Clear' }).click();
  await expect(rows).toHaveCount(0);

  const bound = panel.getByRole('spinbutton');
  await bound.fill('100');
  await bound.press('Enter');
  await expect(bound).toHaveValue('100');
  for (let i = 0; i < 3; i++) {
    await page.evaluate(async () => {
      const api = document.body.dataset.api ?? '';
      await Promise.all(
        Array.from({ length: 40 }, (_, n) =>
          fetch(`${api}/s/simple-get-wildcard?n=${n}`).catch(() => undefined),
        ),
      );
    });
  }
  // The list is virtualized: the count, not the DOM, says how many rows it holds.
  await expect(panel.getByTestId('exchange-counts')).toHaveText(
    '100 exchanges, 0 blocked, 20 older dropped',
  );
  expect(await rows.count()).toBeLessThan(100);
});

test('"Record only tabs with this panel open" leaves other tabs unrecorded', async ({
  context,
  serviceWorker,
}) => {
  const watched = await openPlayground(context, serviceWorker);
  const panel = await openPanel(context, watched.tabId);
  await panel.getByLabel('Record only tabs with this panel open').check();
  const other = await openPlayground(context, serviceWorker);

  await run(other.page, 'missing-acao');
  await run(watched.page, 'missing-acao');
  await expect(panel.locator('tr[data-exchange-id]')).toHaveCount(1);

  const otherPanel = await openPanel(context, other.tabId);
  await expect(otherPanel.getByTestId('exchange-counts')).toHaveText('0 exchanges, 0 blocked');
  await otherPanel.getByLabel('Record only tabs with this panel open').uncheck();
  await expect(panel.getByLabel('Record only tabs with this panel open')).not.toBeChecked();
});
