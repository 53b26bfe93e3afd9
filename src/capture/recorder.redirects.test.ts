import { describe, expect, it } from 'vitest';
import {
  API,
  PAGE,
  THIRD,
  Timeline,
  allowOrigin,
  corsRequestHeaders,
} from './testing/chromium-events';
import { exchangesOf, onlyExchange, recordAll } from './testing/record';

describe('redirects', () => {
  it('records every hop, and a redirect to a third origin taints the origin to null', () => {
    const t = new Timeline();
    const start = `${API}/api/start`;
    const data = `${THIRD}/data`;
    t.request({ url: start })
      .before()
      .sendHeaders(corsRequestHeaders())
      .redirect(302, [allowOrigin()], data)
      .sendHeaders(corsRequestHeaders([], 'null'))
      .received(200, [allowOrigin(PAGE)])
      .failed();

    const exchange = onlyExchange(recordAll(t.events));
    expect(exchange.observation.request.url).toBe(start);
    expect(exchange.finalUrl).toBe(data);
    expect(exchange.observation.redirects).toEqual([
      {
        url: start,
        status: 302,
        headers: [
          { name: 'Access-Control-Allow-Origin', value: PAGE },
          { name: 'Location', value: data },
        ],
        location: data,
      },
    ]);
    expect(exchange.verdict.requestOrigin).toBe('null');
    expect(exchange.verdict.failure).toMatchObject({
      corsError: 'AllowOriginMismatch',
      // The final response is the actual one, even at the redirected URL.
      stage: 'actual',
      url: data,
    });
  });

  it('the same chain answered with ACAO * at the end is allowed', () => {
    const t = new Timeline();
    t.request({ url: `${API}/api/start` })
      .before()
      .sendHeaders(corsRequestHeaders())
      .redirect(302, [allowOrigin()], `${THIRD}/data`)
      .sendHeaders(corsRequestHeaders([], 'null'))
      .respond(200, [allowOrigin('*')]);
    expect(onlyExchange(recordAll(t.events)).verdict.status).toBe('allowed');
  });

  it('a same-origin request redirected to another origin becomes an exchange', () => {
    const t = new Timeline();
    const login = `${THIRD}/sso/login`;
    t.request({ url: `${PAGE}/api/me` })
      .before()
      .sendHeaders(corsRequestHeaders())
      .redirect(302, [], login)
      .sendHeaders(corsRequestHeaders())
      .received(200, [['Content-Type', 'text/html']])
      .failed();

    const exchange = onlyExchange(recordAll(t.events));
    expect(exchange.observation.request.url).toBe(`${PAGE}/api/me`);
    expect(exchange.finalUrl).toBe(login);
    expect(exchange.verdict.status).toBe('blocked');
    expect(exchange.verdict.failure).toMatchObject({
      corsError: 'MissingAllowOriginHeader',
      url: login,
    });
  });

  it('a same-origin request that stays same-origin leaves nothing behind', () => {
    const t = new Timeline();
    t.request({ url: `${PAGE}/a` })
      .before()
      .sendHeaders(corsRequestHeaders())
      .redirect(301, [], `${PAGE}/b`)
      .respond(200, []);
    const recorder = recordAll(t.events);
    expect(exchangesOf(recorder)).toHaveLength(0);
    expect(recorder.toSnapshot().pending).toHaveLength(0);
  });

  it('a 303 after a POST continues as GET', () => {
    const t = new Timeline();
    t.request({ url: `${API}/form`, method: 'POST' })
      .before()
      .sendHeaders(corsRequestHeaders([['Content-Type', 'text/plain']]))
      .redirect(303, [allowOrigin()], `${API}/done`)
      .sendHeaders(corsRequestHeaders())
      .respond(200, [allowOrigin()]);
    const exchange = onlyExchange(recordAll(t.events));
    expect(exchange.observation.request.method).toBe('POST');
    expect(exchange.verdict.status).toBe('allowed');
    expect(exchange.observation.redirects).toHaveLength(1);
  });
});
