import { describe, expect, it } from 'vitest';
import type { WebRequestEvent } from './events';
import { Recorder } from './recorder';
import {
  API,
  TAB,
  Timeline,
  allowOrigin,
  corsRequestHeaders,
  preflightRequestHeaders,
} from './testing/chromium-events';
import { exchangesOf, onlyExchange, recordAll } from './testing/record';
import { preflightedExchange, simpleExchange } from './testing/scenarios';

describe('bad input', () => {
  it('creates the exchange from a completed event alone, and says the start was missed', () => {
    const t = new Timeline();
    simpleExchange(t, { responseHeaders: [allowOrigin()] });
    const completed = t.events.filter((e) => e.event === 'completed');
    const exchange = onlyExchange(recordAll(completed));
    expect(exchange.state).toBe('done');
    expect(exchange.observation.response?.status).toBe(200);
    expect(exchange.verdict.status).toBe('allowed');
    expect(exchange.note).toMatch(/missed the start/);
  });

  it('keeps the first final event: a later errorOccurred does not turn completed into failed', () => {
    const t = new Timeline();
    const handle = simpleExchange(t, { responseHeaders: [allowOrigin()] });
    handle.failed('net::ERR_ABORTED');
    const exchange = onlyExchange(recordAll([...t.events, ...t.events]));
    expect(exchange.observation.outcome).toEqual({ kind: 'completed' });
  });

  it('a reordered stream (final event first) gives the same verdict as the ordered one', () => {
    const t = new Timeline();
    simpleExchange(t, { responseHeaders: [['Content-Type', 'text/plain']], blocked: true });
    const ordered = onlyExchange(recordAll(t.events));
    const reversed = onlyExchange(recordAll([...t.events].reverse()));
    expect(reversed.verdict.failure?.corsError).toBe('MissingAllowOriginHeader');
    expect(reversed.verdict.status).toBe(ordered.verdict.status);
    expect(reversed.observation.response).toEqual(ordered.observation.response);
  });

  it('pairs a preflight whose events came in reverse order', () => {
    const t = new Timeline();
    const { actual, preflight } = preflightedExchange(t, {
      acrh: 'x-foo',
      preflightHeaders: [allowOrigin(), ['Access-Control-Allow-Methods', 'PUT']],
      actual: 'blocked',
    });
    const exchange = onlyExchange(recordAll([...t.events].reverse()));
    expect(exchange.requestId).toBe(actual.requestId);
    expect(exchange.preflights.map((p) => p.requestId)).toEqual([preflight.requestId]);
    expect(exchange.verdict.failure?.corsError).toBe('HeaderDisallowedByPreflightResponse');
  });

  it('keeps malformed headers as they came', () => {
    const weird = [
      { name: '', value: 'no name' },
      { name: 'X-Long', value: 'a'.repeat(100_000) },
      { name: 'X-Ünïcode', value: '✓ ☃' },
    ];
    const t = new Timeline();
    t.request({ url: `${API}/x` })
      .before()
      .sendHeaders([...weird, ...corsRequestHeaders()])
      .received(200, [['', ''], allowOrigin()])
      .started()
      .completed();
    const exchange = onlyExchange(recordAll(t.events));
    expect(exchange.observation.request.headers?.slice(0, 3)).toEqual(weird);
    expect(exchange.observation.response?.headers[0]).toEqual({ name: '', value: '' });
  });

  it('ignores events it cannot place without throwing', () => {
    const recorder = new Recorder();
    const base = {
      requestId: '1',
      url: 'not a url',
      method: 'GET',
      tabId: TAB,
      frameId: 0,
      type: 'xmlhttprequest',
      initiator: 'http://x',
      timeStamp: 1,
    } as const;
    const events: WebRequestEvent[] = [
      { ...base, event: 'beforeRedirect' },
      { ...base, event: 'headersReceived' },
      { ...base, url: `${API}/a`, event: 'beforeRedirect', redirectUrl: 'also not a url' },
      { ...base, requestId: '2', url: `${API}/b`, method: 'OPTIONS', event: 'errorOccurred' },
    ];
    for (const e of events) expect(() => recorder.handle(e)).not.toThrow();
    expect(() => recorder.expire(1e15)).not.toThrow();
    expect(() => recorder.drainChanges()).not.toThrow();
    // Ignored means ignored: nothing of the unparsable URLs or the redirect to one. The lone
    // OPTIONS failure can be placed (a request whose start was missed) and is kept as such.
    expect(recorder.tab(TAB)?.exchanges.map((x) => x.observation.request.url)).toEqual([
      `${API}/b`,
    ]);
  });

  it('an OPTIONS whose headers never came is taken as the page’s own once the window passes', () => {
    const t = new Timeline();
    t.request({ url: `${API}/x`, method: 'OPTIONS' })
      .before()
      .respond(204, [allowOrigin()]);
    const recorder = recordAll(t.events);
    expect(exchangesOf(recorder)).toHaveLength(0);
    recorder.expire(t.now + 10_001);
    expect(onlyExchange(recorder).observation.request.method).toBe('OPTIONS');
  });

  it('a new request reusing a finished requestId gets its own exchange and id', () => {
    const t = new Timeline();
    simpleExchange(t, { responseHeaders: [allowOrigin()] });
    const again = new Timeline({ start: t.now + 1000 });
    simpleExchange(again, { url: `${API}/again`, blocked: true });
    const recorder = recordAll([...t.events, ...again.events]);
    const [first, second] = exchangesOf(recorder);
    expect(first?.requestId).toBe(second?.requestId);
    expect(first?.id).not.toBe(second?.id);
    expect(second?.verdict.status).toBe('blocked');
  });

  it('a duplicated beforeRequest of a finished request does not start a new exchange', () => {
    const t = new Timeline();
    simpleExchange(t, { responseHeaders: [allowOrigin()] });
    const first = t.events[0];
    const recorder = recordAll(first ? [...t.events, first] : t.events);
    expect(exchangesOf(recorder)).toHaveLength(1);
  });

  it('preflight headers without Access-Control-Request-Method are not a preflight', () => {
    const t = new Timeline();
    const put = t.request({ url: `${API}/x`, method: 'PUT' }).before();
    t.request({ url: `${API}/x`, method: 'OPTIONS' })
      .before()
      .sendHeaders(preflightRequestHeaders('PUT').filter((h) => !h.name.startsWith('Access')))
      .respond(204, [allowOrigin()]);
    put.failed();
    const recorder = recordAll(t.events);
    expect(exchangesOf(recorder).map((e) => e.observation.request.method)).toEqual([
      'PUT',
      'OPTIONS',
    ]);
  });
});
