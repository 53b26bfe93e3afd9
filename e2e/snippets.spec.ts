/**
 * The server snippets are proven on real servers: each case is recorded blocked in
 * Chromium by the extension, the snippets are built from what it recorded, and each
 * snippet, exactly as the card shows it, is pasted into a minimal app of its stack. The
 * page makes the same call to that app, and Chromium must allow it (the browser's own word,
 * with the extension agreeing). A stack whose runtime is missing fails, never skips: the
 * suite is the proof behind VERIFIED_STACKS.
 */
import type { BrowserContext, Page, Worker } from '@playwright/test';
import { judge, serverSnippets, snippetInputFor } from '../src/cors';
import type { ServerSnippet } from '../src/cors/snippets';
import { VERIFIED_STACKS } from '../src/cors/snippets/verified';
import type { TabLogView } from '../src/protocol/messages';
import { expect, extensionWorker, launchWithExtension, test } from './fixtures';
import { APP_RESPONSE_HEADERS, SNIPPET_CASES, type SnippetCase } from './snippets/cases';
import { startHarness, type CallResult, type Harness } from './snippets/harness';
import {
  freePort,
  freshDir,
  startProgram,
  waitForPort,
  type RunningProgram,
} from './snippets/run-app';
import { STACKS, type AppSpec, type Stack } from './snippets/stacks';

test.describe.configure({ mode: 'default' });

let context: BrowserContext;
let worker: Worker;
let page: Page;
let tabId: number;
let harness: Harness;

test.beforeAll(async () => {
  harness = await startHarness();
  context = await launchWithExtension();
  worker = await extensionWorker(context);
  page = await context.newPage();
  await page.goto(harness.pageUrl);
  await page.waitForFunction(() => 'snippetPageReady' in window);
  const id = await worker.evaluate(
    async (url) => (await chrome.tabs.query({})).filter((tab) => tab.url === url).at(-1)?.id,
    harness.pageUrl,
  );
  if (id === undefined) throw new Error('the suite page tab was not found');
  tabId = id;
  // Every app is a new origin, but the HTTP cache would still serve a GET seen before.
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
});

test.afterAll(async () => {
  await context.close();
  await harness.close();
});

type Logged = TabLogView['exchanges'][number];

/**
 * The logged exchanges at that URL after `after`. Filtered in the worker: the tab's log grows
 * with every test, and sending all of it at each poll made the suite twice as slow.
 */
async function loggedAt(url: string, after: number): Promise<Logged[]> {
  return worker.evaluate(
    ([tab, at, seq]) =>
      (globalThis as unknown as { corsLensLog: (tabId: number) => TabLogView })
        .corsLensLog(tab)
        .exchanges.filter((x) => x.seq > seq && x.observation.request.url === at),
    [tabId, url, after] as const,
  );
}

/**
 * The exchanges at that URL after `after`, once the extension has judged them. Polled every
 * 25 ms rather than with expect.poll's backing-off intervals: the verdict comes within a few
 * milliseconds, and a hundred tests each waiting a quarter second add up.
 */
async function settled(url: string, after: number): Promise<Logged[]> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const at = await loggedAt(url, after);
    if (at.some((x) => x.verdict.status !== 'pending')) return at;
    if (Date.now() > deadline) throw new Error(`the extension never judged ${url}`);
    await new Promise((done) => setTimeout(done, 25));
  }
}

const lastSeq = () =>
  worker.evaluate(
    (tab) =>
      (globalThis as unknown as { corsLensLog: (tabId: number) => TabLogView })
        .corsLensLog(tab)
        .exchanges.at(-1)?.seq ?? -1,
    tabId,
  );

const pathOf = (c: SnippetCase) => `/s/${c.id}`;

async function callFromPage(origin: string, c: SnippetCase): Promise<CallResult> {
  return page.evaluate(
    ([url, call, read]) =>
      (
        window as unknown as {
          callApi: (url: string, call: unknown, read: readonly string[]) => Promise<CallResult>;
        }
      ).callApi(url, call, read),
    [`${origin}${pathOf(c)}`, c.call, c.readHeaders ?? []] as const,
  );
}

/** Each case is recorded once, by the first test that needs it. */
const recordings = new Map<string, Promise<ServerSnippet[]>>();

async function record(c: SnippetCase): Promise<ServerSnippet[]> {
  const before = await lastSeq();
  const result = await callFromPage(harness.apiOrigin, c);
  expect(result.ok, 'the case is blocked as it stands').toBe(false);
  const [logged] = await settled(`${harness.apiOrigin}${pathOf(c)}`, before);
  if (!logged) throw new Error('nothing recorded');
  expect(logged.verdict.failure?.corsError, 'the extension names the failure').toBe(c.corsError);
  // The page's reads reach the engine only through a report, as a HAR import gives them.
  const reads = c.recordedReads ?? c.readHeaders;
  const observation = reads
    ? { ...logged.observation, readResponseHeaders: reads }
    : logged.observation;
  const verdict = reads ? judge(observation) : logged.verdict;
  expect(verdict.failure?.corsError).toBe(c.corsError);
  const input = snippetInputFor(observation, verdict);
  if (!input) throw new Error(`no snippet input for ${c.id}: ${JSON.stringify(verdict.failure)}`);
  return serverSnippets(input);
}

function snippetsOf(c: SnippetCase): Promise<ServerSnippet[]> {
  let recording = recordings.get(c.id);
  if (!recording) {
    recording = record(c);
    recordings.set(c.id, recording);
  }
  return recording;
}

