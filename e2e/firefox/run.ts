/**
 * End-to-end in Debian's firefox-esr, driven through its own WebDriver BiDi (Playwright
 * cannot drive it): installs the e2e build (dist-firefox-e2e/, `npm run test:firefox`),
 * runs every playground scenario the page itself fetches, and checks the recorded exchanges
 * against Firefox's own decision, read from the page (the fetch resolved or threw).
 * The panel page (opened by the e2e build) shows them, as a developer would see them.
 */
import { strict as assert } from 'node:assert';
import { resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { SCENARIOS } from '../playground/scenarios';
import { startPlayground, type Playground } from '../playground/server';
import { EXTENSION_ORIGIN, extensionPage, Firefox, poll } from './bidi';

const DIST = resolve(import.meta.dirname, '..', '..', 'dist-firefox-e2e');

/** Blocked only for credentials webRequest cannot see (recorded-firefox-streams.test.ts). */
const CREDENTIALS_ONLY = new Set([
  'acac-upper-case',
  'credentials-without-acac',
  'wildcard-with-credentials',
]);

interface PageResult {
  ok: boolean;
  status?: number;
  error?: string;
}

interface Row {
  url: string;
  status: string;
  corsError: string | null;
  failedParameter: string | null;
  headline: string;
}

const READ_ROWS = `[...document.querySelectorAll('tr[data-exchange-id]')].map((tr) => ({
  url: tr.querySelector('td.url')?.getAttribute('title') ?? '',
  status: tr.getAttribute('data-status'),
  corsError: tr.getAttribute('data-cors-error'),
  failedParameter: tr.getAttribute('data-failed-parameter'),
  headline: tr.querySelector('td.reason')?.getAttribute('title') ?? '',
}))`;

let ff: Firefox;
let playground: Playground;
let panel: string;
let page: string;

void describe('CORS Lens in firefox-esr', () => {
  before(async () => {
    playground = await startPlayground();
    ff = await Firefox.launch();
    await ff.installExtension(DIST);
    panel = await extensionPage(ff);
    // The page probe is registered as the background starts: pages opened after it have it.
    await poll(
      async () =>
        (await ff.evaluate<number>(
          panel,
          'browser.scripting.getRegisteredContentScripts().then((s) => s.length)',
        )) === 2 || undefined,
      10_000,
      'the page probe registered',
    );
    page = await ff.newTab(playground.pageUrl);
    await ff.waitFor(page, `'playgroundReady' in window`);
    // The playground tab's id, from the extension's side, then the panel for that tab.
    const tabId = await poll(
      () =>
        ff.evaluate<number | null>(
          panel,
          `browser.tabs.query({}).then((tabs) => tabs.find((t) => t.url === ${JSON.stringify(playground.pageUrl)})?.id ?? null)`,
        ),
      10_000,
      'the playground tab',
    );
    await ff.evaluate(panel, `location.search = '?tabId=${String(tabId)}'; true`);
    await poll(
      async () =>
        (await ff.contexts()).some(
          (c) => c.context === panel && c.url.includes(`tabId=${String(tabId)}`),
        ),
      10_000,
      'the panel page',
    );
    await ff.waitFor(
      panel,
      `document.readyState === 'complete' && !!document.querySelector('table, [role=grid], main')`,
    );
  });

  after(async () => {
    await ff.close();
    await playground.close();
  });

  void it('runs the extension as Firefox: the background knows its browser', async () => {
    const info = await ff.evaluate<{ name: string }>(panel, 'browser.runtime.getBrowserInfo()');
    assert.equal(info.name, 'Firefox');
    assert.ok((await ff.contexts()).some((c) => c.url.startsWith(EXTENSION_ORIGIN)));
  });

  for (const scenario of SCENARIOS.filter((s) => s.call.via === undefined)) {
    void it(`${scenario.id}: the recorded exchange matches Firefox's decision`, async () => {
      const results = await ff.evaluate<PageResult[]>(
        page,
        `window.runScenario(${JSON.stringify(scenario.id)})`,
      );
      const prefix = `${playground.origins.api}/s/${scenario.id}`;
      const rows = await poll<Row[] | undefined>(
        async () => {
          const all = await ff.evaluate<Row[]>(panel, READ_ROWS);
          const mine = all.filter((r) => r.url.startsWith(prefix));
          const settled =
            mine.length >= results.length && mine.every((r) => r.status !== 'pending');
          return settled ? mine : undefined;
        },
        10_000,
        `${String(results.length)} settled row(s) for ${scenario.id}`,
      );
      assert.equal(rows.length, results.length, JSON.stringify(rows));
      // The panel lists the newest first.
      const oldestFirst: Row[] = [...rows].reverse();
      results.forEach((result, i) => {
        const row = oldestFirst[i];
        if (!row) throw new Error(`no row #${String(i)}`);
        // Firefox hides the credentials mode from webRequest and reports a response it then
        // withholds as completed: a request blocked only for credentials: 'include' is named
        // as blocked because the page probe read the mode from the call.
        const expected = result.ok ? ['allowed'] : ['blocked'];
        assert.ok(
          expected.includes(row.status),
          `${scenario.id} #${String(i)}: ${JSON.stringify({ result, row })}`,
        );
        if (row.status === 'blocked')
          assert.ok(row.corsError, 'a blocked exchange names its CORS error');
        if (CREDENTIALS_ONLY.has(scenario.id) && !result.ok) {
          assert.match(row.headline, /^Blocked/, 'the probe read credentials: include');
        }
      });
    });
  }

  void it("leads a blocked exchange's card with Firefox's reason", async () => {
    const prefix = `${playground.origins.api}/s/missing-acao`;
    const reason = await ff.evaluate<string | null>(
      panel,
      `(async () => {
        const row = [...document.querySelectorAll('tr[data-exchange-id]')]
          .find((tr) => tr.querySelector('td.url')?.getAttribute('title')?.startsWith(${JSON.stringify(prefix)}));
        if (!row) return null;
        row.click();
        for (let i = 0; i < 100; i++) {
          // Firefox's name comes first in Firefox: the first of the two names shown.
          const first = document.querySelector('[data-testid=exchange-card] [data-testid$=-name]');
          if (first) return first.getAttribute('data-testid') + ' ' + first.querySelector('code')?.textContent;
          await new Promise((r) => setTimeout(r, 20));
        }
        return null;
      })()`,
    );
    assert.equal(reason, 'firefox-name CORSMissingAllowOrigin');
  });
});
