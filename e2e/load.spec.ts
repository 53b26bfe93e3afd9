/**
 * Under load, in real Chromium with the built extension: a flood keeps the log at its
 * bound (the dropped count shown) and the panel answering; a worker stopped in the middle
 * of a flood loses no exchange it had recorded. Assertions are on results, never on time
 * (`npm run bench` measures time).
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { openPanel, openPlayground } from './playground-pages';
import { restartWorker, waitUntilSaved, workerDebug } from './worker-control';
import { startPlayground, type Playground } from './playground/server';

// One test at a time: two floods side by side on two cores only measure the machine.
test.describe.configure({ mode: 'default' });

let playground: Playground;
test.beforeAll(async () => {
  playground = await startPlayground();
});
test.afterAll(async () => {
  await playground.close();
});

/** `count` allowed GETs tagged `tag=i`, 50 in flight; resolves when all have answered. */
const flood = (page: Page, count: number, tag: string) =>
  page.evaluate(
    async ({ count, tag }) => {
      const api = document.body.dataset.api ?? '';
      let next = 0;
      const lane = async () => {
        while (next < count) {
          const i = next++;
          await fetch(`${api}/s/simple-get-wildcard?${tag}=${i}`)
            .then((r) => r.arrayBuffer())
            .catch(() => undefined);
        }
      };
      await Promise.all(Array.from({ length: 50 }, lane));
    },
    { count, tag },
  );

/** How many exchanges the panel shows for a filter text (the list is virtualized: read the count). */
async function shownFor(panel: Page, text: string): Promise<string> {
  const filter = panel.getByRole('searchbox', { name: 'Filter exchanges' });
  await filter.fill(text);
  return (await panel.getByTestId('shown-count').textContent()) ?? '';
}

test('a flood of 2,000 requests keeps the log at its bound, and the panel answers', async ({
  context,
  serviceWorker,
}) => {
  test.setTimeout(120_000);
  const { page, tabId } = await openPlayground(context, serviceWorker, playground);
  const panel = await openPanel(context, tabId);
  const bound = panel.getByRole('spinbutton');
  await bound.fill('100');
  await bound.press('Enter');
  await expect(bound).toHaveValue('100');

  await flood(page, 2_000, 'flood');
  const counts = panel.getByTestId('exchange-counts');
  await expect(counts).toHaveText(/^100 exchanges, 0 blocked, \d+ older dropped$/, {
    timeout: 20_000,
  });
  const dropped = Number(/(\d+) older dropped/.exec((await counts.textContent()) ?? '')?.[1]);
  expect(dropped).toBeGreaterThanOrEqual(1_900);

  // Responsive: a filter keystroke is applied, on the newest rows the bound kept.
  const filter = panel.getByRole('searchbox', { name: 'Filter exchanges' });
  await filter.fill('flood=1999');
  await expect(panel.getByTestId('shown-count')).toHaveText('1 shown');
  await expect(panel.locator('tr[data-exchange-id] td.url')).toHaveAttribute(
    'title',
    `${playground.origins.api}/s/simple-get-wildcard?flood=1999`,
  );
  await filter.fill('flood=0');
  await expect(panel.getByTestId('shown-count')).toHaveText('0 shown');
  await filter.press('Escape');
  await expect(counts).toHaveText(/^100 exchanges/);
});

test('a worker stopped in the middle of a flood loses no exchange it had recorded', async ({
  context,
  serviceWorker,
}) => {
  test.setTimeout(120_000);
  const { page, tabId } = await openPlayground(context, serviceWorker, playground);
  const panel = await openPanel(context, tabId);
  const counts = panel.getByTestId('exchange-counts');

  // Recorded: shown in the panel, and the worker says nothing waits to be written.
  await flood(page, 600, 'before');
  await expect(counts).toHaveText('600 exchanges, 0 blocked', { timeout: 20_000 });
  await waitUntilSaved(serviceWorker);

  // The flood goes on while the worker is stopped: requests in flight may go unseen.
  const during = flood(page, 600, 'during');
  await restartWorker(context, panel);
  await during;

  // Every exchange recorded before the stop is still there.
  expect(await shownFor(panel, 'before=')).toBe('600 shown');
  // And the new worker records: a later flood is all there.
  await flood(page, 200, 'after');
  await expect.poll(() => shownFor(panel, 'after=')).toBe('200 shown');
});

test('more than storage.session holds: saves keep working, and a restarted worker brings back the newest', async ({
  context,
  serviceWorker,
}) => {
  test.setTimeout(180_000);
  const { page, tabId } = await openPlayground(context, serviceWorker, playground);
  const panel = await openPanel(context, tabId);
  const counts = panel.getByTestId('exchange-counts');

  // Preflighted PUTs with a 1.5 kB header: 2,400 of them are well over the recording's 8 MiB
  // budget, and over storage.session's 10 MiB had they been stored as plain objects.
  const total = 2_400;
  await page.evaluate(async (count) => {
    const api = document.body.dataset.api ?? '';
    let next = 0;
    const lane = async () => {
      while (next < count) {
        const i = next++;
        await fetch(`${api}/s/put-preflight-allowed?big=${i}`, {
          method: 'PUT',
          headers: { 'x-foo': `${i}:${'v'.repeat(1_500)}` },
        })
          .then((r) => r.arrayBuffer())
          .catch(() => undefined);
      }
    };
    await Promise.all(Array.from({ length: 50 }, lane));
  }, total);
  await expect(counts).toHaveText(`${total} exchanges, 0 blocked`, { timeout: 60_000 });

  await waitUntilSaved(serviceWorker, 30_000);
  const saved = await workerDebug(serviceWorker);
  expect(saved.lastProblem).toBeUndefined();
  expect(saved.sessionBytes).toBeLessThanOrEqual(10 * 2 ** 20);

  await restartWorker(context, panel);

  // The newest came back; what did not fit is counted, not silently lost.
  const restored = async () => {
    const text = (await counts.textContent()) ?? '';
    const [, kept = '0', dropped = '0'] =
      /^(\d+) exchanges, 0 blocked, (\d+) older dropped$/.exec(text) ?? [];
    return { kept: Number(kept), dropped: Number(dropped) };
  };
  await expect
    .poll(async () => {
      const { kept, dropped } = await restored();
      return kept + dropped;
    })
    .toBe(total);
  const { kept, dropped } = await restored();
  expect(dropped).toBeGreaterThan(0);
  expect(kept).toBeGreaterThan(total / 4);
  expect(await shownFor(panel, `big=${total - 1}`)).toBe('1 shown');
});
