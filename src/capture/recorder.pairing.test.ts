import { describe, expect, it } from 'vitest';
import {
  API,
  PAGE,
  Timeline,
  allowOrigin,
  corsRequestHeaders,
  preflightRequestHeaders,
} from './testing/chromium-events';
import { byRequestId, exchangesOf, onlyExchange, recordAll } from './testing/record';
import { preflightedExchange } from './testing/scenarios';

const URL1 = `${API}/api/items/1`;
const ALLOW_PUT_XFOO = [
  allowOrigin(),
  ['Access-Control-Allow-Methods', 'PUT'],
  ['Access-Control-Allow-Headers', 'x-foo'],
] as const;

describe('preflight pairing', () => {
  it('pairs two identical PUTs in flight at once with their own preflights, oldest first', () => {
    const t = new Timeline();
    const put1 = t.request({ url: URL1, method: 'PUT' }).before();
    const put2 = t.request({ url: URL1, method: 'PUT' }).before();
    const pf1 = t.request({ url: URL1, method: 'OPTIONS' }).before();
    const pf2 = t.request({ url: URL1, method: 'OPTIONS' }).before();
    pf1.sendHeaders(preflightRequestHeaders('PUT', 'x-foo'));
    pf2.sendHeaders(preflightRequestHeaders('PUT', 'x-foo'));
    // The server answers the first preflight, and fails the second one.
    pf1.respond(204, ALLOW_PUT_XFOO);
    pf2.respond(500, []);
    put1.sendHeaders(corsRequestHeaders([['x-foo', '1']])).respond(200, [allowOrigin()]);
    put2.failed();

    const recorder = recordAll(t.events);
    expect(exchangesOf(recorder)).toHaveLength(2);
    const first = byRequestId(recorder, put1.requestId);
    const second = byRequestId(recorder, put2.requestId);
    expect(first.preflights.map((p) => p.requestId)).toEqual([pf1.requestId]);
    expect(second.preflights.map((p) => p.requestId)).toEqual([pf2.requestId]);
    expect(first.verdict.status).toBe('allowed');
    expect(first.verdict.warnings.map((w) => w.id)).not.toContain('engine-disagrees-with-browser');
    expect(second.verdict.failure?.corsError).toBe('PreflightMissingAllowOriginHeader');
  });

  it('pairs a preflight whose events all came before the request’s beforeRequest', () => {
    const t = new Timeline();
    const pf = t
      .request({ url: URL1, method: 'OPTIONS' })
      .before()
      .sendHeaders(preflightRequestHeaders('PUT', 'x-foo'))
      .respond(204, [allowOrigin(), ['Access-Control-Allow-Methods', 'PUT']]);
    const put = t.request({ url: URL1, method: 'PUT' }).before().failed();

    const recorder = recordAll(t.events);
    const exchange = onlyExchange(recorder);
    expect(exchange.requestId).toBe(put.requestId);
    expect(exchange.preflights.map((p) => p.requestId)).toEqual([pf.requestId]);
    expect(exchange.verdict.failure).toMatchObject({
      corsError: 'HeaderDisallowedByPreflightResponse',
      failedParameter: 'x-foo',
    });
  });

  it('does not pair a preflight with a request of another method, URL or tab', () => {
    const t = new Timeline();
    const put = t.request({ url: URL1, method: 'PUT' }).before();
    const otherTab = t.request({ url: URL1, method: 'PATCH', tabId: 8 }).before();
    const otherUrl = t.request({ url: `${API}/api/items/2`, method: 'PATCH' }).before();
    t.request({ url: URL1, method: 'OPTIONS' })
      .before()
      .sendHeaders(preflightRequestHeaders('PATCH'))
      .respond(204, [allowOrigin(), ['Access-Control-Allow-Methods', 'PATCH']]);
    const recorder = recordAll(t.events);
    for (const handle of [put, otherUrl]) {
      expect(byRequestId(recorder, handle.requestId).preflights).toEqual([]);
    }
    expect(byRequestId(recorder, otherTab.requestId, 8).preflights).toEqual([]);
  });

  it('explains a PUT sent without preflight by the cached preflight of an earlier exchange', () => {
    const t = new Timeline();
    const maxAge = ['Access-Control-Max-Age', '600'] as const;
    const { actual: first } = preflightedExchange(t, {
      pageHeaders: [['x-foo', '1']],
      acrh: 'x-foo',
      preflightHeaders: [...ALLOW_PUT_XFOO, maxAge],
      actual: { headers: [allowOrigin()] },
    });
    t.advance(5000);
    const second = t
      .request({ url: URL1, method: 'PUT' })
      .before()
      .sendHeaders(corsRequestHeaders([['x-foo', '2']]))
      .respond(200, [allowOrigin()]);

    const recorder = recordAll(t.events);
    const firstExchange = byRequestId(recorder, first.requestId);
    const exchange = byRequestId(recorder, second.requestId);
    expect(exchange.preflights).toEqual([]);
    expect(exchange.verdict.status).toBe('allowed');
    expect(exchange.verdict.preflight).toMatchObject({ needed: true, seen: 'cached' });
    expect(exchange.cachedFrom).toBe(firstExchange.id);
    expect(exchange.verdict.preflight.cache?.entry).toMatchObject({
      origin: PAGE,
      url: URL1,
      methods: ['PUT'],
      headers: ['x-foo'],
      maxAgeSeconds: 600,
    });
    expect(exchange.verdict.preflight.cache?.ageSeconds).toBeGreaterThan(4.9);
    expect(exchange.verdict.preflight.cache?.ageSeconds).toBeLessThan(5.2);
  });

  it('a failed preflight leaves nothing in the cache to point at', () => {
    const t = new Timeline();
    preflightedExchange(t, {
      acrh: 'x-foo',
      preflightHeaders: [allowOrigin(), ['Access-Control-Allow-Methods', 'PUT']],
      actual: 'blocked',
    });
    t.advance(1000);
    const second = t
      .request({ url: URL1, method: 'PUT' })
      .before()
      .sendHeaders(corsRequestHeaders([['x-foo', '2']]))
      .respond(200, [allowOrigin()]);
    const exchange = byRequestId(recordAll(t.events), second.requestId);
    expect(exchange.verdict.preflight.seen).toBe('cached');
    expect(exchange.cachedFrom).toBeUndefined();
  });

  it('treats the page’s own OPTIONS (no Access-Control-Request-Method) as an exchange, with its preflight', () => {
    const t = new Timeline();
    const own = t.request({ url: URL1, method: 'OPTIONS' }).before();
    const pf = t
      .request({ url: URL1, method: 'OPTIONS' })
      .before()
      .sendHeaders(preflightRequestHeaders('OPTIONS'))
      .respond(204, [allowOrigin(), ['Access-Control-Allow-Methods', 'OPTIONS']]);
    own.sendHeaders(corsRequestHeaders()).respond(200, [allowOrigin()]);

    const exchange = onlyExchange(recordAll(t.events));
    expect(exchange.requestId).toBe(own.requestId);
    expect(exchange.observation.request.method).toBe('OPTIONS');
    expect(exchange.preflights.map((p) => p.requestId)).toEqual([pf.requestId]);
    expect(exchange.verdict.status).toBe('allowed');
  });

  it('turns a preflight whose request never shows into an orphan exchange after the window', () => {
    const t = new Timeline();
    const pf = t
      .request({ url: URL1, method: 'OPTIONS' })
      .before()
      .sendHeaders(preflightRequestHeaders('PUT', 'x-foo'))
      .respond(204, [allowOrigin(), ['Access-Control-Allow-Methods', 'PUT']]);
    const recorder = recordAll(t.events);
    recorder.expire(t.now + 5000);
    expect(exchangesOf(recorder)).toHaveLength(0);
    recorder.expire(t.now + 10_001);
    const orphan = onlyExchange(recorder);
    expect(orphan.kind).toBe('orphan-preflight');
    expect(orphan.requestId).toBe(pf.requestId);
    expect(orphan.state).toBe('done');
    expect(orphan.observation.request.method).toBe('PUT');
    expect(orphan.verdict.status).toBe('blocked');
    expect(orphan.verdict.failure?.corsError).toBe('HeaderDisallowedByPreflightResponse');
    expect(orphan.note).toMatch(/preflight was seen but not the request/);
  });

  it('does not pair a preflight with a request that was sent long before it started', () => {
    const t = new Timeline();
    // A PUT that went out without a preflight (cached before recording started).
    const put = t
      .request({ url: URL1, method: 'PUT' })
      .before()
      .sendHeaders(corsRequestHeaders())
      .respond(200, [allowOrigin()]);
    t.advance(3000);
    t.request({ url: URL1, method: 'OPTIONS' })
      .before()
      .sendHeaders(preflightRequestHeaders('PUT'))
      .respond(204, [allowOrigin(), ['Access-Control-Allow-Methods', 'PUT']]);
    const recorder = recordAll(t.events);
    expect(byRequestId(recorder, put.requestId).preflights).toEqual([]);
  });

  it('gives a preflight sent after a redirect to that hop', () => {
    const t = new Timeline();
    const first = `${API}/api/old`;
    const moved = `${API}/api/new`;
    const put = t.request({ url: first, method: 'PUT' }).before();
    const pf1 = t
      .request({ url: first, method: 'OPTIONS' })
      .before()
      .sendHeaders(preflightRequestHeaders('PUT'))
      .respond(204, [allowOrigin(), ['Access-Control-Allow-Methods', 'PUT']]);
    put.sendHeaders(corsRequestHeaders()).redirect(307, [allowOrigin()], moved);
    const pf2 = t
      .request({ url: moved, method: 'OPTIONS' })
      .before()
      .sendHeaders(preflightRequestHeaders('PUT'))
      .respond(204, [allowOrigin()]);
    put.failed();

    const exchange = onlyExchange(recordAll(t.events));
    expect(exchange.preflights.map((p) => [p.hop, p.requestId])).toEqual([
      [0, pf1.requestId],
      [1, pf2.requestId],
    ]);
    expect(exchange.observation.redirects?.[0]?.preflight?.url).toBe(moved);
    expect(exchange.finalUrl).toBe(moved);
    expect(exchange.verdict.failure).toMatchObject({
      corsError: 'MethodDisallowedByPreflightResponse',
      stage: 'preflight',
      url: moved,
    });
  });
});
