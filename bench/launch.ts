/** Chromium for the bench: the same flags with and without the built extension. */
import type { BrowserContext, Worker } from '@playwright/test';
import { chromium } from '@playwright/test';
import { CHROMIUM_FLAGS, DIST } from '../e2e/fixtures';

export { DIST };

/** `true`: the built extension (dist/); a path: that unpacked extension; `false`: none. */
export async function launch(extension: boolean | string): Promise<BrowserContext> {
  const context = await launchContext(extension === true ? DIST : extension);
  // tsx compiles with esbuild's keepNames: functions handed to evaluate() call __name.
  await context.addInitScript('globalThis.__name = (f) => f;');
  return context;
}

async function launchContext(dir: string | false): Promise<BrowserContext> {
  const extension = dir
    ? [`--disable-extensions-except=${dir}`, `--load-extension=${dir}`]
    : ['--disable-extensions'];
  return chromium.launchPersistentContext('', {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      ...extension,
      ...CHROMIUM_FLAGS,
      '--enable-precise-memory-info',
      '--js-flags=--expose-gc',
    ],
  });
}

/** The extension's worker, once its webRequest listeners are registered. */
export async function extensionWorker(context: BrowserContext): Promise<Worker> {
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  for (let i = 0; i < 200; i++) {
    if (await worker.evaluate(() => chrome.webRequest.onHeadersReceived.hasListeners())) {
      return worker;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('the extension worker never registered its listeners');
}
