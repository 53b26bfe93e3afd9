import type { BrowserContext, Worker } from '@playwright/test';
import { test as base, chromium, expect } from '@playwright/test';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { LoopbackServer } from './loopback-server';
import { servePage, startLoopbackServer } from './loopback-server';
import { startPlayground, type Playground } from './playground/server';

/** The built extension: `npm run build` writes it. */
export const DIST = resolve(import.meta.dirname, '..', 'dist');

/**
 * Every test browser's flags (the tests, `npm start`, the bench): no sandbox as root, and
 * nothing that reaches for the network this machine cannot reach.
 */
export const CHROMIUM_FLAGS = [
  '--disable-quic',
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
] as const;

interface ExtensionFixtures {
  context: BrowserContext;
  /** The extension's service worker, once its webRequest listener is registered. */
  serviceWorker: Worker;
  extensionId: string;
  /** A page server on 127.0.0.1. */
  site: LoopbackServer;
  /** The playground (page, API and third origins on loopback), for this test alone. */
  playground: Playground;
}

/**
 * Debian's Chromium with the built extension loaded. Playwright cannot download its own
 * browsers here; Debian's build still honours --load-extension.
 */
export async function launchWithExtension(
  options: {
    devtools?: boolean;
    /** Default true. `npm start` opens a real window. */
    headless?: boolean;
    /** A profile folder to keep; default: a throw-away one. */
    userDataDir?: string;
    /** More Chromium flags (address-space overrides, host rules). */
    extraArgs?: readonly string[];
    /** Other unpacked extensions to load beside CORS Lens (a request blocker). */
    alsoLoad?: readonly string[];
  } = {},
): Promise<BrowserContext> {
  if (!existsSync(resolve(DIST, 'manifest.json'))) {
    throw new Error(`No built extension in ${DIST}: run \`npm run build\` first.`);
  }
  const headless = options.headless ?? true;
  return chromium.launchPersistentContext(options.userDataDir ?? '', {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless,
    // A headed window keeps its own size instead of Playwright's fixed viewport.
    ...(headless ? {} : { viewport: null }),
    args: [
      `--disable-extensions-except=${[DIST, ...(options.alsoLoad ?? [])].join(',')}`,
      `--load-extension=${[DIST, ...(options.alsoLoad ?? [])].join(',')}`,
      ...CHROMIUM_FLAGS,
      // A real DevTools window per tab, even headless (one test drives it).
      ...(options.devtools ? ['--auto-open-devtools-for-tabs'] : []),
      ...(options.extraArgs ?? []),
    ],
  });
}

/** The extension's service worker, once its top-level webRequest listeners exist. */
export async function extensionWorker(context: BrowserContext): Promise<Worker> {
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  // The 'serviceworker' event fires before the worker's top-level code has
  // registered its listeners: wait for them before firing any request.
  await expect
    .poll(() => worker.evaluate(() => chrome.webRequest.onHeadersReceived.hasListeners()))
    .toBe(true);
  return worker;
}

export const test = base.extend<ExtensionFixtures>({
  // eslint-disable-next-line no-empty-pattern -- Playwright requires the destructuring.
  context: async ({}, use) => {
    const context = await launchWithExtension();
    await use(context);
    await context.close();
  },

  serviceWorker: async ({ context }, use) => {
    const worker = await extensionWorker(context);
    await use(worker);
  },

  extensionId: async ({ serviceWorker }, use) => {
    await use(new URL(serviceWorker.url()).host);
  },

  // eslint-disable-next-line no-empty-pattern -- Playwright requires the destructuring.
  site: async ({}, use) => {
    const server = await startLoopbackServer(servePage('CORS Lens test page'));
    await use(server);
    await server.close();
  },

  // eslint-disable-next-line no-empty-pattern -- Playwright requires the destructuring.
  playground: async ({}, use) => {
    const playground = await startPlayground();
    await use(playground);
    await playground.close();
  },
});

export { expect };
