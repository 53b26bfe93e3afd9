import { describe, expect, it } from 'vitest';
import { judge } from './judge';
import { API, PAGE, allowOrigin, exchange } from './testing/exchange-builder';

const fixOf = (spec: Parameters<typeof exchange>[0]) => judge(exchange(spec)).failure?.fix;

describe('the fix: exact response header lines from this exchange', () => {
  it('missing ACAO on a simple GET: the page origin and Vary', () => {
    expect(fixOf({ outcome: 'cors' })).toEqual({
      on: 'actual',
      headers: [
        { name: 'Access-Control-Allow-Origin', value: PAGE },
        { name: 'Vary', value: 'Origin' },
      ],
      steps: [],
    });
  });

  it('credentialed: adds Access-Control-Allow-Credentials', () => {
    expect(
      fixOf({
        requestHeaders: [['Cookie', 'a=b']],
        responseHeaders: [allowOrigin('*')],
        outcome: 'cors',
      })?.headers,
    ).toEqual([
      { name: 'Access-Control-Allow-Origin', value: PAGE },
      { name: 'Access-Control-Allow-Credentials', value: 'true' },
      { name: 'Vary', value: 'Origin' },
    ]);
  });

  it('duplicate ACAO: says to remove one layer', () => {
    expect(
      fixOf({ responseHeaders: [allowOrigin(), allowOrigin()], outcome: 'cors' })?.steps.join(' '),
    ).toMatch(/proxy and the app/);
  });

  it('a failed preflight gets the whole preflight response it needs', () => {
    const fix = fixOf({
      method: 'PATCH',
      requestSent: false,
      outcome: 'cors',
      preflight: { acrh: 'content-type,x-api-key', status: 401 },
    });
    expect(fix?.on).toBe('preflight');
    expect(fix?.headers).toEqual([
      { name: 'Access-Control-Allow-Origin', value: PAGE },
      { name: 'Access-Control-Allow-Methods', value: 'PATCH' },
      { name: 'Access-Control-Allow-Headers', value: 'content-type, x-api-key' },
      { name: 'Vary', value: 'Origin' },
    ]);
    expect(fix?.steps[0]).toMatch(/answered 401 to the preflight/);
    expect(fix?.steps[1]).toBe(
      'Answer `OPTIONS /api/data` with 204 and these headers, before any authentication or routing.',
    );
  });

  it('a method not allowed: extends the list the server already sends', () => {
    const fix = fixOf({
      method: 'PATCH',
      requestSent: false,
      outcome: 'cors',
      preflight: {
        responseHeaders: [allowOrigin(), ['Access-Control-Allow-Methods', 'GET, POST, patch']],
      },
    });
    expect(fix?.headers).toEqual([
      { name: 'Access-Control-Allow-Methods', value: 'GET, POST, patch, PATCH' },
    ]);
    expect(fix?.steps[0]).toMatch(/case-sensitively/);
  });

  it('an unparsable ACAM: rewritten as a comma list', () => {
    const fix = fixOf({
      method: 'PUT',
      requestSent: false,
      outcome: 'cors',
      preflight: {
        responseHeaders: [allowOrigin(), ['Access-Control-Allow-Methods', 'GET PUT DELETE']],
      },
    });
    expect(fix?.headers).toEqual([
      { name: 'Access-Control-Allow-Methods', value: 'GET, PUT, DELETE' },
    ]);
  });

  it('a redirected preflight: call the final URL', () => {
    const fix = fixOf({
      method: 'PUT',
      requestSent: false,
      outcome: 'cors',
      preflight: { status: 301, responseHeaders: [['Location', `${API}/api/data/`]] },
    });
    expect(fix?.steps[0]).toMatch(
      /redirected to http:\/\/localhost:7102\/api\/data\/.*call the final URL/,
    );
  });
});
