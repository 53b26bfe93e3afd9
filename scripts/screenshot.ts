/**
 * `npm run screenshot`: takes the README's picture from the real thing: Chromium with
 * the built extension, a DevTools window on the playground, the CORS panel selected and
 * a failed exchange open. Writes docs/panel-blocked.png.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { showCorsPanel } from '../e2e/devtools-window';
import { EXTENSION_ID } from '../e2e/extension-id';
import { extensionWorker, launchWithExtension } from '../e2e/fixtures';
import { startPlayground } from '../e2e/playground/server';

const root = dirname(import.meta.dirname);
const out = join(root, 'docs', 'panel-blocked.png');
const scenario = process.argv[2] ?? 'header-not-allowed';

const playground = await startPlayground();
const context = await launchWithExtension({ devtools: true });
try {
  await extensionWorker(context);
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(playground.pageUrl);
  await page.waitForFunction(() => 'playgroundReady' in window);
  await page.evaluate(async (id) => {
    const run = window.runScenario;
    await run('simple-get-allowed');
    await run('put-preflight-allowed');
    await run(id);
    await run('missing-acao');
  }, scenario);

  const { frontEnd, panel } = await showCorsPanel(context, EXTENSION_ID);
  // Undock DevTools so the panel gets the whole window (a front-end internal; harmless if it moved).
  await frontEnd
    .evaluate(
      `(async () => { const { DockController } = await import('./ui/legacy/legacy.js'); DockController.DockController.instance().setDockSide('undocked'); })()`,
    )
    .catch(() => undefined);
  // Give the undocked DevTools window room for the list and the card side by side.
  const browser = await context.browser()?.newBrowserCDPSession();
  const { targetInfo } = await frontEnd.send<{ targetInfo: { targetId: string } }>(
    'Target.getTargetInfo',
  );
  const windowFor = await browser
    ?.send('Browser.getWindowForTarget', { targetId: targetInfo.targetId })
    .catch(() => undefined);
  if (browser && windowFor) {
    await browser.send('Browser.setWindowBounds', {
      windowId: windowFor.windowId,
      bounds: { width: 1400, height: 860 },
    });
  }
  // The panel's frame follows the new window size on its own schedule: wait for it.
  await waitUntil(() => panel.evaluate<boolean>('window.innerWidth >= 1300'));
  const selector = `[data-exchange-id][data-status="blocked"]`;
  const clicked = await waitUntil(() =>
    panel.evaluate<boolean>(
      `(() => { const rows = document.querySelectorAll('${selector}'); const row = rows[0]; if (!row) return false; row.click(); return true; })()`,
    ),
  );
  if (!clicked) throw new Error('no blocked exchange in the panel');
  await waitUntil(() =>
    panel.evaluate<boolean>(`Boolean(document.querySelector('[data-testid="exchange-card"]'))`),
  );
  // Two frames, so the card is painted, not only in the DOM.
  await panel.evaluate(
    'new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve(true))))',
  );
  const shot = await frontEnd.send<{ data: string }>('Page.captureScreenshot', { format: 'png' });
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, Buffer.from(shot.data, 'base64'));
  process.stdout.write(`wrote ${out}\n`);
} finally {
  await context.close();
  await playground.close();
}

async function waitUntil(probe: () => Promise<boolean>, timeoutMs = 15_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await probe().catch(() => false)) return true;
    // Polling the panel in another target: no event reaches this script when it renders.
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return false;
}
