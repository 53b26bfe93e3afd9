/**
 * The suite's two loopback servers: the page (the caller, on 127.0.0.1) and the recording
 * API, which answers each case as the misconfigured server does. Apps built from the
 * snippets listen on other ports of 127.0.0.1: another port is another origin, and staying
 * off `localhost` means no ::1 listener of another spec can answer in an app's place.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Call, Reply } from '../playground/scenarios';
import { startLoopbackServer } from '../loopback-server';
import { SNIPPET_CASES } from './cases';

export interface CallResult {
  readonly ok: boolean;
  readonly status?: number;
  readonly error?: string;
}

/**
 * The page's one function: the playground's fetch() call to any API origin, ok only when the
 * page gets the response and can read every header it reads.
 */
const PAGE_SCRIPT = String.raw`
window.callApi = async (url, call, read) => {
  const init = { method: call.method ?? 'GET', headers: call.headers ?? {}, credentials: call.credentials ?? 'same-origin' };
  if (call.body !== undefined) init.body = call.body;
  try {
    const response = await fetch(url, init);
    const unreadable = read.filter((name) => response.headers.get(name) === null);
    if (unreadable.length > 0) return { ok: false, status: response.status, error: 'cannot read ' + unreadable.join(', ') };
    return { ok: true, status: response.status };
  } catch (error) {
    return { ok: false, error: String(error) };
  }
};
window.snippetPageReady = true;
`;

function send(response: ServerResponse, reply: Reply): void {
  // A flat list keeps duplicated headers as separate lines (the proxy-plus-app case).
  response.writeHead(
    reply.status,
    (reply.headers ?? []).flatMap(([name, value]) => [name, value]),
  );
  response.end(reply.body ?? '');
}

export interface Harness {
  readonly pageUrl: string;
  readonly pageOrigin: string;
  /** The recording API: http://127.0.0.1:<port>. */
  readonly apiOrigin: string;
  close(): Promise<void>;
}

export async function startHarness(): Promise<Harness> {
  const origins = { page: '', api: '', third: '' };
  const page = await startLoopbackServer((request, response) => {
    if ((request.url ?? '/').startsWith('/page.js')) {
      send(response, {
        status: 200,
        headers: [['Content-Type', 'text/javascript']],
        body: PAGE_SCRIPT,
      });
      return;
    }
    send(response, {
      status: 200,
      headers: [['Content-Type', 'text/html; charset=utf-8']],
      body: '<!doctype html><meta charset="utf-8"><title>Snippet suite</title><script src="/page.js"></script>',
    });
  });
  const api = await startLoopbackServer((request: IncomingMessage, response: ServerResponse) => {
    const path = (request.url ?? '/').split('?')[0] ?? '/';
    const match = /^\/s\/([a-z0-9-]+)/.exec(path);
    const found = SNIPPET_CASES.find((c) => c.id === match?.[1]);
    request.resume();
    request.on('end', () => {
      if (!match || !found) {
        send(response, { status: 404, body: 'no such case' });
        return;
      }
      send(
        response,
        found.blocked(
          {
            method: request.method ?? 'GET',
            subpath: path.slice(match[0].length),
            headers: request.headers,
          },
          origins,
        ),
      );
    });
  });
  origins.page = page.origin;
  origins.api = api.origin;
  return {
    pageUrl: `${page.origin}/`,
    pageOrigin: page.origin,
    apiOrigin: api.origin,
    close: async () => {
      await Promise.all([page.close(), api.close()]);
    },
  };
}

/** The call as the page script takes it (JSON-safe). */
export interface PageCall {
  readonly url: string;
  readonly call: Call;
  readonly read: readonly string[];
}
