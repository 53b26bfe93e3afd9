/**
 * The exchange list in real Chromium with the built extension: the filter, the
 * keyboard (selection, details, Escape), the splitter, the theme, and a list far
 * longer than the DOM holds (virtualized, following new rows while at its end).
 */
import type { Locator, Page } from '@playwright/test';
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

/** `count` allowed GETs, fired in parallel batches. */
const fire = (page: Page, count: number, tag: string) =>
  page.evaluate(
    async ({ count, tag }) => {
      const api = document.body.dataset.api ?? '';
      for (let done = 0; done < count; done += 50) {
        await Promise.all(
          Array.from({ length: Math.min(50, count - done) }, (_, n) =>
            fetch(`${api}/s/simple-get-wildcard?${tag}=${done + n}`).catch(() => undefined),
          ),
        );
      }
    },
    { count, tag },
  );

const statuses = (rows: Locator) =>
  rows.evaluateAll((all) => all.map((row) => row.getAttribute('data-status')));
/** Whether a row is fully visible in the list, below its sticky header. */
const inView = (row: Locator) =>
  row.evaluate((el) => {
    const box = el.getBoundingClientRect();
    const scroller = el.closest('.list-scroll')?.getBoundingClientRect();
    const header = el.closest('table')?.querySelector('thead')?.getBoundingClientRect();
    return (
      scroller !== undefined &&
      header !== undefined &&
      box.top >= header.bottom - 0.5 &&
      box.bottom <= scroller.bottom + 0.5
    );
  });
const selected = (panel: Page) =>
  panel.locator('tr[data-exchange-id][aria-selected="true"] td.url').getAttribute('title');

test('filter, keyboard and details', async ({ context, serviceWorker }) => {
  const { page, tabId } = await openPlayground(context, serviceWorker, playground);
  const panel = await openPanel(context, tabId);
  const rows = panel.locator('tr[data-exchange-id]');
  const scenarios = [
    'simple-get-allowed',
    'missing-acao',
    'put-preflight-allowed',
    'header-not-allowed',
    'error-500-without-cors',
  ];
  for (const id of scenarios) await runScenario(page, id);
  await expect(rows).toHaveCount(5);
  await expect(panel.locator('tr[data-status="pending"]')).toHaveCount(0);
  await expect(panel.getByTestId('exchange-counts')).toHaveText('5 exchanges, 3 blocked');
  const urlOf = (id: string) => `${playground.origins.api}/s/${id}`;

  // The filter box: `is:blocked` leaves the blocked rows; Escape clears it.
  const filter = panel.getByRole('searchbox', { name: 'Filter exchanges' });
  await filter.fill('is:blocked');
  await expect(rows).toHaveCount(3);
  expect(await statuses(rows)).toEqual(['blocked', 'blocked', 'blocked']);
  await expect(panel.getByTestId('shown-count')).toHaveText('3 shown');
  await filter.fill('method:PUT');
  await expect(rows).toHaveCount(2);
  await filter.fill('wat:now');
  await expect(panel.getByRole('status').filter({ hasText: 'Unknown filter key' })).toBeVisible();
  await filter.press('Escape');
  await expect(filter).toHaveValue('');
  await expect(rows).toHaveCount(5);
  await panel.getByLabel('Blocked only').check();
  await expect(rows).toHaveCount(3);
  await panel.getByLabel('Blocked only').uncheck();
  await expect(rows).toHaveCount(5);

  // Escape in the empty box goes to the list; "/" comes back.
  const grid = panel.getByRole('grid', { name: 'Cross-origin exchanges' });
  await filter.press('Escape');
  await expect(grid).toBeFocused();
  await panel.keyboard.press('/');
  await expect(filter).toBeFocused();
  await filter.press('Escape');
  await expect(grid).toBeFocused();

  // Arrows, Home and End move the selection; nothing opens yet.
  await panel.keyboard.press('ArrowDown');
  expect(await selected(panel)).toBe(urlOf(scenarios[0] ?? ''));
  await panel.keyboard.press('ArrowDown');
  expect(await selected(panel)).toBe(urlOf(scenarios[1] ?? ''));
  await panel.keyboard.press('End');
  expect(await selected(panel)).toBe(urlOf(scenarios[4] ?? ''));
  await panel.keyboard.press('ArrowUp');
  expect(await selected(panel)).toBe(urlOf(scenarios[3] ?? ''));
  await expect(panel.locator('.details-pane')).toHaveCount(0);

  // Enter opens the details and moves focus into them; Escape closes and returns.
  await panel.keyboard.press('Enter');
  const details = panel.locator('.details-pane');
  await expect(details).toBeVisible();
  await expect(details).toContainText('/s/header-not-allowed');
  expect(
    await panel.evaluate(() => document.activeElement?.closest('.details-pane') !== null),
  ).toBe(true);
  await panel.keyboard.press('Escape');
  await expect(details).toHaveCount(0);
  await expect(grid).toBeFocused();

  // A click opens another; the arrows then follow in the details.
  await rows.nth(1).click();
  await expect(details).toContainText('/s/missing-acao');
  await panel.keyboard.press('ArrowDown');
  await expect(details).toContainText('/s/put-preflight-allowed');

  // The splitter resizes the list from the keyboard.
  const splitter = panel.getByRole('separator', { name: 'Resize the exchange list' });
  const before = Number(await splitter.getAttribute('aria-valuenow'));
  const listWidth = () =>
    panel.locator('.list-pane').evaluate((el) => el.getBoundingClientRect().width);
  const widthBefore = await listWidth();
  await splitter.focus();
  await panel.keyboard.press('ArrowRight');
  await expect(splitter).toHaveAttribute('aria-valuenow', String(before + 2));
  expect(await listWidth()).toBeGreaterThan(widthBefore);
});

