import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { combinedHeader, headerValues } from './headers';
import { readCorsResponseHeaders } from './response-headers';
import { headerList } from './testing/arbitraries';
import type { HeaderList } from './types';

/** The reading as separate lookups would give it: the reference for the one-pass reader. */
function lookedUp(list: HeaderList) {
  return {
    allowOrigin: combinedHeader(list, 'Access-Control-Allow-Origin'),
    allowOriginLines: headerValues(list, 'Access-Control-Allow-Origin').length,
    allowCredentials: combinedHeader(list, 'Access-Control-Allow-Credentials'),
    allowMethods: combinedHeader(list, 'Access-Control-Allow-Methods'),
    allowHeaders: combinedHeader(list, 'Access-Control-Allow-Headers'),
    maxAge: combinedHeader(list, 'Access-Control-Max-Age'),
    exposeHeaders: combinedHeader(list, 'Access-Control-Expose-Headers'),
    location: combinedHeader(list, 'Location'),
    vary: headerValues(list, 'Vary'),
  };
}

const corsName = fc.constantFrom(
  'ACCESS-CONTROL-ALLOW-ORIGIN',
  'access-control-allow-methods',
  'Access-Control-Allow-Headers',
  'Access-Control-Expose-Headers',
  'Access-Control-Max-Age',
  'Location',
  'vary',
  'VARY',
  '\u212Aeep-Alive',
  'Loc\u0130tion',
);
const list = fc.oneof(
  headerList,
  fc.array(fc.record({ name: corsName, value: fc.constantFrom(' a ', 'b', '', '\t*') }), {
    maxLength: 8,
  }),
);

describe('readCorsResponseHeaders', () => {
  it('reads repeated lines the way Chromium combines them', () => {
    const reading = readCorsResponseHeaders([
      { name: 'Access-Control-Allow-Origin', value: ' https://a.example ' },
      { name: 'access-control-allow-origin', value: '*' },
      { name: 'Vary', value: 'Origin' },
      { name: 'Content-Type', value: 'text/plain' },
    ]);
    expect(reading.allowOrigin).toBe('https://a.example, *');
    expect(reading.allowOriginLines).toBe(2);
    expect(reading.vary).toEqual(['Origin']);
    expect(reading.allowCredentials).toBeUndefined();
  });

  it('equals one lookup per header, on any list', () => {
    fc.assert(
      fc.property(list, (headers) => {
        expect(readCorsResponseHeaders(headers)).toEqual(lookedUp(headers));
      }),
      { numRuns: 5000 },
    );
  });

  it('an absent list reads as no headers', () => {
    expect(readCorsResponseHeaders(undefined)).toEqual(lookedUp([]));
  });
});
