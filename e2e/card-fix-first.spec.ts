/**
 * A developer's first question is what to change: with DevTools docked at the bottom or
 * beside a 1280×800 window, the card of a failed exchange shows the header lines to send,
 * their copy button and the server picker without scrolling.
 */
import { expect, test } from './fixtures';
import { openPanel, openPlayground, runScenario } from './playground-pages';

/** The panel's share of a 1280×800 window: DevTools' default docks, less its tab strip. */
const DOCKS = [
  { dock: 'bottom', width: 1280, height: 380 },
  { dock: 'beside', width: 640, height: 770 },
] as const;

for (const { dock, width, height } of DOCKS) {
  test(`docked ${dock} (${width}×${height}), a failed exchange opens on its fix`, async ({
    context,
    serviceWorker,
    playground,
  }) => {
    const { page, tabId } = await openPlayground(context, serviceWorker, playground);
    await runScenario(page, 'header-not-allowed');
    const panel = await openPanel(context, tabId);
    await panel.setViewportSize({ width, height });
    await panel.locator('tr[data-status="blocked"]').first().click();
    const card = panel.getByTestId('exchange-card');
    await expect(card).toBeVisible();
    const visible = async (selector: string) => {
      const target = card.locator(selector).first();
      await expect(target).toBeVisible();
      return target.evaluate((el) => {
        const box = el.getBoundingClientRect();
        // Inside the window and inside every scrolling box around it, as they are now.
        let clip = { top: 0, bottom: window.innerHeight };
        for (let p = el.parentElement; p; p = p.parentElement) {
          const style = getComputedStyle(p);
          if (/(auto|scroll|hidden)/.test(style.overflowY)) {
            const r = p.getBoundingClientRect();
            clip = { top: Math.max(clip.top, r.top), bottom: Math.min(clip.bottom, r.bottom) };
          }
        }
        return box.top >= clip.top && box.bottom <= clip.bottom;
      });
    };
    expect(await visible('[data-testid="fix-headers"]'), 'the header lines').toBe(true);
    expect(await visible('button:has-text("Copy fix headers")'), 'their copy button').toBe(true);
    expect(await visible('[role="tablist"][aria-label="Server"]'), 'the server picker').toBe(true);
    await panel.screenshot({ path: test.info().outputPath(`card-${dock}.png`) });
  });
}
