/**
 * Mixed content in real Chromium: a secure page (https on loopback, a throw-away
 * self-signed certificate the test browser is told to accept) fetches an http:// URL on a
 * name that is not potentially trustworthy (mapped to loopback by a host rule). Chromium
 * refuses it in the renderer: no request, no webRequest event, a MixedContentIssue in
 * DevTools. The page probe's report must become a "failed, not CORS" exchange that says so.
 */
import type { BrowserContext, Worker } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closeServers, probeRegistered, settledExchange, tabIdOf } from './extension-state';
import { expect, extensionWorker, launchWithExtension, test } from './fixtures';

let secure: Server;
let plain: Server;
let context: BrowserContext;
let worker: Worker;
let folder: string;

/** A certificate for 127.0.0.1, valid one day, made for this run only. */
function selfSigned(): { key: Buffer; cert: Buffer } {
  folder = mkdtempSync(join(tmpdir(), 'cors-lens-tls-'));
  const key = join(folder, 'key.pem');
  const cert = join(folder, 'cert.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      key,
      '-out',
      cert,
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
    ],
    { stdio: 'ignore' },
  );
  return { key: readFileSync(key), cert: readFileSync(cert) };
}

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  return (server.address() as AddressInfo).port;
}

test.beforeAll(async () => {
  secure = createHttpsServer(selfSigned(), (_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end('<!doctype html><title>secure page</title>');
  });
  plain = createHttpServer((_request, response) => {
    response.writeHead(200, { 'access-control-allow-origin': '*' });
    response.end('{}');
  });
  await listen(secure);
  await listen(plain);
  context = await launchWithExtension({
    extraArgs: ['--ignore-certificate-errors', '--host-resolver-rules=MAP plain.test 127.0.0.1'],
  });
  worker = await extensionWorker(context);
  await probeRegistered(worker);
});

test.afterAll(async () => {
  await context.close();
  await closeServers([secure, plain]);
  rmSync(folder, { recursive: true, force: true });
});

test('an https page fetching http:// is named as mixed content, not CORS', async () => {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  const mixed: string[] = [];
  cdp.on('Audits.issueAdded', (event) => {
    const url = event.issue.details.mixedContentIssueDetails?.insecureURL;
    if (url !== undefined) mixed.push(url);
  });
  await cdp.send('Audits.enable');
  const pageUrl = `https://127.0.0.1:${String((secure.address() as AddressInfo).port)}/`;
  await page.goto(pageUrl);
  const url = `http://plain.test:${String((plain.address() as AddressInfo).port)}/data`;
  const ok = await page.evaluate(
    (target) =>
      fetch(target).then(
        () => true,
        () => false,
      ),
    url,
  );
  expect(ok, 'the page sees the call fail').toBe(false);
  await expect.poll(() => mixed, { message: "Chromium's own verdict" }).toContain(url);

  const exchange = await settledExchange(worker, await tabIdOf(worker, pageUrl), url);
  expect(exchange.kind).toBe('page-only');
  expect(exchange.verdict.status).toBe('failed');
  expect(exchange.verdict.cause?.id).toBe('mixed-content');
  expect(exchange.verdict.cause?.steps[0]).toContain('https://plain.test');
});
