/**
 * Drives Debian's firefox-esr through its own WebDriver BiDi (Playwright cannot: it needs
 * its patched Firefox). Just enough of the protocol for the tests: a session, a temporary
 * add-on, browsing contexts and script evaluation. Node 20 needs `--experimental-websocket`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The pinned moz-extension:// host of the installed add-on (user.js below). */
export const EXTENSION_UUID = '2c6f6c1e-7a4b-4d43-9c1e-6c0e5b1a2f3d';
export const EXTENSION_ORIGIN = `moz-extension://${EXTENSION_UUID}`;

const PREFS: Record<string, string | number | boolean> = {
  'app.update.enabled': false,
  'app.update.auto': false,
  'browser.shell.checkDefaultBrowser': false,
  'browser.startup.homepage_override.mstone': 'ignore',
  'browser.startup.page': 0,
  'browser.aboutwelcome.enabled': false,
  'datareporting.policy.dataSubmissionEnabled': false,
  'datareporting.healthreport.uploadEnabled': false,
  'toolkit.telemetry.enabled': false,
  'toolkit.telemetry.unified': false,
  'browser.safebrowsing.malware.enabled': false,
  'browser.safebrowsing.phishing.enabled': false,
  'browser.safebrowsing.downloads.enabled': false,
  'browser.safebrowsing.blockedURIs.enabled': false,
  'extensions.update.enabled': false,
  'extensions.getAddons.cache.enabled': false,
  'extensions.blocklist.enabled': false,
  'network.captive-portal-service.enabled': false,
  'network.connectivity-service.enabled': false,
  'browser.newtabpage.enabled': false,
  'browser.topsites.contile.enabled': false,
  'browser.region.network.url': '',
  'media.gmp-manager.updateEnabled': false,
  'services.settings.server': 'http://127.0.0.1:9/',
  'network.dns.disablePrefetch': true,
  'network.prefetch-next': false,
  // Loopback to loopback is no "local network" jump, but keep prompts out of headless runs.
  'network.lna.blocking': false,
  // Console messages (the extension's too) on stdout, shown with FIREFOX_LOG=1.
  'devtools.console.stdout.chrome': true,
  'devtools.console.stdout.content': true,
  'browser.dom.window.dump.enabled': true,
};

type Json = Record<string, unknown>;

export interface RemoteValue {
  type: string;
  value?: unknown;
}

/** Turns a BiDi RemoteValue (serialized result) back into plain JSON. */
export function fromRemote(v: RemoteValue | undefined): unknown {
  if (!v) return undefined;
  switch (v.type) {
    case 'undefined':
      return undefined;
    case 'null':
      return null;
    case 'string':
    case 'number':
    case 'boolean':
      return v.value;
    case 'array':
      return ((v.value as RemoteValue[] | undefined) ?? []).map(fromRemote);
    case 'object':
      return Object.fromEntries(
        ((v.value as Array<[string | RemoteValue, RemoteValue]> | undefined) ?? []).map(
          ([k, val]) => [typeof k === 'string' ? k : String(fromRemote(k)), fromRemote(val)],
        ),
      );
    default:
      return { type: v.type };
  }
}

export class Firefox {
  private nextId = 1;
  private readonly pending = new Map<
    number,
    { resolve: (v: Json) => void; reject: (e: Error) => void }
  >();

  private constructor(
    private readonly process: ChildProcess,
    private readonly socket: WebSocket,
    private readonly profile: string,
    readonly version: string,
  ) {}

