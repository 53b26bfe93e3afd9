/**
 * HAR files for the import bench, written the way Chrome's Network panel writes them
 * ("Save all as HAR", pretty-printed): a page on one origin calling an API on another,
 * with preflights listed before or after their requests, redirects, blocked requests,
 * identical requests in flight, same-origin assets, and now and then a response body.
 * And the crafted worst case of the old importer: thousands of preflights and requests,
 * each to its own URL, in as few bytes as a HAR allows.
 */

const PAGE = 'http://localhost:5173';
const API = 'http://localhost:8080';
const START = Date.parse('2026-11-27T14:00:00.000Z');
const USER_AGENT =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36';

interface Header {
  name: string;
  value: string;
}
type Entry = Record<string, unknown>;

/** A small deterministic generator (mulberry32): the same file on every run. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const h = (name: string, value: string): Header => ({ name, value });

function requestHeaders(url: string, extra: Header[], crossSite: boolean): Header[] {
  return [
    h('Accept', '*/*'),
    h('Accept-Encoding', 'gzip, deflate, br, zstd'),
    h('Accept-Language', 'en-US,en;q=0.9'),
    h('Connection', 'keep-alive'),
    h('Host', new URL(url).host),
    ...(crossSite ? [h('Origin', PAGE)] : []),
    h('Referer', `${PAGE}/`),
    h('Sec-Fetch-Dest', 'empty'),
    h('Sec-Fetch-Mode', crossSite ? 'cors' : 'no-cors'),
    h('Sec-Fetch-Site', crossSite ? 'same-site' : 'same-origin'),
    h('User-Agent', USER_AGENT),
    h('sec-ch-ua', '"Not:A-Brand";v="8", "Chromium";v="156"'),
    h('sec-ch-ua-mobile', '?0'),
    h('sec-ch-ua-platform', '"Linux"'),
    ...extra,
  ];
}

function responseHeaders(at: number, extra: Header[]): Header[] {
  return [
    h('Connection', 'keep-alive'),
    h('Date', new Date(at).toUTCString()),
    h('Keep-Alive', 'timeout=5'),
    h('Server', 'nginx/1.27.3'),
    ...extra,
  ];
}

const ALLOW_ORIGIN = [h('Access-Control-Allow-Origin', PAGE), h('Vary', 'Origin')];

interface EntrySpec {
  readonly at: number;
  readonly method: string;
  readonly url: string;
  readonly requestHeaders: Header[];
  readonly status: number;
  readonly responseHeaders: Header[];
  readonly redirectURL?: string;
  readonly error?: string;
  readonly resourceType: string;
  /** The URL of the request a preflight is for (Chrome's `_initiator`). */
  readonly preflightFor?: string;
  readonly body?: string;
}

function entryOf(spec: EntrySpec, id: number): Entry {
  const size = spec.body?.length ?? 0;
  return {
    _initiator: spec.preflightFor
      ? { type: 'preflight', url: spec.preflightFor, requestId: `2291.${id}` }
      : {
          type: 'script',
          stack: {
            callFrames: [
              {
                functionName: 'load',
                scriptId: '4',
                url: `${PAGE}/assets/index-4f9a2c.js`,
                lineNumber: 34,
                columnNumber: 31,
              },
            ],
          },
        },
    _priority: 'High',
    _resourceType: spec.resourceType,
    cache: {},
    connection: String(8080 + (id % 6)),
    request: {
      method: spec.method,
      url: spec.url,
      httpVersion: 'HTTP/1.1',
      headers: spec.requestHeaders,
      queryString: [...new URL(spec.url).searchParams].map(([name, value]) => ({ name, value })),
      cookies: [],
      headersSize: 520,
      bodySize: spec.method === 'POST' || spec.method === 'PUT' ? 48 : 0,
    },
    response: {
      status: spec.status,
      statusText: spec.status === 0 ? '' : spec.status === 204 ? 'No Content' : 'OK',
      httpVersion: spec.status === 0 ? '' : 'HTTP/1.1',
      headers: spec.responseHeaders,
      cookies: [],
      content: {
        size,
        mimeType: size > 0 ? 'application/json' : 'x-unknown',
        ...(spec.body !== undefined ? { text: spec.body } : {}),
      },
      redirectURL: spec.redirectURL ?? '',
      headersSize: spec.status === 0 ? -1 : 240,
      bodySize: size,
      _transferSize: size + 240,
      _error: spec.error ?? null,
      _fetchedViaServiceWorker: false,
    },
    serverIPAddress: '127.0.0.1',
    startedDateTime: new Date(spec.at).toISOString(),
    time: 12.5,
    timings: {
      blocked: 3.47,
      dns: -1,
      ssl: -1,
      connect: -1,
      send: 0.07,
      wait: 5.78,
      receive: 3.09,
      _blocked_queueing: 0.29,
      _workerStart: -1,
      _workerReady: -1,
      _workerFetchStart: -1,
      _workerRespondWithSettled: -1,
    },
    _connectionId: String(100 + (id % 40)),
  };
}

