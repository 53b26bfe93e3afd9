/**
 * The README says a CORS Lens report loads in DevTools' Network panel (Import HAR): an
 * export from the real Export button, loaded through the Network panel's own Import button
 * and file chooser in a real DevTools window, lists the report's requests.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { devToolsFrontEnd, showPanelExpression, waitFor } from './devtools-window';
import { expect, extensionWorker, launchWithExtension, test } from './fixtures';
import { openPanel, openPlayground, runScenario } from './playground-pages';
import { startPlayground, type Playground } from './playground/server';

/** Records two scenarios and saves the default export; returns the file's path. */
async function exportReport(playground: Playground): Promise<string> {
  const context = await launchWithExtension();
  try {
    const worker = await extensionWorker(context);
    const { page, tabId } = await openPlayground(context, worker, playground);
    await runScenario(page, 'header-not-allowed');
    await runScenario(page, 'simple-get-allowed');
    const panel = await openPanel(context, tabId);
    await expect(panel.locator('tr[data-exchange-id]')).toHaveCount(2);
    await expect(panel.locator('tr[data-status="pending"]')).toHaveCount(0);
    await panel.getByRole('button', { name: 'Export report' }).click();
    const dialog = panel.getByRole('dialog', { name: 'Export report' });
    const [download] = await Promise.all([
      panel.waitForEvent('download'),
      dialog.getByRole('button', { name: 'Export' }).click(),
    ]);
    const path = join(mkdtempSync(join(tmpdir(), 'cors-lens-har-')), 'report.har');
    await download.saveAs(path);
    return path;
  } finally {
    await context.close();
  }
}

/** In the front end: every element of the document and its shadow roots. */
const DEEP = `function* deep(root) {
  for (const el of root.querySelectorAll('*')) { yield el; if (el.shadowRoot) yield* deep(el.shadowRoot); }
}`;

/** Clicks the Network panel's "Import HAR file" toolbar button, as a user would. */
const CLICK_IMPORT = `(() => { ${DEEP}
  const button = [...deep(document)].find((el) => /^Import HAR/i.test(el.getAttribute('aria-label') ?? el.getAttribute('title') ?? ''));
  if (!button) return null;
  button.click();
  return true;
})()`;

/** What the Network panel's request list shows: the names in its grid. */
const LISTED = `(() => { ${DEEP}
  return [...deep(document)].filter((el) => el.matches('td.name-column')).map((el) => el.textContent.trim());
})()`;

test('an exported report loads in DevTools’ Network panel through Import HAR', async () => {
  const playground = await startPlayground();
  try {
    const har = await exportReport(playground);
    const context = await launchWithExtension({ devtools: true });
    try {
      await extensionWorker(context);
      const page = context.pages()[0] ?? (await context.newPage());
      await page.goto(`${playground.pageUrl}?imported`);
      const { frontEnd } = await devToolsFrontEnd(context);
      await waitFor('the Network panel', () =>
        frontEnd.evaluate<string | null>(showPanelExpression('network')),
      );
      await frontEnd.send('Page.enable');
      await frontEnd.send('Page.setInterceptFileChooserDialog', { enabled: true });
      const chooser = frontEnd.once<{ backendNodeId: number }>('Page.fileChooserOpened');
      await waitFor('the Import HAR button', () =>
        frontEnd.evaluate<true | null>(CLICK_IMPORT, { userGesture: true }),
      );
      const { backendNodeId } = await chooser;
      await frontEnd.send('DOM.setFileInputFiles', { files: [har], backendNodeId });
      await expect
        .poll(() => frontEnd.evaluate<string[]>(LISTED), { timeout: 15_000 })
        .toEqual(
          expect.arrayContaining([
            expect.stringContaining('header-not-allowed'),
            expect.stringContaining('simple-get-allowed'),
          ]),
        );
    } finally {
      await context.close();
    }
  } finally {
    await playground.close();
  }
});
