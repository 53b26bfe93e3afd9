import { describe, expect, it } from 'vitest';
import { API, PAGE, Timeline, allowOrigin } from './testing/chromium-events';
import { onlyExchange as only, recordAll } from './testing/record';
import { preflightedExchange, simpleExchange } from './testing/scenarios';

const record = (t: Timeline) => recordAll(t.events);

describe('verdicts of exchanges built from Chromium 156 event streams', () => {
  it('a simple GET answered with a matching ACAO is allowed, with no preflight needed', () => {
    const t = new Timeline();
    simpleExchange(t, { responseHeaders: [allowOrigin()] });
    const exchange = only(record(t));
    expect(exchange.state).toBe('done');
    expect(exchange.verdict.status).toBe('allowed');
    expect(exchange.verdict.preflight).toMatchObject({ needed: false, seen: 'none' });
    expect(exchange.observation.request.url).toBe(`${API}/api/data`);
    expect(exchange.observation.initiatorOrigin).toBe(PAGE);
    expect(exchange.statusLine).toBe('HTTP/1.1 200 OK');
  });

  it('a simple GET without ACAO is blocked, and the real status comes from headersReceived', () => {
    const t = new Timeline();
    simpleExchange(t, {
      status: 200,
      responseHeaders: [['Content-Type', 'application/json']],
      blocked: true,
    });
    const exchange = only(record(t));
    expect(exchange.observation.outcome).toEqual({ kind: 'failed', error: 'net::ERR_FAILED' });
    expect(exchange.observation.response?.status).toBe(200);
    expect(exchange.verdict.status).toBe('blocked');
    expect(exchange.verdict.failure).toMatchObject({
      corsError: 'MissingAllowOriginHeader',
      failedParameter: '',
      httpStatus: 200,
    });
  });

  it('a 500 without CORS headers is blocked and keeps the 500', () => {
    const t = new Timeline();
    simpleExchange(t, { status: 500, blocked: true });
    const exchange = only(record(t));
    expect(exchange.verdict.failure?.httpStatus).toBe(500);
  });

  it('PUT with x-foo after a preflight that allows both is allowed, preflight seen', () => {
    const t = new Timeline();
    const { actual, preflight } = preflightedExchange(t, {
      pageHeaders: [['x-foo', 'bar']],
      acrh: 'x-foo',
      preflightHeaders: [
        allowOrigin(),
        ['Access-Control-Allow-Methods', 'PUT'],
        ['Access-Control-Allow-Headers', 'x-foo'],
      ],
      actual: { headers: [allowOrigin()] },
    });
    const exchange = only(record(t));
    expect(exchange.requestId).toBe(actual.requestId);
    expect(exchange.preflights.map((p) => p.requestId)).toEqual([preflight.requestId]);
    expect(exchange.verdict.status).toBe('allowed');
    expect(exchange.verdict.preflight.seen).toBe('sent');
    expect(exchange.verdict.preflight.reasons.map((r) => r.kind)).toEqual(['method', 'header']);
  });

  it('a preflight without ACAH: the PUT fails unsent and the verdict names x-foo', () => {
    const t = new Timeline();
    preflightedExchange(t, {
      acrh: 'x-foo',
      preflightHeaders: [allowOrigin(), ['Access-Control-Allow-Methods', 'PUT']],
      actual: 'blocked',
    });
    const exchange = only(record(t));
    expect(exchange.observation.request.headers).toBeUndefined();
    expect(exchange.timings.sentAt).toBeUndefined();
    expect(exchange.verdict.status).toBe('blocked');
    expect(exchange.verdict.failure).toMatchObject({
      corsError: 'HeaderDisallowedByPreflightResponse',
      failedParameter: 'x-foo',
      stage: 'preflight',
    });
  });

  it('a preflight answered 404 (with ACAO) gives PreflightInvalidStatus', () => {
    const t = new Timeline();
    preflightedExchange(t, {
      preflightStatus: 404,
      preflightHeaders: [allowOrigin()],
      actual: 'blocked',
    });
    const exchange = only(record(t));
    expect(exchange.verdict.failure).toMatchObject({
      corsError: 'PreflightInvalidStatus',
      httpStatus: 404,
    });
  });

  it('a preflight that failed at the network level is a named failure, not blocked', () => {
    const t = new Timeline();
    const url = `${API}/api/items/1`;
    const actual = t.request({ url, method: 'DELETE' }).before();
    t.request({ url, method: 'OPTIONS' })
      .before()
      .sendHeaders([{ name: 'Access-Control-Request-Method', value: 'DELETE' }])
      .failed('net::ERR_CONNECTION_REFUSED');
    actual.failed('net::ERR_CONNECTION_REFUSED');
    const exchange = only(record(t));
    expect(exchange.verdict.status).toBe('failed');
    expect(exchange.verdict.headline).toBe(
      'Failed, not CORS: the preflight got no answer (net::ERR_CONNECTION_REFUSED)',
    );
    expect(exchange.observation.preflight?.error).toBe('net::ERR_CONNECTION_REFUSED');
  });
});
