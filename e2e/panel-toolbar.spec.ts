/**
 * The panel's recording controls, in real Chromium with the built extension: Clear,
 * the per-tab bound with its dropped count, and "record only tabs with this panel open".
 */
import { expect, test } from './fixtures';
import { openPanel, openPlayground, runScenario } from './playground-pages';
import { startPlayground, type Playground } from './playground/server';

let playground: Playground;
test.beforeAll(async () => {
  playground = await startPlayground();
});
test.afterAll(async () => {
  await playground.close();
});

test('Clear empties the log; the bound drops the oldest and says how many', async ({
  context,
  serviceWorker,
}) => {
  const { page, tabId } = await openPlayground(context, serviceWorker, playground);
  const panel = await openPanel(context, tabId);
  const rows = panel.locator('tr[data-exchange-id]');

  await runScenario(page, 'missing-acao');
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
  const watched = await openPlayground(context, serviceWorker, playground);
  const panel = await openPanel(context, watched.tabId);
  await panel.getByLabel('Record only tabs with this panel open').check();
  const other = await openPlayground(context, serviceWorker, playground);

  await runScenario(other.page, 'missing-acao');
  await runScenario(watched.page, 'missing-acao');
  await expect(panel.locator('tr[data-exchange-id]')).toHaveCount(1);

  const otherPanel = await openPanel(context, other.tabId);
  await expect(otherPanel.getByTestId('exchange-counts')).toHaveText('0 exchanges, 0 blocked');
  await otherPanel.getByLabel('Record only tabs with this panel open').uncheck();
  await expect(panel.getByLabel('Record only tabs with this panel open')).not.toBeChecked();
});
