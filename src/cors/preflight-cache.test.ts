import { describe, expect, it } from 'vitest';
import { cacheEntryFromPreflight, lookupPreflightCache, parseMaxAge } from './preflight-cache';
import { API, PAGE, headers } from './testing/exchange-builder';

describe('Access-Control-Max-Age as each browser reads it', () => {
  it.each([
    [undefined, 5, 5],
    ['600', 600, 600],
    ['0', 0, 0],
    ['7200', 7200, 7200],
    ['7201', 7200, 7201],
    ['86400', 7200, 86400],
    ['999999', 7200, 86400],
    ['-1', 0, 0],
    ['+30', 30, 0],
    ['10s', 5, 0],
    [' 10', 5, 0],
    ['1e3', 5, 0],
    ['99999999999999999999', 5, 86400],
    ['', 5, 0],
  ] as const)('%s → Chromium %i s, Firefox %i s', (raw, chromium, firefox) => {
    expect(parseMaxAge(raw, 'chromium').seconds).toBe(chromium);
    expect(parseMaxAge(raw, 'firefox').seconds).toBe(firefox);
  });
});

function entry(pairs: ReadonlyArray<readonly [string, string]>, credentials = false) {
  const result = cacheEntryFromPreflight({
    origin: PAGE,
    url: `${API}/r`,
    credentials,
    responseHeaders: headers(pairs),
    storedAt: 0,
    browser: 'chromium',
  });
  if (!result) throw new Error('expected an entry');
  return result;
}

const request = {
  origin: PAGE,
  url: `${API}/r`,
  method: 'PUT',
  unsafeHeaderNames: ['x-foo'],
  credentials: false,
  now: 1000,
};

describe('what a cached preflight covers', () => {
  const base = entry([
    ['Access-Control-Allow-Methods', 'PUT'],
    ['Access-Control-Allow-Headers', 'X-Foo'],
    ['Access-Control-Max-Age', '600'],
  ]);

  it('stores header names lowercased and methods as sent', () => {
    expect(base.headers).toEqual(['x-foo']);
    expect(base.methods).toEqual(['PUT']);
    expect(base.maxAgeSeconds).toBe(600);
  });

  it('hits within max-age for the same origin, URL, method and headers', () => {
    expect(lookupPreflightCache(base, request)).toEqual({ hit: true, ageSeconds: 1 });
  });

  it('expires at max-age', () => {
    expect(lookupPreflightCache(base, { ...request, now: 600_000 }).hit).toBe(false);
  });

  it('misses for another URL, another origin, a new header, a method in another case', () => {
    expect(lookupPreflightCache(base, { ...request, url: `${API}/other` }).hit).toBe(false);
    expect(lookupPreflightCache(base, { ...request, origin: 'http://localhost:1' }).hit).toBe(
      false,
    );
    expect(
      lookupPreflightCache(base, { ...request, unsafeHeaderNames: ['x-foo', 'x-bar'] }).hit,
    ).toBe(false);
    expect(lookupPreflightCache(base, { ...request, method: 'put' }).hit).toBe(false);
  });

  it('a non-credentialed entry does not serve a credentialed request; the reverse works', () => {
    expect(lookupPreflightCache(base, { ...request, credentials: true }).hit).toBe(false);
    const credentialed = entry(
      [
        ['Access-Control-Allow-Methods', 'PUT'],
        ['Access-Control-Allow-Headers', 'x-foo'],
      ],
      true,
    );
    expect(lookupPreflightCache(credentialed, request).hit).toBe(true);
  });

  it('* covers methods and headers without credentials, never Authorization', () => {
    const star = entry([
      ['Access-Control-Allow-Methods', '*'],
      ['Access-Control-Allow-Headers', '*'],
    ]);
    expect(
      lookupPreflightCache(star, { ...request, method: 'DELETE', unsafeHeaderNames: ['x-any'] })
        .hit,
    ).toBe(true);
    expect(
      lookupPreflightCache(star, { ...request, unsafeHeaderNames: ['authorization'] }).hit,
    ).toBe(false);
  });

  it('is not stored for max-age 0 or unparsable lists', () => {
    expect(
      cacheEntryFromPreflight({
        origin: PAGE,
        url: `${API}/r`,
        credentials: false,
        responseHeaders: headers([['Access-Control-Max-Age', '0']]),
        storedAt: 0,
        browser: 'chromium',
      }),
    ).toBeNull();
    expect(
      cacheEntryFromPreflight({
        origin: PAGE,
        url: `${API}/r`,
        credentials: false,
        responseHeaders: headers([['Access-Control-Allow-Methods', 'GET PUT']]),
        storedAt: 0,
        browser: 'chromium',
      }),
    ).toBeNull();
  });
});
