import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { changedHeaders, type ResponseChange } from '../../src/cors/fix-apply';
import { FRAME_PAGE, PAGE_SCRIPT, WORKER_SCRIPT, renderPage } from './page';
import {
  PAGE_ONLY_SCENARIOS,
  SCENARIOS,
  scenarioById,
  thirdOriginReply,
  type ApiRequest,
  type Origins,
  type Reply,
} from './scenarios';

export interface Playground {
  readonly origins: Origins;
  /**
   * Makes the API follow a fix, as a server whose team applied it would: each change is
   * applied to the answers at its URL (OPTIONS for a preflight, any other method for a
   * redirect or the actual response, or the CSP frame's document), until `followFix([])`.
   */
  followFix(changes: readonly ResponseChange[]): void;
  /** The page of buttons, one per scenario. */
  readonly pageUrl: string;
  /**
   * Every button: the calls the network sees and those the browser refuses in the page
   * (only the page probe reports these).
   */
  readonly scenarioCount: number;
  close(): Promise<void>;
}

export interface PlaygroundPorts {
  readonly page?: number;
  readonly api?: number;
  readonly third?: number;
}

/** The changes the API follows (see Playground.followFix), shared by its servers. */
interface FixState {
  changes: readonly ResponseChange[];
}

function followed(request: IncomingMessage, reply: Reply, state: FixState): Reply {
  const here = `${request.headers.host ?? ''}${request.url ?? ''}`;
  const preflight = request.method === 'OPTIONS';
  const change = state.changes.find((c) => {
    const url = new URL(c.url);
    return (
      (c.stage === 'preflight') === preflight && `${url.host}${url.pathname}${url.search}` === here
    );
  });
  if (!change) return reply;
  const headers = changedHeaders(
    (reply.headers ?? []).map(([name, value]) => ({ name, value })),
    change,
  );
  return {
    status: change.answerStatus ?? reply.status,
    headers: headers.map((h) => [h.name, h.value] as const),
    ...(reply.body !== undefined ? { body: reply.body } : {}),
  };
}

function send(response: ServerResponse, reply: Reply): void {
  // A flat [name, value, name, value…] list keeps duplicated headers as separate lines.
  const flat = (reply.headers ?? []).flatMap(([name, value]) => [name, value]);
  response.writeHead(reply.status, flat);
  response.end(reply.body ?? '');
}

function toApiRequest(request: IncomingMessage, prefix: string): ApiRequest {
  const path = (request.url ?? '/').split('?')[0] ?? '/';
  return {
    method: request.method ?? 'GET',
    subpath: path.slice(prefix.length),
    headers: request.headers,
  };
}

/** Routes /s/<scenario-id><subpath> to the scenario's API answers. */
function apiHandler(origins: Origins, state: FixState, third = false) {
  return (request: IncomingMessage, response: ServerResponse) => {
    const path = (request.url ?? '/').split('?')[0];
    if (!third && path === '/login') {
      // Secure cookies are allowed on http://localhost; SameSite=None lets the page's calls carry it.
      send(response, {
        status: 200,
        headers: [
          ['Access-Control-Allow-Origin', origins.page],
          ['Access-Control-Allow-Credentials', 'true'],
          ['Set-Cookie', 'cl_session=playground-session; Path=/; SameSite=None; Secure; HttpOnly'],
        ],
        body: 'logged in',
      });
      return;
    }
    if (third && path === '/frame') {
      send(response, {
        status: 200,
        headers: [['Content-Type', 'text/html; charset=utf-8']],
        body: FRAME_PAGE,
      });
      return;
    }
    const match = /^\/s\/([a-z0-9-]+)/.exec(request.url ?? '');
    const scenario = match?.[1] ? scenarioById(match[1]) : undefined;
    if (!match || !scenario) {
      send(response, {
        status: 404,
        headers: [['Content-Type', 'text/plain']],
        body: 'no such scenario',
      });
      return;
    }
    const apiRequest = toApiRequest(request, match[0]);
    request.resume();
    request.on('end', () => {
      const reply = third
        ? thirdOriginReply(scenario.id, apiRequest, origins)
        : scenario.api(apiRequest, origins);
      send(response, followed(request, reply, state));
    });
  };
}