function jsonBody(next: () => number, id: number): string {
  const items = Array.from({ length: 2 + Math.floor(next() * 20) }, (_, k) => ({
    id: id * 100 + k,
    name: `item ${id}-${k}`,
    price: Math.round(next() * 10_000) / 100,
    tags: ['blue', 'large'],
  }));
  return JSON.stringify({ items, page: id % 50 });
}

/** A preflight and the request it is for; Chrome lists either first. */
function preflighted(
  next: () => number,
  at: number,
  method: string,
  url: string,
  extraRequestHeaders: Header[],
  preflightResponse: Header[],
  allowed: boolean,
  body: string | undefined,
): EntrySpec[] {
  const names = extraRequestHeaders.map((x) => x.name.toLowerCase()).join(',');
  // Chrome starts the request, then its preflight a moment later; a busy page can
  // also list the preflight a millisecond before.
  const preflightAt = at + Math.floor(next() * 4) - 1;
  const preflight: EntrySpec = {
    at: preflightAt,
    method: 'OPTIONS',
    url,
    requestHeaders: requestHeaders(
      url,
      [
        h('Access-Control-Request-Method', method),
        ...(names ? [h('Access-Control-Request-Headers', names)] : []),
      ],
      true,
    ).filter((x) => !x.name.startsWith('sec-ch-ua')),
    status: 204,
    responseHeaders: responseHeaders(preflightAt, preflightResponse),
    resourceType: 'preflight',
    preflightFor: url,
  };
  const request: EntrySpec = allowed
    ? {
        at,
        method,
        url,
        requestHeaders: requestHeaders(url, extraRequestHeaders, true),
        status: 200,
        responseHeaders: responseHeaders(at + 8, [
          ...ALLOW_ORIGIN,
          h('Content-Type', 'application/json'),
        ]),
        resourceType: 'fetch',
        ...(body !== undefined ? { body } : {}),
      }
    : {
        at,
        method,
        url,
        requestHeaders: requestHeaders(url, extraRequestHeaders, true),
        status: 0,
        responseHeaders: [],
        error: 'net::ERR_FAILED',
        resourceType: 'fetch',
      };
  return next() < 0.5 ? [preflight, request] : [request, preflight];
}

/** One thing the page does: a few entries. */
function scenario(next: () => number, at: number, id: number, bodies: boolean): EntrySpec[] {
  const body = bodies && next() < 0.3 ? jsonBody(next, id) : undefined;
  const roll = next();
  if (roll < 0.15) {
    const url = `${PAGE}/assets/chunk-${id.toString(36)}.js`;
    return [
      {
        at,
        method: 'GET',
        url,
        requestHeaders: requestHeaders(url, [], false),
        status: 200,
        responseHeaders: responseHeaders(at, [h('Content-Type', 'text/javascript')]),
        resourceType: 'script',
      },
    ];
  }
  if (roll < 0.4) {
    const url = `${API}/api/items/${id}?page=${id % 50}&sort=name`;
    return [
      {
        at,
        method: 'GET',
        url,
        requestHeaders: requestHeaders(url, [], true),
        status: 200,
        responseHeaders: responseHeaders(at, [
          ...ALLOW_ORIGIN,
          h('Content-Type', 'application/json'),
        ]),
        resourceType: 'fetch',
        ...(body !== undefined ? { body } : {}),
      },
    ];
  }
  if (roll < 0.55) {
    const allow = [
      ...ALLOW_ORIGIN,
      h('Access-Control-Allow-Methods', 'GET, PUT, PATCH, DELETE'),
      h('Access-Control-Allow-Headers', 'x-request-id, content-type'),
    ];
    return preflighted(
      next,
      at,
      'PUT',
      `${API}/api/items/${id}`,
      [h('Content-Type', 'application/json'), h('x-request-id', `req-${id}`)],
      allow,
      true,
      body,
    );
  }
  if (roll < 0.63) {
    // The server forgot content-type: Chrome blocks the POST after its preflight.
    const allow = [...ALLOW_ORIGIN, h('Access-Control-Allow-Methods', 'POST')];
    return preflighted(
      next,
      at,
      'POST',
      `${API}/api/orders?cart=${id}`,
      [h('Content-Type', 'application/json')],
      allow,
      false,
      undefined,
    );
  }
  if (roll < 0.7) {
    const url = `${API}/api/report/${id}`;
    return [
      {
        at,
        method: 'GET',
        url,
        requestHeaders: requestHeaders(url, [], true),
        status: 200,
        responseHeaders: responseHeaders(at, [h('Content-Type', 'application/json')]),
        error: 'net::ERR_FAILED',
        resourceType: 'fetch',
      },
    ];
  }
  if (roll < 0.78) {
    const from = `${API}/api/r/${id}`;
    const to = `${API}/api/items/${id}/final`;
    return [
      {
        at,
        method: 'GET',
        url: from,
        requestHeaders: requestHeaders(from, [], true),
        status: 302,
        responseHeaders: responseHeaders(at, [...ALLOW_ORIGIN, h('Location', to)]),
        redirectURL: to,
        resourceType: 'fetch',
      },
      {
        at: at + 6,
        method: 'GET',
        url: to,
        requestHeaders: requestHeaders(to, [], true),
        status: 200,
        responseHeaders: responseHeaders(at + 6, [
          ...ALLOW_ORIGIN,
          h('Content-Type', 'application/json'),
        ]),
        resourceType: 'fetch',
        ...(body !== undefined ? { body } : {}),
      },
    ];
  }
  if (roll < 0.9) {
    // Identical requests in flight: the same PATCH, each with its preflight (no
    // max-age), started within a few milliseconds of each other.
    const url = `${API}/api/session`;
    const allow = [
      ...ALLOW_ORIGIN,
      h('Access-Control-Allow-Methods', 'PATCH'),
      h('Access-Control-Allow-Headers', 'x-csrf-token'),
    ];
    const count = 2 + Math.floor(next() * 4);
    return Array.from({ length: count }, (_, k) =>
      preflighted(
        next,
        at + k * Math.floor(next() * 3),
        'PATCH',
        url,
        [h('x-csrf-token', 'f3a9c1')],
        allow,
        true,
        undefined,
      ),
    ).flat();
  }
  const url = `${API}/api/poll`;
  return [
    {
      at,
      method: 'GET',
      url,
      requestHeaders: requestHeaders(url, [], true),
      status: 200,
      responseHeaders: responseHeaders(at, [
        ...ALLOW_ORIGIN,
        h('Content-Type', 'application/json'),
      ]),
      resourceType: 'fetch',
    },
  ];
}

