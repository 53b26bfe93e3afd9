/**
 * The product as a user meets it: a real DevTools window on the playground, its CORS
 * tab selected, showing the exchanges the page made. (Every other panel test opens the
 * panel as an extension page; this one checks it lives inside DevTools.)
 */
import { showCorsPanel } from './devtools-window';
import { EXTENSION_ID } from './extension-id';
import { expect, extensionWorker, launchWithExtension, test } from './fixtures';
import { startPlayground } from './playground/server';

test('DevTools shows a CORS panel listing the page’s exchanges', async () => {
  const playground = await startPlayground();
  const context = await launchWithExtension({ devtools: true });
  try {
    await extensionWorker(context);
    // One tab only, so the one DevTools window is this page's.
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(playground.pageUrl);
    await page.waitForFunction(() => 'playgroundReady' in window);
    await page.evaluate(async () => {
      const run = window.runScenario;
      await run('header-not-allowed');
      await run('simple-get-allowed');
    });

    const { panel, frontEnd } = await showCorsPanel(context, EXTENSION_ID);
    const panelUrl = await panel.evaluate<string>('location.href');
    expect(panelUrl).toMatch(/\/src\/panel\/index\.html\?tabId=\d+&theme=(light|dark)$/);
    await expect
      .poll(() =>
        panel.evaluate<string[]>(
          `[...document.querySelectorAll('[data-exchange-id]')].map((row) => row.getAttribute('data-cors-error') ?? row.getAttribute('data-status'))`,
        ),
      )
      .toEqual(['HeaderDisallowedByPreflightResponse', 'allowed']);
    // Shown, not just in the DOM: the panel is the visible tab of the DevTools window and its
    // rows are laid out. (A screenshot's byte size, used before, swung around the threshold.)
    expect(await panel.evaluate<string>('document.visibilityState')).toBe('visible');
    expect(
      await panel.evaluate<number>(
        `Math.min(...[...document.querySelectorAll('[data-exchange-id]')].map((row) => row.getBoundingClientRect().height))`,
      ),
    ).toBeGreaterThan(0);
    const shot = await frontEnd.send<{ data: string }>('Page.captureScreenshot', { format: 'png' });
    expect(shot.data.length).toBeGreaterThan(0);
  } finally {
    await context.close();
    await playground.close();
  }
});