  static async launch(): Promise<Firefox> {
    const profile = mkdtempSync(join(tmpdir(), 'cors-lens-firefox-'));
    const prefs = {
      ...PREFS,
      'extensions.webextensions.uuids': JSON.stringify({
        'cors-lens@example.org': EXTENSION_UUID,
      }),
    };
    writeFileSync(
      join(profile, 'user.js'),
      Object.entries(prefs)
        .map(([k, v]) => `user_pref(${JSON.stringify(k)}, ${JSON.stringify(v)});`)
        .join('\n'),
    );
    const binary = process.env.FIREFOX_BIN ?? 'firefox-esr';
    const child: ChildProcess = spawn(
      binary,
      ['--headless', '--no-remote', '--remote-debugging-port=0', '--profile', profile],
      {
        stdio: ['ignore', 'ignore', 'pipe'],
        env: { ...process.env, MOZ_CRASHREPORTER_DISABLE: '1' },
      },
    );
    if (process.env.FIREFOX_LOG) {
      child.stdout?.pipe(process.stderr);
      child.stderr?.pipe(process.stderr);
    } else {
      child.stdout?.resume();
    }
    const url = await new Promise<string>((resolve, reject) => {
      let seen = '';
      const timer = setTimeout(() => {
        reject(new Error(`firefox did not start BiDi:\n${seen}`));
      }, 30_000);
      child.stderr?.on('data', (chunk: Buffer) => {
        seen += chunk.toString();
        const match = /WebDriver BiDi listening on (ws:\/\/\S+)/.exec(seen);
        if (match?.[1]) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      });
      child.on('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`firefox exited (${String(code)}):\n${seen}`));
      });
    });
    const socket = new WebSocket(`${url}/session`);
    await new Promise<void>((resolve, reject) => {
      socket.addEventListener('open', () => {
        resolve();
      });
      socket.addEventListener('error', () => {
        reject(new Error(`cannot connect to ${url}`));
      });
    });
    const ff = new Firefox(child, socket, profile, '');
    socket.addEventListener('message', (message: MessageEvent<string>) => {
      ff.receive(message.data);
    });
    const session = (await ff.send('session.new', { capabilities: {} })) as {
      capabilities: { browserVersion: string };
    };
    return Object.assign(ff, { version: `Firefox ${session.capabilities.browserVersion}` });
  }

  private receive(data: string): void {
    const message = JSON.parse(data) as {
      id?: number;
      type: string;
      result?: Json;
      error?: string;
      message?: string;
    };
    if (message.id === undefined) return;
    const waiting = this.pending.get(message.id);
    if (!waiting) return;
    this.pending.delete(message.id);
    if (message.type === 'error') {
      waiting.reject(new Error(`${String(message.error)}: ${String(message.message)}`));
    } else {
      waiting.resolve(message.result ?? {});
    }
  }

  send(method: string, params: Json): Promise<Json> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.socket.send(JSON.stringify({ id, method, params }));
    });
  }

  async installExtension(path: string): Promise<string> {
    const result = (await this.send('webExtension.install', {
      extensionData: { type: 'path', path },
    })) as { extension: string };
    return result.extension;
  }

  async contexts(): Promise<Array<{ context: string; url: string }>> {
    const { contexts } = (await this.send('browsingContext.getTree', {})) as {
      contexts: Array<{ context: string; url: string }>;
    };
    return contexts;
  }

  async newTab(url: string): Promise<string> {
    const { context } = (await this.send('browsingContext.create', { type: 'tab' })) as {
      context: string;
    };
    await this.send('browsingContext.navigate', { context, url, wait: 'complete' });
    return context;
  }

  /** Runs `expression` (awaited if it is a promise) in a context and returns its value as JSON. */
  async evaluate<T = unknown>(context: string, expression: string): Promise<T> {
    const result = (await this.send('script.evaluate', {
      expression,
      target: { context },
      awaitPromise: true,
      resultOwnership: 'none',
      serializationOptions: { maxObjectDepth: 20 },
    })) as {
      type: 'success' | 'exception';
      result?: RemoteValue;
      exceptionDetails?: { text: string };
    };
    if (result.type === 'exception') {
      throw new Error(`evaluation failed: ${String(result.exceptionDetails?.text)}`);
    }
    return fromRemote(result.result) as T;
  }

  /** Evaluates until the value is truthy. */
  async waitFor<T>(context: string, expression: string, timeoutMs = 10_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await this.evaluate<T>(context, expression);
      if (value) return value;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${expression}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  async close(): Promise<void> {
    try {
      await Promise.race([this.send('browser.close', {}), new Promise((r) => setTimeout(r, 3000))]);
    } catch {
      // already closing
    }
    this.socket.close();
    if (this.process.exitCode === null) {
      await new Promise((resolve) => {
        const timer = setTimeout(() => {
          this.process.kill('SIGKILL');
        }, 5000);
        this.process.once('exit', () => {
          clearTimeout(timer);
          resolve(undefined);
        });
      });
    }
    rmSync(this.profile, { recursive: true, force: true });
  }
}

/** Polls `probe` until it returns a truthy value. */
export async function poll<T>(
  probe: () => Promise<T>,
  timeoutMs = 10_000,
  what = 'condition',
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The extension's own test page (opened by the e2e build's background). */
export async function extensionPage(ff: Firefox): Promise<string> {
  const found = await poll(
    async () => (await ff.contexts()).find((c) => c.url.startsWith(EXTENSION_ORIGIN)),
    15_000,
    'the extension test page',
  );
  return found.context;
}
