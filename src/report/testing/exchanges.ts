/**
 * Exchanges for the report's tests, made the way the extension makes them: webRequest
 * event streams (recorded from Chromium, or built with the capture's test vocabulary)
 * replayed through the Recorder. Used by tests only.
 */
import type { Exchange } from '../../capture/exchange';
import { isWebRequestEvent } from '../../capture/events';
import { Recorder } from '../../capture/recorder';
import { FAILED_TO_FETCH, pageCall, refusedInPage } from '../../capture/testing/page-calls';
import {
  API,
  PAGE,
  TAB,
  THIRD,
  Timeline,
  allowOrigin,
  corsRequestHeaders,
  preflightRequestHeaders,
} from '../../capture/testing/chromium-events';

export { API, PAGE, THIRD };

/** Every exchange the events give, in creation order. */
export function replay(events: readonly unknown[], recorder = new Recorder()): Exchange[] {
  for (const event of events) if (isWebRequestEvent(event)) recorder.handle(event);
  return recorder
    .tabIds()
    .flatMap((tabId) => recorder.tab(tabId)?.exchanges ?? [])
    .sort((a, b) => a.seq - b.seq);
}

/** A recorded Chromium fixture (src/capture/fixtures/chromium/*.json). */
export interface RecordedFixture {
  readonly scenario: string;
  readonly origins: { readonly page: string; readonly api: string; readonly third: string };
  readonly events: readonly unknown[];
}

export function replayFixture(fixture: RecordedFixture): Exchange[] {
  return replay(fixture.events);
}

/** Secrets planted where pages and servers put them; none may survive a default export. */
export const CANARIES = {
  cookie: 'CANARYcookieValue4f1e',
  setCookie: 'CANARYsetCookie9b2c',
  bearer: 'CANARYbearerToken77aa',
  proxy: 'CANARYproxyCredential31d0',
  apiKeyHeader: 'CANARYapiKeyHeader5e6f',
  jwt: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJDQU5BUllqd3QifQ.CANARYjwtSignature0c0d',
  accessToken: 'CANARYaccessTokenQuery1a2b',
  apiKeyQuery: 'CANARYapiKeyQuery3c4d',
  redirectToken: 'CANARYredirectToken5e6f',
  password: 'CANARYuserinfoPass7a8b',
  acaoToken: 'CANARYacaoUrlToken9c0d',
} as const;

/**
 * Three exchanges carrying every canary: a credentialed PUT with custom secret headers, a
 * preflight, a redirect whose Location and Set-Cookie carry secrets; a GET with tokens in
 * its query answered by an Access-Control-Allow-Origin holding a token URL; a redirect to
 * a URL with a password.
 */
export function canaryExchanges(): Exchange[] {
  const c = CANARIES;
  const t = new Timeline();
  const first = `${API}/api/orders?access_token=${c.accessToken}&api_key=${c.apiKeyQuery}&page=2`;
  const next = `${API}/api/orders/v2?access_token=${c.redirectToken}`;
  const pageHeaders = [
    ['Authorization', `Bearer ${c.bearer}`],
    ['Proxy-Authorization', `Basic ${c.proxy}`],
    ['X-Api-Key', c.apiKeyHeader],
    ['X-Trace', c.jwt],
    ['Cookie', `sid=${c.cookie}; theme=dark`],
  ] as const;
  const put = t.request({ url: first, method: 'PUT' }).before();
  t.request({ url: first, method: 'OPTIONS' })
    .before()
    .sendHeaders(preflightRequestHeaders('PUT', 'authorization,x-api-key,x-trace'))
    .respond(204, [
      allowOrigin(),
      ['Access-Control-Allow-Credentials', 'true'],
      ['Access-Control-Allow-Methods', 'PUT'],
      ['Access-Control-Allow-Headers', 'authorization, x-api-key, x-trace'],
    ]);
  put
    .sendHeaders(corsRequestHeaders(pageHeaders))
    .redirect(
      307,
      [
        allowOrigin(),
        ['Access-Control-Allow-Credentials', 'true'],
        ['Set-Cookie', `sid=${c.setCookie}; Path=/; HttpOnly; SameSite=None; Secure`],
      ],
      next,
    )
    .sendHeaders(corsRequestHeaders(pageHeaders))
    .respond(200, [allowOrigin(), ['Access-Control-Allow-Credentials', 'true']]);

  t.request({ url: `${API}/api/search?q=shoes&api_key=${c.apiKeyQuery}` })
    .before()
    .sendHeaders(corsRequestHeaders([['Cookie', `sid=${c.cookie}`]]))
    .received(200, [allowOrigin(`http://evil.example/?access_token=${c.acaoToken}`)])
    .failed();

  const withPassword = `${THIRD.replace('://', `://admin:${c.password}@`)}/api/target`;
  t.request({ url: `${API}/api/moved` })
    .before()
    .sendHeaders(corsRequestHeaders())
    .received(302, [allowOrigin(), ['Location', withPassword]])
    .failed();
  return replay(t.events);
}

