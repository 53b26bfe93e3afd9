import { describe, expect, it } from 'vitest';
import { judge } from '../judge';
import { API, PAGE, allowOrigin, exchange, type ExchangeSpec } from '../testing/exchange-builder';
import { snippetInputFor } from './input';

const inputFor = (spec: ExchangeSpec) => {
  const observation = exchange(spec);
  return snippetInputFor(observation, judge(observation));
};

describe('snippetInputFor', () => {
  it('is null when there is nothing for a server to fix', () => {
    expect(inputFor({ responseHeaders: [allowOrigin()] })).toBeNull(); // allowed
    expect(inputFor({ url: `${PAGE}/same`, outcome: 'cors' })).toBeNull(); // same-origin
    expect(inputFor({ outcome: 'net::ERR_BLOCKED_BY_CLIENT' })).toBeNull(); // unexplained
    expect(inputFor({ mode: 'same-origin', outcome: 'cors' })).toBeNull(); // not a header fix
  });

  it('a failed preflight: methods case kept, headers lowercased, the OPTIONS problem', () => {
    expect(
      inputFor({
        method: 'PUT',
        requestSent: false,
        outcome: 'cors',
        preflight: { acrh: 'content-type,x-api-key', status: 401 },
      }),
    ).toEqual({
      origin: PAGE,
      credentials: false,
      methods: ['PUT'],
      requestHeaders: ['content-type', 'x-api-key'],
      maxAgeSeconds: 600,
      preflightProblem: 'status',
      errorStatus: null,
      duplicateAcao: false,
      path: '/api/data',
    });
  });

  it('a preflight with ACAO and a 404 is a status problem too', () => {
    expect(
      inputFor({
        method: 'DELETE',
        requestSent: false,
        outcome: 'cors',
        preflight: { status: 404, responseHeaders: [allowOrigin()] },
      })?.preflightProblem,
    ).toBe('status');
  });

  it('a redirected preflight', () => {
    expect(
      inputFor({
        method: 'PUT',
        requestSent: false,
        outcome: 'cors',
        preflight: { status: 308, responseHeaders: [['Location', `${API}/api/data/`]] },
      })?.preflightProblem,
    ).toBe('redirect');
  });

  it('an error status on the actual response, with credentials proven by a cookie', () => {
    const input = inputFor({
      url: `${API}/v1.0/items?id=3`,
      requestHeaders: [['Cookie', 'sid=1']],
      status: 502,
      outcome: 'cors',
    });
    expect(input).toMatchObject({
      credentials: true,
      errorStatus: 502,
      preflightProblem: null,
      path: '/v1.0/items',
    });
  });

  it('duplicate ACAO lines count; an allowlist on one line does not', () => {
    expect(
      inputFor({ responseHeaders: [allowOrigin(), allowOrigin()], outcome: 'cors' })?.duplicateAcao,
    ).toBe(true);
    expect(
      inputFor({ responseHeaders: [allowOrigin(`${PAGE},http://other.example`)], outcome: 'cors' })
        ?.duplicateAcao,
    ).toBe(false);
  });

  it('exposes the response headers the page reads, except the safelisted ones', () => {
    expect(
      inputFor({ outcome: 'cors', readResponseHeaders: ['X-Total-Count', 'Content-Type', 'ETag'] })
        ?.exposeHeaders,
    ).toEqual(['x-total-count', 'etag']);
  });
});
