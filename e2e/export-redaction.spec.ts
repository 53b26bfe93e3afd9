/**
 * Secrets where real apps put them, through the real browser, worker and panel: the default
 * Export report holds none, and the worker never kept the header ones at all.
 */
import { expect, test } from './fixtures';
import { exportEverything, openPanel, openPlayground, runScenario } from './playground-pages';
import { EXCHANGE_SECRETS } from './playground/scenarios';
import { waitUntilSaved } from './worker-control';

const SECRETS = Object.entries(EXCHANGE_SECRETS);
const found = (text: string) => SECRETS.filter(([, s]) => text.includes(s)).map(([name]) => name);

/** Secrets that ride in header values: replaced before the worker keeps the event. */
const HEADER_SECRETS = ['jwtSignature', 'namelessCookie', 'secondCookie', 'githubToken'];

test('a default export through the Export button holds none of the exchange’s secrets', async ({
  context,
  serviceWorker,
  playground,
}) => {
  const { page, tabId } = await openPlayground(context, serviceWorker, playground);
  await runScenario(page, 'secrets-in-the-exchange');
  const panel = await openPanel(context, tabId);
  const rows = panel.locator('tr[data-exchange-id]');
  await expect(rows.filter({ hasText: 'secrets-in-the-exchange' })).toHaveCount(1);
  await expect(panel.locator('tr[data-status="pending"]')).toHaveCount(0);

  const { text } = await exportEverything(panel);
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
});

test("calls fetch() itself refuses are named, and the password Chromium's TypeError quotes is in no default export", async ({
  context,
  serviceWorker,
  playground,
}) => {
  const { page, tabId } = await openPlayground(context, serviceWorker, playground);
  const password = 'CANARYpagePassword42';
  const withPassword = `${playground.origins.api}/s/url-credentials`.replace(
    '://',
    `://admin:${password}@`,
  );
  const errors = await page.evaluate(
    ([url, api]) =>
      Promise.all([
        fetch(url).then(
          () => 'sent',
          (e: unknown) => String(e),
        ),
        fetch(`${api}/s/no-cors-put`, { mode: 'no-cors', method: 'PUT' }).then(
          () => 'sent',
          (e: unknown) => String(e),
        ),
      ]),
    [withPassword, playground.origins.api] as const,
  );
  // Chromium's own words: the first quotes the URL, password and all.
  expect(errors[0]).toContain(password);
  expect(errors[1]).toContain('no-cors');
  const panel = await openPanel(context, tabId);
  for (const path of ['/s/url-credentials', '/s/no-cors-put']) {
    await expect(
      panel.locator('tr[data-exchange-id][data-status="failed"]').filter({ hasText: path }),
    ).toHaveCount(1);
  }
  const { text } = await exportEverything(panel);
  const har = JSON.parse(text) as {
    log: { entries: Array<{ _cors?: { cause?: { id: string } } }> };
  };
  expect(har.log.entries.map((e) => e._cors?.cause?.id).sort()).toEqual([
    'no-cors-method',
    'url-credentials',
  ]);
  expect(text).toContain('Request cannot be constructed from a URL that includes credentials');
  expect(text).not.toContain(password);
});