/**
 * The states real exchanges end in besides the recorded scenarios: a preflight per
 * redirect hop, a request still in flight, a preflight that got no answer, a preflight
 * whose request was never seen, and a request the recorder gave up waiting for.
 */
export function edgeCaseExchanges(): Exchange[] {
  const t = new Timeline();
  const recorder = new Recorder({ timeoutMs: 60_000 });

  // PUT x-foo → 307 to a third origin, which needs (and gets) its own preflight.
  const start = `${API}/api/move`;
  const target = `${THIRD}/api/moved`;
  const put = t.request({ url: start, method: 'PUT' }).before();
  t.request({ url: start, method: 'OPTIONS' })
    .before()
    .sendHeaders(preflightRequestHeaders('PUT', 'x-foo'))
    .respond(204, [
      allowOrigin(),
      ['Access-Control-Allow-Methods', 'PUT'],
      ['Access-Control-Allow-Headers', 'x-foo'],
    ]);
  put.sendHeaders(corsRequestHeaders([['x-foo', '1']])).redirect(307, [allowOrigin()], target);
  t.request({ url: target, method: 'OPTIONS' })
    .before()
    .sendHeaders(preflightRequestHeaders('PUT', 'x-foo', 'null'))
    .respond(204, [
      allowOrigin('*'),
      ['Access-Control-Allow-Methods', 'PUT'],
      ['Access-Control-Allow-Headers', 'x-foo'],
    ]);
  put.sendHeaders(corsRequestHeaders([['x-foo', '1']], 'null')).respond(200, [allowOrigin('*')]);

  // A preflight that got no answer: the request fails with its network error.
  const down = `${API}/api/down`;
  const del = t.request({ url: down, method: 'DELETE' }).before();
  t.request({ url: down, method: 'OPTIONS' })
    .before()
    .sendHeaders(preflightRequestHeaders('DELETE'))
    .failed('net::ERR_CONNECTION_RESET');
  del.failed('net::ERR_CONNECTION_RESET');

  // A preflight whose request was never seen (its events were lost).
  t.request({ url: `${API}/api/orphan`, method: 'OPTIONS' })
    .before()
    .sendHeaders(preflightRequestHeaders('PATCH'))
    .respond(204, [allowOrigin(), ['Access-Control-Allow-Methods', 'GET']]);

  // Given up on: the response headers came, then nothing for longer than the time-out.
  t.request({ url: `${API}/api/stream` })
    .before()
    .sendHeaders(corsRequestHeaders())
    .received(200, [allowOrigin()]);
  replay(t.events, recorder);
  // Past the pairing window and the time-out: the orphan is settled, the stream timed out.
  t.advance(120_000);
  recorder.expire(t.now);

  // Still in flight when the report is made.
  const seen = t.events.length;
  t.request({ url: `${API}/api/slow` })
    .before()
    .sendHeaders(corsRequestHeaders());
  return replay(t.events.slice(seen), recorder);
}

/**
 * Exchanges the page probe shaped: calls the browser refused before the network (each
 * kind the engine names), and a call joined to its webRequest exchange, whose credentials
 * mode and target address space only the page knew.
 */
export function pageProbeExchanges(): Exchange[] {
  const callSite = { url: `${PAGE}/app.js`, line: 12, column: 5 };
  const refused = [
    { mode: 'same-origin', callSite },
    { mode: 'no-cors', redirect: 'manual' },
    { url: 'ftp://localhost/file.txt' },
    {
      csp: { directive: 'connect-src', policy: "connect-src 'self'", document: `${PAGE}/app` },
      method: 'PUT',
      headers: [['X-Foo', '1']],
      callSite,
    },
    { origin: 'https://app.example', url: 'http://api.example/x' },
    { outcome: { ...FAILED_TO_FETCH, message: 'Failed to fetch (an extension?)' } },
    { url: `${API.replace('://', '://admin:pw@')}/api/items` },
    { mode: 'no-cors', method: 'PUT' },
  ] as const;
  const recorder = new Recorder();
  refused.forEach((report, i) => refusedInPage(report, recorder, 1_700_000_000_000 + i * 10_000));

  const t = new Timeline();
  t.advance(100_000);
  const joined = pageCall({
    startedAt: t.now,
    credentials: 'include',
    targetAddressSpace: 'loopback',
    callSite,
  });
  recorder.handlePageCall(TAB, 0, PAGE, joined, t.now);
  t.request({ url: `${API}/api/items` })
    .before()
    .sendHeaders(corsRequestHeaders())
    .received(200, [allowOrigin('*')])
    .failed();
  return replay(t.events, recorder);
}
