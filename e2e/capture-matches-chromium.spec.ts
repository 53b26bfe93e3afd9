/**
 * The extension end to end: every playground scenario runs in real Chromium, the
 * extension's worker records it from webRequest, the panel page receives it through the
 * real protocol, and each row must carry Chromium's own verdict (CDP), the right preflight
 * pairing and, for a reused preflight, a link to the exchange that sent it.
 */
import type { BrowserContext, Page, Worker } from '@playwright/test';
import { createRequire } from 'node:module';
import { CdpRecorder } from './cdp-recorder';
import { EXTENSION_ID } from './extension-id';
import { expect, extensionWorker, launchWithExtension, test } from './fixtures';
import { exportEverything } from './playground-pages';
import { SCENARIOS, type Scenario } from './playground/scenarios';
import { startPlayground, type Playground } from './playground/server';
import { restartWorker, waitUntilSaved } from './worker-control';

// One browser for the file, tests in order: later tests read rows earlier ones recorded.
test.describe.configure({ mode: 'default' });

let context: BrowserContext;
let worker: Worker;
let page: Page;
let panel: Page;
let playground: Playground;
let recorder: CdpRecorder;

interface Row {
  id: string;
  url: string;
  status: string | null;
  corsError: string | null;
  failedParameter: string | null;
  preflight: string | null;
  cachedFrom: string | null;
}

async function rowsFor(scenario: Scenario): Promise<Row[]> {
  const prefix = `${playground.origins.api}/s/${scenario.id}`;
  return panel.$$eval(
    'tr[data-exchange-id]',
    (rows, p) =>
      rows
        .map((row) => ({
          id: row.getAttribute('data-exchange-id') ?? '',
          url: row.querySelector('td.url')?.getAttribute('title') ?? '',
          status: row.getAttribute('data-status'),
          corsError: row.getAttribute('data-cors-error'),
          failedParameter: row.getAttribute('data-failed-parameter'),
          preflight: row.getAttribute('data-preflight'),
          cachedFrom: row.getAttribute('data-cached-from'),
        }))
        .filter((row) => row.url.startsWith(p)),
    prefix,
  );
}

async function runInPage(id: string): Promise<Array<{ ok: boolean }>> {
  return page.evaluate((scenarioId) => window.runScenario(scenarioId), id);
}

async function tabIdOf(url: string): Promise<number> {
  const id = await worker.evaluate(
    async (prefix) => (await chrome.tabs.query({})).find((tab) => tab.url?.startsWith(prefix))?.id,
    url,
  );
  if (id === undefined) throw new Error(`no tab for ${url}`);
  return id;
}

test.beforeAll(async () => {
  playground = await startPlayground();
  context = await launchWithExtension();
  worker = await extensionWorker(context);
  page = await context.newPage();
  recorder = await CdpRecorder.attach(await context.newCDPSession(page));
  await page.goto(playground.pageUrl);
  await page.waitForFunction(() => 'playgroundReady' in window);
  panel = await context.newPage();
  // The list is virtualized (only rows in view are in the DOM): a panel tall enough for
  // every row this file records lets the tests read them all.
  await panel.setViewportSize({ width: 1280, height: 4000 });
  await panel.goto(
    `chrome-extension://${EXTENSION_ID}/src/panel/index.html?tabId=${await tabIdOf(playground.pageUrl)}`,
  );
  await expect(panel.getByTestId('connection-status')).toHaveText(/^Connected/);
});

test.afterAll(async () => {
  await context.close();
  await playground.close();
});

const seenByPageCdp = (s: Scenario) => s.call.via === undefined || s.call.via === 'xhr';

for (const scenario of SCENARIOS) {
  test(`${scenario.id}: the panel shows Chromium's verdict`, async () => {
    const pageResults = await runInPage(scenario.id);
    const count = scenario.call.repeat ?? 1;
    await expect
      .poll(async () => (await rowsFor(scenario)).filter((r) => r.status !== 'pending').length)
      .toBe(count);
    const rows = await rowsFor(scenario);

    if (seenByPageCdp(scenario)) {
      const prefix = `${playground.origins.api}/s/${scenario.id}`;
      await expect
        .poll(() => recorder.actualRequests(prefix).filter((id) => recorder.isDone(id)).length)
        .toBe(count);
      const verdicts = recorder.actualRequests(prefix).map((id) => recorder.verdict(id));
      expect(rows.map((r) => [r.status, r.corsError, r.failedParameter])).toEqual(
        verdicts.map((v) =>
          v.corsError ? ['blocked', v.corsError, v.failedParameter] : ['allowed', null, null],
        ),
      );
    } else {
      // A worker's or an iframe's requests belong to another CDP target: the page's own
      // outcome is the browser's word, and the catalogue names the error.
      expect(rows.map((r) => r.status)).toEqual(
        pageResults.map((r) => (r.ok ? 'allowed' : 'blocked')),
      );
      if (scenario.chromium !== 'allowed')
        expect(rows[0]?.corsError).toBe(scenario.chromium.corsError);
    }

    // Click the exchange: the card names the check Chromium named, and its parameter.
    const first = rows[0];
    if (!first) throw new Error('no row');
    await panel.locator(`tr[data-exchange-id="${first.id}"]`).click();
    const card = panel.getByTestId('exchange-card');
    await expect(card).toHaveAttribute('data-exchange-id', first.id);
    await expect(card).toHaveAttribute('data-status', first.status ?? '');
    if (first.corsError) {
      await expect(card.getByRole('region', { name: /failed check/i })).toContainText(
        first.corsError,
      );
      if (first.failedParameter) await expect(card).toContainText(first.failedParameter);
    }
  });
}

