import { expect, test } from './fixtures';

// Chrome stops an idle MV3 worker whenever it likes; the panel must notice and
// reconnect on its own (connecting wakes a new worker).
test('the panel reconnects after the service worker is stopped', async ({
  context,
  serviceWorker: _ready,
  extensionId,
}) => {
  const panel = await context.newPage();
  await panel.goto(`chrome-extension://${extensionId}/src/panel/index.html?tabId=1`);
  const status = panel.getByTestId('connection-status');
  await expect(status).toHaveText('Connected to the background for tab 1');
  const firstWorker = await status.getAttribute('data-worker-started-at');
  expect(firstWorker).toMatch(/^\d+$/);

  // Record every status the panel shows: "Disconnected" may last only ~100 ms.
  await panel.evaluate(() => {
    const element = document.querySelector('[data-testid="connection-status"]');
    const seen: string[] = [];
    Object.assign(window, { seenStatuses: seen });
    new MutationObserver(() => seen.push(element?.textContent ?? '')).observe(element ?? document, {
      subtree: true,
      childList: true,
      characterData: true,
    });
  });

  const cdp = await context.newCDPSession(panel);
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');

  await expect
    .poll(() =>
      panel.evaluate(() => (window as unknown as { seenStatuses: string[] }).seenStatuses),
    )
    .toContain('Disconnected — reconnecting…');
  await expect(status).toHaveText('Connected to the background for tab 1');
  await expect(status).not.toHaveAttribute('data-worker-started-at', firstWorker ?? '');
});
