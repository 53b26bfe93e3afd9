import { describe, expect, it } from 'vitest';
import { headers } from './testing/exchange-builder';
import {
  accessControlRequestHeaders,
  corsUnsafeHeaders,
  isForbiddenRequestHeader,
  isSafelistedMethod,
  judgeRequestHeader,
  mimeEssence,
} from './safelist';

const safe = (name: string, value: string, browser: 'chromium' | 'firefox' = 'chromium') =>
  judgeRequestHeader(name, value, browser).safelisted;

describe('CORS-safelisted methods', () => {
  it.each(['GET', 'HEAD', 'POST', 'get', 'post'])('%s needs no preflight', (m) =>
    expect(isSafelistedMethod(m)).toBe(true),
  );
  it.each(['PUT', 'PATCH', 'patch', 'DELETE', 'OPTIONS', 'CUSTOM'])('%s needs one', (m) =>
    expect(isSafelistedMethod(m)).toBe(false),
  );
});

describe('Content-Type (WPT cors-safelisted-request-header, cors-preflight-not-cors-safelisted)', () => {
  it.each([
    'text/plain',
    'TEXT/PLAIN',
    'text/plain;charset=utf-8',
    'text/plain; charset=utf-8',
    'text/plain;',
    'text/plain;garbage',
    ' text/plain ',
    'application/x-www-form-urlencoded',
    'multipart/form-data; boundary=x',
  ])('`%s` is safelisted', (v) => expect(safe('Content-Type', v)).toBe(true));

  it.each([
    'application/json',
    'text/html',
    'text /plain',
    'text/plain,',
    'text/plain,text/plain',
    'text',
    '',
    'text/plain; x="a(b)"',
    `text/plain; a=${'x'.repeat(120)}`,
  ])('`%s` needs a preflight', (v) => expect(safe('Content-Type', v)).toBe(false));

  it('Chromium also safelists the ad-auction type, Firefox does not', () => {
    expect(safe('content-type', 'message/ad-auction-trusted-signals-request')).toBe(true);
    expect(safe('content-type', 'message/ad-auction-trusted-signals-request', 'firefox')).toBe(
      false,
    );
  });

  it('parses essences strictly', () => {
    expect(mimeEssence('Text/Plain ; charset=x')).toBe('text/plain');
    expect(mimeEssence('text/plain,')).toBeNull();
  });
});

describe('Range', () => {
  it.each(['bytes=0-', 'bytes=0-499', 'bytes=10-10', 'BYTES=1-2'])('`%s` is a simple range', (v) =>
    expect(safe('Range', v)).toBe(true),
  );
  it.each([
    'bytes=-500',
    'bytes=5-1',
    'bytes=0-1,3-4',
    'bytes = 0-1',
    'bytes=0-1 ',
    'items=0-1',
    'bytes=a-b',
  ])('`%s` is not', (v) => expect(safe('Range', v)).toBe(false));
});

describe('Accept, Accept-Language, Content-Language', () => {
  it('Accept refuses CORS-unsafe bytes', () => {
    expect(safe('Accept', 'application/json, text/*;q=0.8')).toBe(true);
    expect(safe('Accept', 'a"b')).toBe(false);
    expect(safe('Accept', 'a{b}')).toBe(false);
    expect(safe('Accept', 'a\u0001b')).toBe(false);
    expect(safe('Accept', 'a\tb')).toBe(true);
  });
  it('languages allow only letters, digits, space and *,-.;=', () => {
    expect(safe('Accept-Language', 'en-US,en;q=0.9')).toBe(true);
    expect(safe('Content-Language', 'de-DE, *')).toBe(true);
    expect(safe('Accept-Language', 'en_US')).toBe(false);
    expect(safe('Content-Language', 'fr/FR')).toBe(false);
  });
  it('any safelisted value over 128 bytes is unsafe', () => {
    expect(safe('Accept', 'a'.repeat(128))).toBe(true);
    expect(judgeRequestHeader('Accept', 'a'.repeat(129))).toEqual(
      expect.objectContaining({ safelisted: false, why: 'value-over-128-bytes' }),
    );
    expect(safe('Accept', 'é'.repeat(65))).toBe(false);
  });
});

