/** Opening the playground and the panel page in a test browser: shared by the panel specs. */
import { readFileSync } from 'node:fs';
import type { BrowserContext, Page, Worker } from '@playwright/test';
import { EXTENSION_ID } from './extension-id';
import { expect } from './fixtures';
import type { Playground } from './playground/server';

/** A new tab on the playground page, ready to run scenarios, and its tab id. */
export async function openPlayground(
  context: BrowserContext,
  worker: Worker,
  playground: Playground,
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

/** The panel as an extension page for a tab, once it is connected. */
export async function openPanel(context: BrowserContext, tabId: number, query = ''): Promise<Page> {
  const panel = await context.newPage();
  await panel.goto(
    `chrome-extension://${EXTENSION_ID}/src/panel/index.html?tabId=${tabId}${query}`,
  );
  await expect(panel.getByTestId('connection-status')).toHaveText(/^Connected/);
  return panel;
}

/** Runs one playground scenario in the page and waits for its calls to settle. */
export async function runScenario(page: Page, id: string): Promise<void> {
  await page.evaluate(async (scenario) => {
    await window.runScenario(scenario);
  }, id);
}

/** The panel's Export report button, everything recorded, redaction as by default. */
export async function exportEverything(panel: Page): Promise<{ text: string; filename: string }> {
  await panel.getByRole('button', { name: 'Export report' }).click();
  const dialog = panel.getByRole('dialog', { name: 'Export report' });
  await dialog.getByLabel(/Everything recorded/).check();
  const [download] = await Promise.all([
    panel.waitForEvent('download'),
    dialog.getByRole('button', { name: 'Export' }).click(),
  ]);
  return {
    text: readFileSync(await download.path(), 'utf8'),
    filename: download.suggestedFilename(),
  };
}
