/**
 * Secrets where real apps put them, through the real browser, worker and panel: the default
 * Export report holds none, and the worker never kept the header ones at all.
 */
import { readFileSync } from 'node:fs';
import { expect, test } from './fixtures';
import { openPanel, openPlayground, runScenario } from './playground-pages';
import { EXCHANGE_SECRETS } from './playground/scenarios';
import { startPlayground } from './playground/server';
import { waitUntilSaved } from './worker-control';

const SECRETS = Object.entries(EXCHANGE_SECRETS);
const found = (text: string) => SECRETS.filter(([, s]) => text.includes(s)).map(([name]) => name);

/** Secrets that ride in header values: replaced before the worker keeps the event. */
const HEADER_SECRETS = ['jwtSignature', 'namelessCookie', 'secondCookie', 'githubToken'];

test('a default export through the Export button holds none of the exchange’s secrets', async ({
  context,
  serviceWorker,
}) => {
  const playground = await startPlayground();
  try {
    const { page, tabId } = await openPlayground(context, serviceWorker, playground);
    await runScenario(page, 'secrets-in-the-exchange');
    const panel = await openPanel(context, tabId);
    const rows = panel.locator('tr[data-exchange-id]');
    await expect(rows.filter({ hasText: 'secrets-in-the-exchange' })).toHaveCount(1);
    await expect(panel.locator('tr[data-status="pending"]')).toHaveCount(0);

    await panel.getByRole('button', { name: 'Export report' }).click();
    const dialog = panel.getByRole('dialog', { name: 'Export report' });
    await dialog.getByLabel(/Everything recorded/).check();
    const [download] = await Promise.all([
      panel.waitForEvent('download'),
      dialog.getByRole('button', { name: 'Export' }).click(),
    ]);
    const text = readFileSync(await download.path(), 'utf8');
    // The exchange is in the report, with its redirect and cookies, markers in place of values.
    expect(text).toContain('/s/secrets-in-the-exchange;jsessionid=REDACTED-');
    expect(text).toContain('Set-Cookie');
    expect(found(text)).toEqual([]);

    // At rest: the worker kept the URLs (the page's own history has them), no header secret.
    await waitUntilSaved(serviceWorker);
    const stored = await serviceWorker.evaluate(async () =>
      JSON.stringify(await chrome.storage.session.get(null)),
    );
    expect(stored).toContain(EXCHANGE_SECRETS.code);
    expect(found(stored).filter((name) => HEADER_SECRETS.includes(name))).toEqual([]);
  } finally {
    await playground.close();
  }
});