describe("Chromium's extra safelisted headers (docs/cors-reference.md §4.3)", () => {
  it.each([
    ['DPR', '2'],
    ['DPR', '1.5'],
    ['Device-Memory', '8'],
    ['Downlink', '10.0'],
    ['Width', '1280'],
    ['Viewport-Width', '800'],
    ['RTT', '50'],
    ['ECT', '4g'],
    ['Save-Data', 'on'],
    ['Intervention', 'anything'],
  ])('%s: %s is safelisted in Chromium, not in Firefox', (name, value) => {
    expect(safe(name, value)).toBe(true);
    expect(safe(name, value, 'firefox')).toBe(false);
  });
  it.each([
    ['DPR', '2.'],
    ['DPR', '.5'],
    ['Width', '12.5'],
    ['ECT', '5g'],
    ['Save-Data', 'off'],
  ])('%s: %s is not', (name, value) => expect(safe(name, value)).toBe(false));
});

describe('CORS-unsafe request-header names', () => {
  it('skips forbidden headers the browser sets, keeps request order, lowercases', () => {
    const list = corsUnsafeHeaders(
      headers([
        ['Origin', 'http://a'],
        ['Cookie', 'x'],
        ['Sec-Fetch-Mode', 'cors'],
        ['User-Agent', 'UA'],
        ['X-B', '1'],
        ['Content-Type', 'application/json'],
        ['X-A', '2'],
        ['Accept', '*/*'],
      ]),
    );
    expect(list.map((h) => h.name)).toEqual(['x-b', 'content-type', 'x-a']);
  });

  it('makes every safelisted header unsafe once their values pass 1024 bytes together', () => {
    const list = corsUnsafeHeaders(
      headers([
        ['Accept', 'a'.repeat(120)],
        ['Accept-Language', 'b'.repeat(120)],
        ...Array.from(
          { length: 7 },
          (_, i) => [`Content-Language`, `c${i}`.repeat(40)] as [string, string],
        ),
        ['Content-Type', 'text/plain'],
        ['Range', 'bytes=0-1'],
        ['DPR', '1'.repeat(120)],
        ['Width', '2'.repeat(120)],
        ['Viewport-Width', '3'.repeat(120)],
        ['RTT', '4'.repeat(120)],
        ['Downlink', '5'.repeat(120)],
        ['Device-Memory', '6'.repeat(120)],
      ]),
    );
    expect(list.every((h) => h.why === 'safelisted-total-over-1024-bytes')).toBe(true);
    expect(list.length).toBeGreaterThan(5);
  });

  it('stays under the limit at 1024 bytes exactly', () => {
    const list = corsUnsafeHeaders(
      headers([
        ['Accept', 'a'.repeat(128)],
        ['DPR', '1'.repeat(128)],
        ['Width', '2'.repeat(128)],
        ['Viewport-Width', '3'.repeat(128)],
        ['RTT', '4'.repeat(128)],
        ['Downlink', '5'.repeat(128)],
        ['Device-Memory', '6'.repeat(128)],
        ['Accept-Language', 'b'.repeat(128)],
      ]),
    );
    expect(list).toEqual([]);
  });

  it('forbidden names never count', () => {
    for (const name of [
      'Host',
      'Content-Length',
      'Proxy-Authorization',
      'Sec-CH-UA',
      'Access-Control-Request-Headers',
    ]) {
      expect(isForbiddenRequestHeader(name)).toBe(true);
    }
    expect(isForbiddenRequestHeader('Authorization')).toBe(false);
  });

  it('builds Access-Control-Request-Headers as browsers do: sorted, lowercased, no spaces', () => {
    expect(accessControlRequestHeaders(['X-B', 'content-type', 'x-a', 'X-A'])).toBe(
      'content-type,x-a,x-b',
    );
  });
});

describe('headers the browser adds below the CORS check', () => {
  it('a Priority header seen on the wire does not make a request need a preflight', () => {
    expect(corsUnsafeHeaders(headers([['Priority', 'u=1, i']]))).toEqual([]);
  });
});