/** A missing runtime fails the stack's tests loudly, with the packages that provide it. */
function requireRuntime(stack: Stack): void {
  const missing = stack.requires.filter((r) => !r.present());
  if (missing.length > 0) {
    throw new Error(
      `${stack.id}: ${missing.map((r) => r.what).join(', ')} not installed here. Install: apt-get install -y ${[
        ...new Set(missing.flatMap((r) => r.apt)),
      ].join(' ')}`,
    );
  }
}

const takenPorts = new Set<number>();

/** A free port no other app of this run was given. */
async function newPort(): Promise<number> {
  for (;;) {
    const port = await freePort();
    if (!takenPorts.has(port)) {
      takenPorts.add(port);
      return port;
    }
  }
}

function snippetFor(snippets: readonly ServerSnippet[], stack: Stack): ServerSnippet {
  const snippet = snippets.find((s) => s.id === stack.id);
  if (!snippet) throw new Error(`no ${stack.id} snippet`);
  return snippet;
}

test('every verified stack is one the suite runs, and the reverse', () => {
  expect(VERIFIED_STACKS.map((s) => s.id)).toEqual(STACKS.map((s) => s.id));
});

// The pitfall most snippets warn of: CORS registered after the auth check. The preflight
// never carries Authorization, so the auth check answers it 401 without CORS headers.
const AUTH_CASE = SNIPPET_CASES.find((c) => c.auth);
const AUTH_FIRST = `${AUTH_CASE?.id ?? ''}-auth-first`;

interface Started {
  readonly app: AppSpec;
  readonly program: RunningProgram;
  /** Why it is not listening, if it is not. */
  readonly error?: Error;
}

for (const stack of STACKS) {
  test.describe(stack.id, () => {
    const started = new Map<string, Started>();
    let programs: RunningProgram[] = [];

    test.beforeAll(async () => {
      // The first stack records every case; a compiled stack builds before it listens.
      test.setTimeout(120_000);
      requireRuntime(stack);
      const apps: AppSpec[] = [];
      for (const c of SNIPPET_CASES) {
        apps.push({
          name: c.id,
          snippet: snippetFor(await snippetsOf(c), stack),
          path: pathOf(c),
          port: await newPort(),
          backendPort: await newPort(),
          auth: c.auth === true,
          authFirst: false,
          responseHeaders: APP_RESPONSE_HEADERS,
        });
      }
      if (stack.showsAuthPitfall && AUTH_CASE) {
        apps.push({
          name: AUTH_FIRST,
          snippet: snippetFor(await snippetsOf(AUTH_CASE), stack),
          path: pathOf(AUTH_CASE),
          port: await newPort(),
          backendPort: await newPort(),
          auth: true,
          authFirst: true,
          responseHeaders: APP_RESPONSE_HEADERS,
        });
      }
      const dir = freshDir(stack.id);
      const running = stack.programs(apps, dir).map((p) => ({ p, run: startProgram(dir, p) }));
      programs = running.map((r) => r.run);
      await Promise.all(
        running.flatMap((r) =>
          (r.p.alsoListens ?? []).map((port) =>
            waitForPort(port, r.run, r.p.startTimeoutMs ?? 15_000),
          ),
        ),
      );
      await Promise.all(
        apps.map(async (app) => {
          const host = running.find((r) => r.p.hosts.includes(app.name));
          if (!host) throw new Error(`no ${stack.id} program runs ${app.name}`);
          const error = await waitForPort(app.port, host.run, host.p.startTimeoutMs ?? 15_000).then(
            () => undefined,
            (e: unknown) => (e instanceof Error ? e : new Error(String(e))),
          );
          started.set(app.name, { app, program: host.run, ...(error ? { error } : {}) });
        }),
      );
    });

    test.afterAll(async () => {
      await Promise.all(programs.map((p) => p.stop()));
    });

    const appFor = (name: string): Started => {
      const entry = started.get(name);
      if (!entry) throw new Error(`no ${stack.id} app ${name}`);
      if (entry.error) throw entry.error;
      return entry;
    };

    for (const c of SNIPPET_CASES) {
      test(`${c.id}: the snippet as shown makes Chromium allow the call`, async () => {
        const { app, program } = appFor(c.id);
        const origin = `http://127.0.0.1:${app.port}`;
        const before = await lastSeq();
        const result = await callFromPage(origin, c);
        expect(
          result,
          `the page gets its 200 from the ${stack.id} app with the snippet:\n${app.snippet.code}\n--- app output ---\n${program.output()}`,
        ).toEqual({ ok: true, status: 200 });
        const fixed = await settled(`${origin}${pathOf(c)}`, before);
        expect(fixed.map((x) => x.verdict.status)).toEqual(fixed.map(() => 'allowed'));
      });
    }

    if (stack.showsAuthPitfall && AUTH_CASE) {
      test('pitfall: the same snippet below the auth check, the preflight gets 401', async () => {
        const { app } = appFor(AUTH_FIRST);
        const origin = `http://127.0.0.1:${app.port}`;
        const before = await lastSeq();
        const result = await callFromPage(origin, AUTH_CASE);
        expect(result.ok, 'Chromium blocks the call').toBe(false);
        const [blocked] = await settled(`${origin}${pathOf(AUTH_CASE)}`, before);
        const failure = blocked?.verdict.failure;
        expect(failure?.stage).toBe('preflight');
        expect(failure?.httpStatus).toBe(401);
        expect(`${app.snippet.pitfall} ${(app.snippet.notes ?? []).join(' ')}`).toMatch(/auth/i);
      });
    }
  });
}
