/**
 * Failures that look like CORS but are not, in real Chromium: a resource policy (CORP), Opaque
 * Response Blocking, a redirect loop, a redirect to data:, and a request another extension
 * blocked (a declarativeNetRequest rule). Chromium's own word is the net error CDP reports;
 * the panel must say "failed, not CORS" with the cause that error means, never `unexplained`.
 */
import type { BrowserContext, CDPSession, Page, Worker } from '@playwright/test';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closeServers, settledExchange, tabIdOf } from './extension-state';
import { expect, extensionWorker, launchWithExtension, test } from './fixtures';

test.describe.configure({ mode: 'default' });

let api: Server;
let site: Server;
let apiOrigin: string;
let context: BrowserContext;
let worker: Worker;
let page: Page;
let tabId: number;
let blocker: string;
const errors = new Map<string, string>();

/** The API's answers, by path: each is one failure the browser, not CORS, decides. */
function apiServer(): Server {
  return createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0];
    switch (path) {
      case '/corp.png':
        response.writeHead(200, {
          'content-type': 'image/png',
          'cross-origin-resource-policy': 'same-origin',
        });
        response.end(Buffer.from('89504e470d0a1a0a', 'hex'));
        return;
      case '/orb.js':
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end('{"secret":"not a script"}');
        return;
      case '/loop':
        response.writeHead(302, { location: '/loop', 'access-control-allow-origin': '*' });
        response.end();
        return;
      case '/to-data':
        response.writeHead(302, {
          location: 'data:text/plain,hello',
          'access-control-allow-origin': '*',
        });
        response.end();
        return;
      default:
        response.writeHead(200, { 'access-control-allow-origin': '*' });
        response.end('{}');
    }
  });
}

/** A second extension that blocks one URL, as an ad blocker would. */
function writeBlocker(): string {
  const folder = mkdtempSync(join(tmpdir(), 'cors-lens-blocker-'));
  writeFileSync(
    join(folder, 'manifest.json'),
    JSON.stringify({
      manifest_version: 3,
      name: 'test blocker',
      version: '1.0',
      permissions: ['declarativeNetRequest'],
      host_permissions: ['<all_urls>'],
      declarative_net_request: {
        rule_resources: [{ id: 'rules', enabled: true, path: 'rules.json' }],
      },
    }),
  );
  writeFileSync(
    join(folder, 'rules.json'),
    JSON.stringify([
      {
        id: 1,
        priority: 1,
        action: { type: 'block' },
        condition: { urlFilter: '/blocked-by-client', resourceTypes: ['xmlhttprequest'] },
      },
    ]),
  );
  return folder;
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  return String((server.address() as AddressInfo).port);
}

test.beforeAll(async () => {
  api = apiServer();
  site = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end('<!doctype html><title>page</title><body></body>');
  });
  // Two origins: the page on 127.0.0.1, the API on localhost.
  apiOrigin = `http://localhost:${await listen(api)}`;
  const pageUrl = `http://127.0.0.1:${await listen(site)}/`;
  blocker = writeBlocker();
  context = await launchWithExtension({ alsoLoad: [blocker] });
  worker = await extensionWorker(context);
  page = await context.newPage();
  const cdp: CDPSession = await context.newCDPSession(page);
  const urls = new Map<string, string>();
  cdp.on('Network.requestWillBeSent', (event) => {
    urls.set(event.requestId, event.request.url);
  });
  cdp.on('Network.loadingFailed', (event) => {
    const url = urls.get(event.requestId);
    if (url !== undefined) errors.set(url, event.errorText);
  });
  await cdp.send('Network.enable');
  await page.goto(pageUrl);
  tabId = await tabIdOf(worker, pageUrl);
});

test.afterAll(async () => {
  await context.close();
  await closeServers([api, site]);
  rmSync(blocker, { recursive: true, force: true });
});

const logged = (url: string) => settledExchange(worker, tabId, url);

const CASES = [
  {
    cause: 'resource-policy',
    path: '/corp.png',
    load: (url: string) =>
      new Promise<void>((resolve) => {
        const image = new Image();
        image.onload = image.onerror = () => {
          resolve();
        };
        image.src = url;
      }),
  },
  {
    cause: 'opaque-response-blocking',
    path: '/orb.js',
    load: (url: string) =>
      new Promise<void>((resolve) => {
        const script = document.createElement('script');
        script.onload = script.onerror = () => {
          resolve();
        };
        script.src = url;
        document.body.append(script);
      }),
  },
  {
    cause: 'redirect-loop',
    path: '/loop',
    load: (url: string) =>
      fetch(url).then(
        () => undefined,
        () => undefined,
      ),
  },
  {
    cause: 'unsafe-redirect',
    path: '/to-data',
    load: (url: string) =>
      fetch(url).then(
        () => undefined,
        () => undefined,
      ),
  },
  {
    cause: 'blocked-by-client',
    path: '/blocked-by-client',
    load: (url: string) =>
      fetch(url).then(
        () => undefined,
        () => undefined,
      ),
  },
] as const;

for (const testCase of CASES) {
  test(`${testCase.cause}: failed, not CORS, with the error Chromium reports`, async () => {
    const url = `${apiOrigin}${testCase.path}`;
    await page.evaluate(`(${testCase.load.toString()})(${JSON.stringify(url)})`);
    await expect.poll(() => errors.get(url), { message: "Chromium's net error" }).toBeDefined();
    const exchange = await logged(url);
    expect(exchange.verdict.status).toBe('failed');
    expect(exchange.verdict.cause?.id).toBe(testCase.cause);
    // webRequest's error; DevTools may refine it (net::ERR_BLOCKED_BY_RESPONSE.NotSameOrigin).
    expect(errors.get(url)?.startsWith(exchange.verdict.cause?.error ?? '?')).toBe(true);
    expect(exchange.verdict.cause?.steps.length).toBeGreaterThan(0);
  });
}