test('preflights are paired with their requests, and a reused one is linked', async () => {
  const sent = SCENARIOS.find((s) => s.id === 'put-preflight-allowed');
  const cached = SCENARIOS.find((s) => s.id === 'put-cached-preflight');
  const simple = SCENARIOS.find((s) => s.id === 'simple-get-allowed');
  if (!sent || !cached || !simple) throw new Error('scenario missing');
  await runInPage(sent.id);
  await runInPage(cached.id);
  await runInPage(simple.id);
  await expect
    .poll(async () => (await rowsFor(cached)).filter((r) => r.status === 'allowed').length)
    .toBeGreaterThanOrEqual(2);
  // The scenario test above ran each first: in this browser their first rows are the
  // ones that went to the network (later runs may reuse the still-valid preflight).
  const [first, second] = await rowsFor(cached);
  expect(first?.preflight).toBe('sent');
  expect(second?.preflight).toBe('cached');
  expect(second?.cachedFrom).toBe(first?.id);
  expect((await rowsFor(sent))[0]?.preflight).toBe('sent');
  expect((await rowsFor(simple))[0]?.preflight).toBe('none');
  // One row per request: the preflight is never a row of its own.
  expect(await panel.locator('td.method', { hasText: 'OPTIONS' }).count()).toBe(0);
});

test('a stopped worker loses no exchange, and records again when it wakes', async () => {
  await runInPage('simple-get-allowed');
  await runInPage('header-not-allowed');
  await expect.poll(() => panel.locator('tr[data-status="pending"]').count()).toBe(0);
  await waitUntilSaved(worker);
  const before = await panel
    .locator('tr[data-exchange-id]')
    .evaluateAll((rows) =>
      rows.map(
        (r) => `${r.getAttribute('data-exchange-id') ?? ''} ${r.getAttribute('data-status') ?? ''}`,
      ),
    );
  expect(before.length).toBeGreaterThan(0);
  await restartWorker(context, panel);

  const after = await panel
    .locator('tr[data-exchange-id]')
    .evaluateAll((rows) =>
      rows.map(
        (r) => `${r.getAttribute('data-exchange-id') ?? ''} ${r.getAttribute('data-status') ?? ''}`,
      ),
    );
  expect(after).toEqual(before);

  const missing = SCENARIOS.find((s) => s.id === 'missing-acao');
  if (!missing) throw new Error('scenario missing');
  const countBefore = (await rowsFor(missing)).length;
  await runInPage(missing.id);
  await expect
    .poll(async () => (await rowsFor(missing)).filter((r) => r.status === 'blocked').length)
    .toBe(countBefore + 1);
});

test('Export report: the HAR carries Chromium’s verdict for every scenario, no secret, and reopens the same', async () => {
  await runInPage('header-not-allowed');
  await expect.poll(() => panel.locator('tr[data-status="pending"]').count()).toBe(0);
  const { text, filename } = await exportEverything(panel);
  expect(filename).toMatch(/^cors-lens-127\.0\.0\.1_\d+-\d{8}-\d{6}\.har$/);
  // The playground's session cookie and bearer token were sent; a default export hides them.
  expect(text).not.toContain('playground-session');
  expect(text).not.toContain('playground-token');

  const har = JSON.parse(text) as {
    log: {
      entries: Array<{
        request: { url: string };
        _cors?: { verdict?: string; failure?: { corsError: string; failedParameter: string } };
      }>;
    };
  };
  // Valid HAR 1.2, by a maintained validator (the unit tests also use har-schema).
  const { HarValidator } = createRequire(import.meta.url)('@har-sdk/validator') as {
    HarValidator: new () => { verify(doc: unknown): Promise<unknown[]> };
  };
  expect(await new HarValidator().verify(har)).toEqual([]);
  for (const scenario of SCENARIOS.filter(seenByPageCdp)) {
    const prefix = `${playground.origins.api}/s/${scenario.id}`;
    const exported = har.log.entries
      .filter((e) => e.request.url.startsWith(prefix) && e._cors?.verdict !== undefined)
      .map((e) => [
        e._cors?.verdict,
        e._cors?.failure?.corsError ?? null,
        e._cors?.failure?.failedParameter ?? null,
      ]);
    const chromium = recorder
      .actualRequests(prefix)
      .map((id) => recorder.verdict(id))
      .map((v) =>
        v.corsError ? ['blocked', v.corsError, v.failedParameter] : ['allowed', null, null],
      );
    expect(exported, scenario.id).toEqual(chromium);
  }

  await panel.getByLabel('Report file to open').setInputFiles({
    name: filename,
    mimeType: 'application/json',
    buffer: Buffer.from(text),
  });
  await expect(panel.getByRole('region', { name: 'Opened report' })).toContainText(filename);
  const missing = SCENARIOS.find((s) => s.id === 'header-not-allowed');
  if (!missing) throw new Error('scenario missing');
  const reopened = await rowsFor(missing);
  expect(reopened.map((r) => [r.status, r.corsError, r.failedParameter])).toContainEqual([
    'blocked',
    'HeaderDisallowedByPreflightResponse',
    'x-foo',
  ]);
  await panel.getByRole('button', { name: 'Back to the live recording' }).click();
  await expect(panel.getByRole('region', { name: 'Opened report' })).toHaveCount(0);
});
