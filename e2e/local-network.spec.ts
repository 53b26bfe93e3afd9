/**
 * Local Network Access in real Chromium, on loopback: `--ip-address-space-overrides` makes
 * one loopback endpoint count as a public address, `--host-resolver-rules` gives it a name
 * that is not a secure context. Headless Chromium denies the permission at once. The oracle
 * is Chromium's own CORS error (CDP), never the engine: the panel must name the same one,
 * with no header fix, for a page on a public address reaching a loopback server (secure or
 * not), a no-cors load too, and a `targetAddressSpace` the server's address does not have
 * (which only the page probe sees).
 */
import type { BrowserContext, CDPSession, Page, Worker } from '@playwright/test';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { closeServers, probeRegistered, settledExchange, tabIdOf } from './extension-state';
import { expect, extensionWorker, launchWithExtension, test } from './fixtures';

test.describe.configure({ mode: 'default' });

interface ChromiumSays {
  corsError: string;
  failedParameter: string;
}

let api: Server;
let pages: Server;
let apiPort: number;
let pagePort: number;
let context: BrowserContext;
let worker: Worker;

/** Answers every call as a permissive API would: the only thing in the way is the address. */
function apiServer(): Server {
  return createServer((request, response) => {
    if (request.url?.startsWith('/page')) {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end('<!doctype html><title>loopback page</title>');
      return;
    }
    response.writeHead(200, {
      'content-type': 'application/json',
      'access-control-allow-origin': '*',
    });
    response.end('{"ok":true}');
  });
}

function pageServer(): Server {
  return createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end('<!doctype html><title>public page</title>');
  });
}

async function listen(server: Server, host: string): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, resolve);
  });
  return (server.address() as AddressInfo).port;
}

test.beforeAll(async () => {
  api = apiServer();
  pages = pageServer();
  apiPort = await listen(api, '127.0.0.1');
  // Any 127.x address is loopback on Linux; the override makes this one endpoint public.
  pagePort = await listen(pages, '127.0.0.3');
  context = await launchWithExtension({
    extraArgs: [
      `--ip-address-space-overrides=127.0.0.3:${String(pagePort)}=public`,
      '--host-resolver-rules=MAP insecure.test 127.0.0.3',
    ],
  });
  worker = await extensionWorker(context);
  await probeRegistered(worker);
});

test.afterAll(async () => {
  await context.close();
  await closeServers([api, pages]);
});

/** A tab on `pageUrl`, its id, and what Chromium says of each failed request (CDP). */
async function openTab(
  pageUrl: string,
): Promise<{ page: Page; tabId: number; chromium: Map<string, ChromiumSays> }> {
  const page = await context.newPage();
  const cdp: CDPSession = await context.newCDPSession(page);
  const urls = new Map<string, string>();
  const chromium = new Map<string, ChromiumSays>();
  cdp.on('Network.requestWillBeSent', (event) => {
    urls.set(event.requestId, event.request.url);
  });
  cdp.on('Network.loadingFailed', (event) => {
    const url = urls.get(event.requestId);
    if (url !== undefined && event.corsErrorStatus) chromium.set(url, event.corsErrorStatus);
  });
  await cdp.send('Network.enable');
  await page.goto(pageUrl);
  const tabId = await tabIdOf(worker, page.url());
  return { page, tabId, chromium };
}

const logged = (tabId: number, url: string) => settledExchange(worker, tabId, url);

const CASES = [
  {
    id: 'public-secure',
    name: 'a secure page on a public address fetches a loopback server',
    page: () => `http://127.0.0.3:${String(pagePort)}/`,
    init: {},
  },
  {
    id: 'public-no-cors',
    name: 'the same with mode no-cors',
    page: () => `http://127.0.0.3:${String(pagePort)}/no-cors`,
    init: { mode: 'no-cors' },
  },
  {
    id: 'public-insecure',
    name: 'a page that is not a secure context (http on a public name)',
    page: () => `http://insecure.test:${String(pagePort)}/`,
    init: {},
  },
  {
    id: 'wrong-target-space',
    name: "a loopback page declares targetAddressSpace: 'local' for a loopback server",
    page: () => `http://localhost:${String(apiPort)}/page`,
    init: { targetAddressSpace: 'local' },
  },
] as const;

for (const testCase of CASES) {
  test(`${testCase.name}: the panel names Chromium's error, with no header fix`, async () => {
    const { page, tabId, chromium } = await openTab(testCase.page());
    const url = `http://127.0.0.1:${String(apiPort)}/data?case=${testCase.id}`;
    const ok = await page.evaluate(
      ({ target, init }) =>
        fetch(target, init as RequestInit).then(
          () => true,
          () => false,
        ),
      { target: url, init: testCase.init },
    );
    expect(ok, 'the page sees the call fail').toBe(false);
    await expect.poll(() => chromium.get(url)).toBeDefined();
    const expected = chromium.get(url);
    // webRequest ends the request first; the page's report (targetAddressSpace) follows.
    await expect
      .poll(async () => (await logged(tabId, url)).verdict.failure?.corsError)
      .toBe(expected?.corsError);
    const exchange = await logged(tabId, url);
    expect(exchange.verdict.status).toBe('blocked');
    expect(exchange.verdict.failure?.corsError).toBe(expected?.corsError);
    expect(exchange.verdict.failure?.failedParameter).toBe(expected?.failedParameter);
    expect(exchange.verdict.failure?.fix.byHeaders).toBe(false);
    await page.close();
  });
}