test('a long list stays a window of rows and follows new ones', async ({
  context,
  serviceWorker,
}) => {
  const { page, tabId } = await openPlayground(context, serviceWorker, playground);
  const panel = await openPanel(context, tabId);
  const rows = panel.locator('tr[data-exchange-id]');
  const counts = panel.getByTestId('exchange-counts');
  const scroller = panel.locator('.list-scroll');
  const atBottom = () =>
    scroller.evaluate((el) => el.scrollTop + el.clientHeight >= el.scrollHeight - 11);

  await fire(page, 300, 'first');
  await expect(counts).toHaveText('300 exchanges, 0 blocked');
  const inDom = await rows.count();
  expect(inDom).toBeGreaterThan(10);
  expect(inDom).toBeLessThan(100);
  // DevTools density: fixed 22 px rows.
  expect(await rows.first().evaluate((row) => row.getBoundingClientRect().height)).toBe(22);
  // Newest last, and the list followed them to the end.
  await expect.poll(atBottom).toBe(true);
  await expect(rows.last().locator('td.url')).toHaveAttribute('title', /first=\d+$/);

  // Scrolled up, new rows do not pull the list down...
  await scroller.evaluate((el) => {
    el.scrollTop = 0;
  });
  await expect(panel.locator('tr[aria-rowindex="2"]')).toHaveCount(1);
  await fire(page, 20, 'second');
  await expect(counts).toHaveText('320 exchanges, 0 blocked');
  expect(await scroller.evaluate((el) => el.scrollTop)).toBe(0);
  // ...back at the end, it follows again.
  await scroller.evaluate((el) => {
    el.scrollTop = el.scrollHeight;
  });
  await fire(page, 20, 'third');
  await expect(counts).toHaveText('340 exchanges, 0 blocked');
  await expect.poll(atBottom).toBe(true);
  await expect(rows.last().locator('td.url')).toHaveAttribute('title', /third=\d+$/);
  expect(await rows.count()).toBeLessThan(100);

  // Home and End select the oldest and the newest exchange; the window keeps them rendered.
  await panel.getByRole('grid').focus();
  await panel.keyboard.press('Home');
  await expect(rows.first()).toHaveAttribute('aria-selected', 'true');
  await expect(rows.first().locator('td.url')).toHaveAttribute('title', /first=\d+$/);
  expect(await inView(rows.first())).toBe(true);
  await panel.keyboard.press('End');
  await expect(rows.last()).toHaveAttribute('aria-selected', 'true');
  await expect(rows.last().locator('td.url')).toHaveAttribute('title', /third=\d+$/);
  expect(await inView(rows.last())).toBe(true);
  expect(await rows.count()).toBeLessThan(100);
});

test('the panel follows the DevTools theme it is given', async ({ context, serviceWorker }) => {
  const { tabId } = await openPlayground(context, serviceWorker, playground);
  const dark = await openPanel(context, tabId, '&theme=dark');
  await expect(dark.locator('html')).toHaveAttribute('data-theme', 'dark');
  expect(await dark.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe(
    'rgb(32, 33, 36)',
  );
  const light = await openPanel(context, tabId, '&theme=default');
  await expect(light.locator('html')).toHaveAttribute('data-theme', 'light');
  expect(await light.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe(
    'rgb(255, 255, 255)',
  );
});
