/**
 * `npm start`: builds the extension, starts the playground and opens Chromium with the
 * extension loaded and DevTools open on the playground page, the CORS panel selected.
 *
 *   npm start                 headed (needs a display; under Xvfb: xvfb-run -a npm start)
 *   npm start -- --headless   no window: prints the URLs and keeps everything running
 *
 * CHROMIUM_PATH picks another Chromium (default /usr/bin/chromium).
 */
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { build } from 'vite';
import { showCorsPanel } from '../e2e/devtools-window';
import { EXTENSION_ID } from '../e2e/extension-id';
import { launchWithExtension } from '../e2e/fixtures';
import { startPlayground, type Playground } from '../e2e/playground/server';

const root = dirname(import.meta.dirname);
const args = new Set(process.argv.slice(2));
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

async function playgroundOnFixedPorts(): Promise<Playground> {
  // Fixed ports make the URLs memorable; any free ports will do when they are taken.
  try {
    return await startPlayground({ page: 7101, api: 7102, third: 7103 });
  } catch {
    return startPlayground();
  }
}

function say(text: string): void {
  process.stdout.write(`${text}\n`);
}

let headless = args.has('--headless');
if (!headless && !process.env.DISPLAY && process.platform === 'linux') {
  say(`No display found, so Chromium cannot open a window here.
  - Run it under a virtual display:  xvfb-run -a npm start   (Debian: apt-get install xvfb)
  - Or without a window:              npm start -- --headless
Continuing without a window.
`);
  headless = true;
}

if (!existsSync(chromiumPath)) {
  say(
    `No Chromium at ${chromiumPath}. Install it (Debian: apt-get install chromium) or set CHROMIUM_PATH.`,
  );
  process.exit(1);
}

say('Building the extension…');
await build({ root, logLevel: 'warn' });

const playground = await playgroundOnFixedPorts();
const context = await launchWithExtension({
  devtools: true,
  headless,
  userDataDir: mkdtempSync(join(tmpdir(), 'cors-lens-profile-')),
});

// One tab only, so the one DevTools window is the playground's.
const page = context.pages()[0] ?? (await context.newPage());
await page.goto(playground.pageUrl);
const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
const tabId = await worker.evaluate(
  async (url) => (await chrome.tabs.query({})).find((tab) => tab.url === url)?.id,
  playground.pageUrl,
);

let panelShown = false;
try {
  await showCorsPanel(context, EXTENSION_ID);
  panelShown = true;
} catch {
  // The front end's internals moved: DevTools is open anyway, the CORS tab is one click away.
}

say(`
CORS Lens is running.

  Playground (click the buttons):  ${playground.pageUrl}
  API origin:                      ${playground.origins.api}
  The CORS panel as a page:        chrome-extension://${EXTENSION_ID}/src/panel/index.html?tabId=${String(tabId)}

${
  headless
    ? 'Chromium runs without a window. Open the panel page in the same browser to see it (or run headed).'
    : `DevTools is open on the playground${panelShown ? ' with the CORS panel selected' : ': pick its CORS tab'}.`
}
Stop with Ctrl-C.`);

if (headless) {
  // Nobody can click in a headless browser: fire every scenario and print what the panel shows.
  // Every scenario in turn, as the page's "Run every scenario" button does, awaited to the end.
  await page.evaluate(async () => {
    const scenarios = (await (await fetch('/scenarios.json')).json()) as Array<{ id: string }>;
    const run = (window as unknown as { runScenario: (id: string) => Promise<unknown> })
      .runScenario;
    for (const { id } of scenarios) await run(id);
  });
  const panel = await context.newPage();
  // The list renders only the rows in view: a tall page shows them all for the printout.
  await panel.setViewportSize({ width: 1400, height: 8000 });
  await panel.goto(
    `chrome-extension://${EXTENSION_ID}/src/panel/index.html?tabId=${String(tabId)}`,
  );
  const rows = panel.locator('tr[data-exchange-id]');
  // Wait until the run is over: every scenario recorded (the count line) and none in flight.
  await panel
    .waitForFunction(
      (expected) => {
        const count = Number.parseInt(
          document.querySelector('[data-testid="exchange-counts"]')?.textContent ?? '0',
          10,
        );
        return count >= expected && !document.querySelector('[data-status="pending"]');
      },
      playground.scenarioCount,
      { timeout: 60_000 },
    )
    .catch(() => undefined);
  // Plain data out of the page; formatting stays in Node (tsx's helpers do not exist in the page).
  const cells = await rows.evaluateAll((elements) =>
    elements.map((row) => [
      row.getAttribute('data-status') ?? '',
      row.querySelector('.method')?.textContent ?? '',
      row.querySelector('.reason')?.textContent ?? '',
    ]),
  );
  const lines = cells.map(
    ([status = '', method = '', reason = '']) =>
      `${status.padEnd(14)} ${method.padEnd(7)} ${reason}`,
  );
  say(`\nWhat the CORS panel recorded for the playground (${lines.length} exchanges):\n`);
  for (const line of lines) say(`  ${line}`);
  say('');
}

const stop = async () => {
  await context.close().catch(() => undefined);
  await playground.close();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
context.on('close', () => void stop());
