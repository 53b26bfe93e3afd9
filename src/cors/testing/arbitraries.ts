/**
 * fast-check arbitraries for the engine: observations with real, CORS and junk headers.
 * Shared by the property tests (a few thousand cases) and the bench (100,000).
 */
import fc from 'fast-check';
import { API, PAGE, THIRD } from './exchange-builder';
import type { ExchangeObservation, HttpHeader, ObservedPreflight, Outcome } from '../types';

/** Header names: real ones, CORS ones, and arbitrary junk (empty, spaces, non-ASCII). */
export const headerName = fc.oneof(
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

export const headerValue = fc.oneof(
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

export const headerList = fc.array(
  fc.record({ name: headerName, value: headerValue }).map((h): HttpHeader => h),
  { maxLength: 12 },
);

export const url = fc.oneof(
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

export const outcome: fc.Arbitrary<Outcome> = fc.oneof(
  fc.constant({ kind: 'completed' } as const),
  fc.constant({ kind: 'in-flight' } as const),
  fc
    .constantFrom(
      'net::ERR_FAILED',
      'net::ERR_CONNECTION_REFUSED',
      'NS_ERROR_DOM_BAD_URI',
      'weird',
      'net::ERR_BLOCKED_BY_RESPONSE',
      'net::ERR_BLOCKED_BY_ORB',
      'net::ERR_BLOCKED_BY_LOCAL_NETWORK_ACCESS_CHECKS',
      'net::ERR_TOO_MANY_REDIRECTS',
      'toString',
    )
    .map((error) => ({ kind: 'failed', error }) as const),
);

export const preflight: fc.Arbitrary<ObservedPreflight> = fc.record(
  {
    url,
    requestHeaders: headerList,
    response: fc.record({ status: fc.integer({ min: 0, max: 999 }), headers: headerList }),
    error: fc.constantFrom('net::ERR_CONNECTION_RESET', 'net::ERR_FAILED'),
  },
  { requiredKeys: ['url', 'requestHeaders'] },
);

export const observation: fc.Arbitrary<ExchangeObservation> = fc.record(
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
    targetAddressSpace: fc.constantFrom('loopback', 'local', 'public'),
  },
  { requiredKeys: ['initiatorOrigin', 'request', 'outcome'] },
);
