/** The extension's worker in a test browser: what it says of its recording, and a restart. */
import type { BrowserContext, Page, Worker } from '@playwright/test';
import { expect } from './fixtures';

export interface WorkerDebug {
  /** Nothing waits to be written: a stop now loses nothing. */
  saved: boolean;
  lastProblem: string | undefined;
  /** storage.session's bytes in use, as Chromium counts them against its quota. */
  sessionBytes: number;
}

/** The worker's `corsLensDebug()` (see src/background/index.ts) and its storage use. */
export function workerDebug(worker: Worker): Promise<WorkerDebug> {
  return worker.evaluate(async () => {
    const debug = globalThis.corsLensDebug();
    return {
      saved: debug.saved,
      lastProblem: debug.lastProblem,
      sessionBytes: await chrome.storage.session.getBytesInUse(null),
    };
  });
}

/** Waits until the worker has saved what it recorded (a real stop comes after 30 s idle). */
export async function waitUntilSaved(worker: Worker, timeout?: number): Promise<void> {
  await expect
    .poll(async () => (await workerDebug(worker)).saved, timeout ? { timeout } : {})
    .toBe(true);
}

/** Stops the worker as Chrome does, and waits for the panel to reconnect to a new one. */
export async function restartWorker(context: BrowserContext, panel: Page): Promise<void> {
  const status = panel.getByTestId('connection-status');
  const firstWorker = await status.getAttribute('data-worker-started-at');
  const cdp = await context.newCDPSession(panel);
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await expect(status).not.toHaveAttribute('data-worker-started-at', firstWorker ?? '');
  await expect(status).toHaveText(/^Connected/);
}
