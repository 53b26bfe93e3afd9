/**
 * `npm start`: builds the extension, starts the playground and opens Chromium with the
 * extension loaded and DevTools open on the playground page, the CORS panel selected.
 *
 *   npm start                 headed (needs a display; under Xvfb: xvfb-run -a npm start)
 *   npm start -- --headless   no window: prints the URLs and keeps everything running
 *
 * CHROMIUM_PATH picks another Chromium (default /usr/bin/chromium).
 *
 * CORS_LENS_START_CHECK=1 makes it a test of itself (scripts/readme-commands.ts runs the
 * README's `npm start` this way): the same build, playground and DevTools window, without a
 * window on screen; it fires every scenario, requires the CORS panel inside DevTools to list
 * them all, and exits 0 (1 if anything of that failed) instead of waiting for Ctrl-C.
 */
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { build } from 'vite';
import { showCorsPanel, type RawTarget } from '../e2e/devtools-window';
import { EXTENSION_ID } from '../e2e/extension-id';
import { extensionWorker, launchWithExtension } from '../e2e/fixtures';
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

const check = process.env.CORS_LENS_START_CHECK === '1';
let headless = args.has('--headless') || check;
if (check) {
  // A check must finish on its own whatever the display: nobody is there to close a window.
  // A wedged browser must not hang CI either: the whole check gets two minutes.
  setTimeout(() => {
    process.stderr.write('npm start check: timed out after 120 s\n');
    process.exit(1);
  }, 120_000).unref();
  say(
    'Check mode (CORS_LENS_START_CHECK=1): no window; exits once the panel shows every scenario.',
  );
} else if (!headless && !process.env.DISPLAY && process.platform === 'linux') {
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

/** Every scenario in turn, as the page's "Run every scenario" button does, awaited to the end. */
async function runEveryScenario(): Promise<void> {
  await page.evaluate(async () => {
    const scenarios = (await (await fetch('/scenarios.json')).json()) as Array<{ id: string }>;
    for (const { id } of scenarios) await window.runScenario(id);
  });
}

async function failCheck(reason: string): Promise<never> {
  process.stderr.write(`npm start check failed: ${reason}\n`);
  await context.close().catch(() => undefined);
  await playground.close().catch(() => undefined);
  process.exit(1);
}

/**
 * What `npm start` promises, checked where the user would look: the CORS panel inside the
 * real DevTools window (not the panel opened as a page) lists every scenario the playground
 * fired, none left pending, blocked and allowed ones among them, and its rows are laid out.
 */
async function checkPanelShowsEveryScenario(panel: RawTarget): Promise<never> {
  const panelUrl = await panel.evaluate<string>('location.href');
  if (new URL(panelUrl).searchParams.get('tabId') !== String(tabId)) {
    await failCheck(`the DevTools panel inspects another tab: ${panelUrl}`);
  }
  // Listeners first: a request fired before they exist is never recorded.
  await extensionWorker(context);
  await runEveryScenario();
  const expected = playground.scenarioCount;
  const read = () =>
    panel.evaluate<{ counts: string; allowed: string; pending: boolean; laidOut: number }>(`({
      counts: document.querySelector('[data-testid="exchange-counts"]')?.textContent ?? '',
      allowed: document.querySelector('.summary-allowed')?.textContent ?? '',
      pending: document.querySelector('[data-status="pending"]') !== null,
      laidOut: [...document.querySelectorAll('tr[data-exchange-id]')]
        .filter((row) => row.getBoundingClientRect().height > 0).length,
    })`);
  let seen = await read();
  const deadline = Date.now() + 60_000;
  // The worker batches its changes: poll until the run has landed in the panel.
  while ((Number.parseInt(seen.counts, 10) < expected || seen.pending) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    seen = await read();
  }
  const total = Number.parseInt(seen.counts, 10);
  const blocked = Number.parseInt(/(\d+) blocked/.exec(seen.counts)?.[1] ?? '0', 10);
  const allowed = Number.parseInt(seen.allowed, 10) || 0;
  const problems = [
    total >= expected ? '' : `${String(total)} exchanges listed, ${String(expected)} expected`,
    seen.pending ? 'exchanges still pending' : '',
    blocked > 0 ? '' : 'no blocked exchange',
    allowed > 0 ? '' : 'no allowed exchange',
    seen.laidOut > 0 ? '' : 'no row laid out in the panel',
  ].filter(Boolean);
  if (problems.length > 0) await failCheck(`${problems.join('; ')} (panel: "${seen.counts}")`);
  say(
    `npm start check passed: the CORS panel in DevTools lists ${seen.counts}, ${seen.allowed} (${String(expected)} scenarios fired).`,
  );
  await context.close().catch(() => undefined);
  await playground.close();
  process.exit(0);
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

let devtools: Awaited<ReturnType<typeof showCorsPanel>> | undefined;
try {
  devtools = await showCorsPanel(context, EXTENSION_ID);
} catch (error) {
  // The front end's internals moved: DevTools is open anyway, the CORS tab is one click away.
  // A check must not shrug that off: the README promises the panel selected.
  if (check) await failCheck(`the CORS panel could not be shown in DevTools: ${String(error)}`);
}
const panelShown = devtools !== undefined;

if (check && devtools) {
  await checkPanelShowsEveryScenario(devtools.panel);
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
  await runEveryScenario();
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