function pageHandler(origins: Origins, state: FixState) {
  return (request: IncomingMessage, response: ServerResponse) => {
    const path = (request.url ?? '/').split('?')[0];
    if (path === '/frame') {
      send(response, {
        status: 200,
        headers: [['Content-Type', 'text/html; charset=utf-8']],
        body: FRAME_PAGE,
      });
    } else if (path === '/frame-csp') {
      // A page whose policy lets it call only its own origin (the script is inline). The
      // fix for the calls it refuses is a change to this document's response, so it follows one.
      send(
        response,
        followed(
          request,
          {
            status: 200,
            headers: [
              ['Content-Type', 'text/html; charset=utf-8'],
              ['Content-Security-Policy', "connect-src 'self'; script-src 'unsafe-inline'"],
            ],
            body: FRAME_PAGE,
          },
          state,
        ),
      );
    } else if (path === '/worker.js') {
      send(response, {
        status: 200,
        headers: [['Content-Type', 'text/javascript']],
        body: WORKER_SCRIPT,
      });
    } else if (path === '/playground.js') {
      send(response, {
        status: 200,
        headers: [['Content-Type', 'text/javascript']],
        body: PAGE_SCRIPT,
      });
    } else if (path === '/scenarios.json') {
      const list = [...SCENARIOS, ...PAGE_ONLY_SCENARIOS].map(({ id, title, call, chromium }) => ({
        id,
        title,
        call,
        chromium,
      }));
      send(response, {
        status: 200,
        headers: [['Content-Type', 'application/json']],
        body: JSON.stringify(list),
      });
    } else if (path === '/same-origin') {
      send(response, {
        status: 200,
        headers: [['Content-Type', 'application/json']],
        body: '{"same":true}',
      });
    } else if (path === '/' || path === '/index.html') {
      send(response, {
        status: 200,
        headers: [['Content-Type', 'text/html; charset=utf-8']],
        body: renderPage(origins),
      });
    } else {
      send(response, { status: 404, headers: [['Content-Type', 'text/plain']], body: 'not found' });
    }
  };
}

async function listen(server: Server, port: number, host: string): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return (server.address() as AddressInfo).port;
}

/**
 * `localhost` may resolve to ::1 first; answer there too when the machine has IPv6
 * loopback, so the browser does not wait for a fallback.
 */
async function listenLocalhost(
  handler: ReturnType<typeof apiHandler>,
  port: number,
): Promise<{ port: number; servers: Server[] }> {
  const v4 = createServer(handler);
  const actual = await listen(v4, port, '127.0.0.1');
  const servers = [v4];
  const v6 = createServer(handler);
  try {
    await listen(v6, actual, '::1');
    servers.push(v6);
  } catch {
    // No IPv6 loopback here: the browser falls back to 127.0.0.1.
  }
  return { port: actual, servers };
}

/**
 * The playground: a page origin (http://127.0.0.1:<page>) with a button per scenario, an
 * API origin (http://localhost:<api>) answering each scenario, and a third origin
 * (http://localhost:<third>) for redirect chains. Loopback only. Port 0 picks free ports.
 */
export async function startPlayground(ports: PlaygroundPorts = {}): Promise<Playground> {
  const mutable: { page: string; api: string; third: string } = { page: '', api: '', third: '' };
  const origins: Origins = mutable;
  const state: FixState = { changes: [] };
  const page = createServer(pageHandler(origins, state));
  const pagePort = await listen(page, ports.page ?? 0, '127.0.0.1');
  const api = await listenLocalhost(apiHandler(origins, state), ports.api ?? 0);
  const third = await listenLocalhost(apiHandler(origins, state, true), ports.third ?? 0);
  mutable.page = `http://127.0.0.1:${pagePort}`;
  mutable.api = `http://localhost:${api.port}`;
  mutable.third = `http://localhost:${third.port}`;
  const servers = [page, ...api.servers, ...third.servers];
  return {
    origins,
    pageUrl: `${origins.page}/`,
    scenarioCount: SCENARIOS.length + PAGE_ONLY_SCENARIOS.length,
    followFix: (changes) => {
      state.changes = changes;
    },
    close: async () => {
      await Promise.all(
        servers.map(
          (server) =>
            new Promise<void>((resolve) => {
              server.closeAllConnections();
              server.close(() => {
                resolve();
              });
            }),
        ),
      );
    },
  };
}
