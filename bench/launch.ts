/** Chromium for the bench: the same flags with and without the built extension. */
import type { BrowserContext, Worker } from '@playwright/test';
import { chromium } from '@playwright/test';
import { resolve } from 'node:path';

export const DIST = resolve(import.meta.dirname, '..', 'dist');

export async function launch(withExtension: boolean): Promise<BrowserContext> {
  const context = await launchContext(withExtension);
  // tsx compiles with esbuild's keepNames: functions handed to evaluate() call __name.
  await context.addInitScript('globalThis.__name = (f) => f;');
  return context;
}

async function launchContext(withExtension: boolean): Promise<BrowserContext> {
  const extension = withExtension
    ? [`--disable-extensions-except=${DIST}`, `--load-extension=${DIST}`]
    : ['--disable-extensions'];
  return chromium.launchPersistentContext('', {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      ...extension,
      '--disable-quic',
      '--no-sandbox',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
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
