import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CORS_ERRORS } from './catalogue';
import { judge } from './judge';
import { corsUnsafeHeaders } from './safelist';
import { API, PAGE, THIRD } from './testing/exchange-builder';
import type { ExchangeObservation, HttpHeader, ObservedPreflight, Outcome } from './types';

/** Header names: real ones, CORS ones, and arbitrary junk (empty, spaces, non-ASCII). */
const headerName = fc.oneof(
  fc.constantFrom(
    'Access-Control-Allow-Origin',
    'access-control-allow-origin',
    'Access-Control-Allow-Credentials',
    'Access-Control-Allow-Methods',
    'Access-Control-Allow-Headers',
    'Access-Control-Max-Age',
    'Access-Control-Request-Headers',
    'Access-Control-Request-Method',
    'Access-Control-Expose-Headers',
    'Content-Type',
    'Range',
    'Cookie',
    'Authorization',
    'Origin',
    'Sec-Fetch-Mode',
    'Location',
    'Vary',
    'DPR',
  ),
  fc.string({ maxLength: 20 }),
  fc.string({ unit: 'binary', maxLength: 10 }),
);

const headerValue = fc.oneof(
  fc.constantFrom(
    '*',
    'null',
    PAGE,
    `${PAGE}/`,
    'true',
    'TRUE',
    '',
    'GET, PUT',
    'x-foo',
    '600',
    'cors',
    'no-cors',
    'text/plain',
  ),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ minLength: 200, maxLength: 2000 }),
);

const headerList = fc.array(
  fc.record({ name: headerName, value: headerValue }).map((h): HttpHeader => h),
  { maxLength: 12 },
);

const url = fc.oneof(
  fc.constantFrom(
    `${API}/x`,
    `${PAGE}/y`,
    `${THIRD}/z`,
    'http://u:p@localhost:7102/x',
    'data:,a',
    'ftp://x/y',
    'not a url',
    '',
  ),
  fc.webUrl(),
);

const outcome: fc.Arbitrary<Outcome> = fc.oneof(
  fc.constant({ kind: 'completed' } as const),
  fc.constant({ kind: 'in-flight' } as const),
  fc
    .constantFrom('net::ERR_FAILED', 'net::ERR_CONNECTION_REFUSED', 'NS_ERROR_DOM_BAD_URI', 'weird')
    .map((error) => ({ kind: 'failed', error }) as const),
);

const preflight: fc.Arbitrary<ObservedPreflight> = fc.record(
  {
    url,
    requestHeaders: headerList,
    response: fc.record({ status: fc.integer({ min: 0, max: 999 }), headers: headerList }),
    error: fc.constantFrom('net::ERR_CONNECTION_RESET', 'net::ERR_FAILED'),
  },
  { requiredKeys: ['url', 'requestHeaders'] },
);

const observation: fc.Arbitrary<ExchangeObservation> = fc.record(
  {
    initiatorOrigin: fc.oneof(fc.constantFrom(PAGE, 'null', API, ''), fc.string({ maxLength: 20 })),
    request: fc.record(
      {
        url,
        method: fc.oneof(
          fc.constantFrom('GET', 'POST', 'PUT', 'patch', 'OPTIONS'),
          fc.string({ maxLength: 8 }),
        ),
        headers: headerList,
      },
      { requiredKeys: ['url', 'method'] },
    ),
    response: fc.record({ status: fc.integer({ min: 0, max: 999 }), headers: headerList }),
    preflight,
    redirects: fc.array(
      fc.record(
        {
          url,
          status: fc.integer({ min: 300, max: 399 }),
          headers: headerList,
          location: url,
          preflight,
        },
        { requiredKeys: ['url', 'status', 'headers', 'location'] },
      ),
      { maxLength: 4 },
    ),
    mode: fc.constantFrom('cors', 'no-cors', 'same-origin', 'navigate', 'websocket'),
    credentials: fc.constantFrom('omit', 'same-origin', 'include'),
    resourceType: fc.constantFrom(
      'xmlhttprequest',
      'font',
      'image',
      'script',
      'main_frame',
      'other',
      'ping',
    ),
    outcome,
    browser: fc.constantFrom('chromium', 'firefox'),
    readResponseHeaders: fc.array(fc.string({ maxLength: 10 }), { maxLength: 3 }),
  },
  { requiredKeys: ['initiatorOrigin', 'request', 'outcome'] },
);

const runs = { numRuns: 2000 };

describe('the engine never throws and always decides', () => {
  it('any observation gets a verdict with a known status and a headline', () => {
    fc.assert(
      fc.property(observation, (obs) => {
        const verdict = judge(obs);
        expect(['allowed', 'blocked', 'not-applicable', 'unexplained', 'pending']).toContain(
          verdict.status,
        );
        expect(typeof verdict.headline).toBe('string');
        expect(verdict.headline.length).toBeGreaterThan(0);
      }),
      runs,
    );
  });

  it('never contradicts the browser: blocked only when the browser failed it with a CORS error', () => {
    fc.assert(
      fc.property(observation, (obs) => {
        const verdict = judge(obs);
        if (verdict.status === 'blocked') {
          expect(obs.outcome.kind).toBe('failed');
          expect(verdict.failure).toBeDefined();
          expect(CORS_ERRORS[verdict.failure?.corsError ?? 'InvalidResponse']).toBeDefined();
        }
        if (obs.outcome.kind === 'completed')
          expect(['allowed', 'not-applicable']).toContain(verdict.status);
      }),
      runs,
    );
  });

  it('is deterministic and JSON-safe (it crosses to the panel and into reports)', () => {
    fc.assert(
      fc.property(observation, (obs) => {
        const verdict = judge(obs);
        expect(JSON.parse(JSON.stringify(verdict))).toEqual(verdict);
        expect(judge(obs)).toEqual(verdict);
      }),
      { numRuns: 500 },
    );
  });

  it('the set of unsafe header names does not depend on header order; duplicates count once', () => {
    fc.assert(
      fc.property(headerList, fc.integer(), (list, seed) => {
        const shuffled = [...list].sort(
          (a, b) => ((a.name.length * 31 + seed) % 7) - ((b.name.length * 31 + seed) % 7),
        );
        const names = (l: readonly HttpHeader[]) =>
          new Set(corsUnsafeHeaders(l).map((h) => h.name));
        const once = corsUnsafeHeaders([...list, ...list]).map((h) => h.name);
        expect(new Set(once).size).toBe(once.length);
        // Order can change which duplicate value is judged, so compare on de-duplicated lists.
        const dedupe = (l: readonly HttpHeader[]) =>
          l.filter(
            (h, i) => l.findIndex((o) => o.name.toLowerCase() === h.name.toLowerCase()) === i,
          );
        const unique = dedupe(list);
        expect(names(dedupe(shuffled))).toEqual(
          names(unique.filter((h) => dedupe(shuffled).includes(h))),
        );
      }),
      runs,
    );
  });
});