function harOf(entries: Entry[]): unknown {
  return {
    log: {
      version: '1.2',
      creator: { name: 'WebInspector', version: '537.36' },
      pages: [],
      entries,
    },
  };
}

/** A Chrome HAR of `count` entries, as the Network panel saves it. */
export function chromeHar(count: number, options: { bodies?: boolean; seed?: number } = {}) {
  const next = random(options.seed ?? 7);
  const entries: Entry[] = [];
  let at = START;
  for (let id = 0; entries.length < count; id++) {
    at += 5 + Math.floor(next() * 150);
    for (const spec of scenario(next, at, id, options.bodies ?? false)) {
      if (entries.length < count) entries.push(entryOf(spec, entries.length));
    }
  }
  return JSON.stringify(harOf(entries), null, 2);
}

/** A Chrome HAR of at least `bytes` bytes, with response bodies as "Save all as HAR with content" keeps them. */
export function chromeHarOfSize(bytes: number): { text: string; entries: number } {
  const sample = 2_000;
  const perEntry = chromeHar(sample, { bodies: true }).length / sample;
  let entries = Math.ceil(bytes / perEntry);
  let text = chromeHar(entries, { bodies: true });
  while (text.length < bytes) {
    entries = Math.ceil(entries * 1.02);
    text = chromeHar(entries, { bodies: true });
  }
  return { text, entries };
}

/**
 * The old importer's worst case: every preflight compared with every request, each pair
 * parsing two URLs (more distinct URLs than the URL memo holds). Minimal entries: a few
 * hundred bytes each.
 */
export function craftedHar(pairs: number): string {
  const next = random(11);
  const entries: Entry[] = [];
  for (let i = 0; i < pairs; i++) {
    const url = `${API}/v1/things/${i}/${Math.floor(next() * 1e9).toString(36)}`;
    const at = new Date(START + Math.floor(next() * 600_000)).toISOString();
    entries.push({
      startedDateTime: at,
      request: {
        method: 'PUT',
        url,
        headers: [h('Origin', PAGE), h('X-Id', String(i))],
      },
      response: { status: 200, headers: [h('Access-Control-Allow-Origin', '*')] },
    });
    entries.push({
      startedDateTime: at,
      request: {
        method: 'OPTIONS',
        url,
        headers: [h('Origin', PAGE), h('Access-Control-Request-Method', 'PUT')],
      },
      response: {
        status: 204,
        headers: [
          h('Access-Control-Allow-Origin', '*'),
          h('Access-Control-Allow-Headers', 'x-id'),
          h('Access-Control-Allow-Methods', 'PUT'),
        ],
      },
    });
  }
  return JSON.stringify({
    log: { version: '1.2', creator: { name: 'WebInspector', version: '537.36' }, entries },
  });
}
