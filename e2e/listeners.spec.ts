/**
 * What the worker listens to (issue 14): every tab by default; with "Record only tabs with
 * this panel open", only inspected tabs, and nothing at all while no panel is open, through
 * panels opening and closing and the worker being stopped.
 */
import type { BrowserContext, Worker } from '@playwright/test';
import { expect, test } from './fixtures';
import { openPanel, openPlayground, runScenario } from './playground-pages';
import { restartWorker, waitUntilSaved } from './worker-control';

/** The extension's worker now running (a restarted one replaces the first). */
function currentWorker(context: BrowserContext): Worker {
  const worker = context.serviceWorkers().at(-1);
  if (!worker) throw new Error('no extension worker');
  return worker;
}

/** What the worker listens to (corsLensDebug) and whether Chromium dispatches to it at all. */
function listening(context: BrowserContext) {
  return currentWorker(context).evaluate(() => ({
    scopes: globalThis.corsLensDebug().listening,
    any: chrome.webRequest.onSendHeaders.hasListeners(),
  }));
}

test('records every tab by default; only inspected tabs, and nothing while no panel is open, when asked', async ({
  context,
  serviceWorker,
  playground,
}) => {
  const { page, tabId } = await openPlayground(context, serviceWorker, playground);
  await expect.poll(() => listening(context)).toEqual({ scopes: ['all'], any: true });

  let panel = await openPanel(context, tabId);
  await panel.getByLabel('Record only tabs with this panel open').check();
  await expect.poll(() => listening(context)).toEqual({ scopes: [tabId], any: true });

  await panel.close();
  await expect.poll(() => listening(context)).toEqual({ scopes: [], any: false });
  // Nothing is recorded meanwhile: the request is not in the log when a panel opens.
  await runScenario(page, 'missing-acao');

  panel = await openPanel(context, tabId);
  await expect.poll(() => listening(context)).toEqual({ scopes: [tabId], any: true });
  await expect(panel.locator('.list-empty')).toBeVisible();
  await runScenario(page, 'missing-acao');
  await expect(panel.locator('tr[data-status="blocked"]')).toHaveCount(1);

  // A stopped worker listens again to the inspected tab once the panel is back. Chrome
  // stops a worker after 30 s idle, so after its last save (the page probe's report of the
  // call comes after the exchange and is saved with it).
  await waitUntilSaved(serviceWorker);
  await restartWorker(context, panel);
  await expect.poll(() => listening(context)).toEqual({ scopes: [tabId], any: true });
  await runScenario(page, 'acao-mismatch');
  await expect(panel.locator('tr[data-status="blocked"]')).toHaveCount(2);

  // Back to recording every tab.
  await panel.getByLabel('Record only tabs with this panel open').uncheck();
  await expect.poll(() => listening(context)).toEqual({ scopes: ['all'], any: true });
});
