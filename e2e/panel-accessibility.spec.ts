/**
 * axe-core on the real panel page, with recorded exchanges and an open card, in both
 * themes: no serious or critical violation.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
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

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

for (const theme of ['light', 'dark'] as const) {
  test(`the panel has no serious accessibility violation (${theme} theme)`, async ({
    context,
    serviceWorker,
  }) => {
    // axe-core walks the whole panel twice (list, then list and card): on two cores shared
    // with the other worker's browser, that alone can take most of the default 30 s.
    test.setTimeout(90_000);
    const page = await context.newPage();
    await page.goto(playground.pageUrl);
    await page.waitForFunction(() => 'playgroundReady' in window);
    await page.evaluate(async () => {
      const run = window.runScenario;
      for (const id of [
        'simple-get-allowed',
        'header-not-allowed',
        'auth-layer-401',
        'put-cached-preflight',
      ])
        await run(id);
    });
    const tabId = await serviceWorker.evaluate(
      async (url) => (await chrome.tabs.query({})).find((tab) => tab.url === url)?.id,
      playground.pageUrl,
    );
    const panel = await context.newPage();
    await panel.emulateMedia({ colorScheme: theme });
    await panel.goto(
      `chrome-extension://${EXTENSION_ID}/src/panel/index.html?tabId=${String(tabId)}&theme=${theme}`,
    );
    const rows = panel.locator('[data-exchange-id]');
    await expect(rows).toHaveCount(5);
    expect(await seriousViolations(panel)).toEqual([]);

    await panel.locator('[data-exchange-id][data-status="blocked"]').first().click();
    await expect(panel.getByTestId('exchange-card')).toBeVisible();
    expect(await seriousViolations(panel)).toEqual([]);
  });
}
