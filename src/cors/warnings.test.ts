import { describe, expect, it } from 'vitest';
import { judge } from './judge';
import { PAGE, allowOrigin, exchange } from './testing/exchange-builder';
import type { WarningId } from './types';

const ids = (spec: Parameters<typeof exchange>[0]): WarningId[] =>
  judge(exchange(spec)).warnings.map((w) => w.id);

describe('security lint, even on allowed exchanges', () => {
  it('an http origin trusted by an https API', () => {
    expect(
      ids({
        url: 'https://api.example.com/x',
        responseHeaders: [allowOrigin(PAGE), ['Vary', 'Origin']],
      }),
    ).toEqual(['http-origin-trusted-by-https']);
  });

  it('an echoed origin without Vary: Origin', () => {
    expect(ids({ responseHeaders: [allowOrigin()] })).toEqual(['missing-vary-origin']);
    expect(ids({ responseHeaders: [allowOrigin(), ['Vary', 'Accept-Encoding, Origin']] })).toEqual(
      [],
    );
    expect(ids({ responseHeaders: [allowOrigin('*')] })).toEqual([]);
  });

  it('a garbage max-age', () => {
    const verdict = judge(
      exchange({
        method: 'PUT',
        preflight: {
          responseHeaders: [
            allowOrigin('*'),
            ['Access-Control-Allow-Methods', 'PUT'],
            ['Access-Control-Max-Age', '10 minutes'],
          ],
        },
        responseHeaders: [allowOrigin('*')],
      }),
    );
    expect(verdict.warnings).toEqual([
      {
        id: 'max-age-invalid',
        message:
          'Access-Control-Max-Age `10 minutes` is not a plain number of seconds: Chromium falls back to 5 s and Firefox caches nothing.',
      },
    ]);
  });

  it('ACAO * with ACAC true', () => {
    expect(
      ids({ responseHeaders: [allowOrigin('*'), ['Access-Control-Allow-Credentials', 'true']] }),
    ).toEqual(['wildcard-with-credentials-header']);
  });

  it('a response header the page reads but the server does not expose', () => {
    const spec = {
      responseHeaders: [
        allowOrigin('*'),
        ['X-Total-Count', '3'],
        ['Content-Type', 'application/json'],
      ] as const,
    };
    expect(ids({ ...spec, readResponseHeaders: ['content-type', 'X-Total-Count'] })).toEqual([
      'header-not-exposed',
    ]);
    expect(
      ids({
        responseHeaders: [
          ...spec.responseHeaders,
          ['Access-Control-Expose-Headers', 'x-total-count'],
        ],
        readResponseHeaders: ['X-Total-Count'],
      }),
    ).toEqual([]);
    expect(
      ids({
        responseHeaders: [...spec.responseHeaders, ['Access-Control-Expose-Headers', '*']],
        readResponseHeaders: ['X-Total-Count'],
      }),
    ).toEqual([]);
    // The page read a header the server never sent: null, but no exposing would change it.
    expect(ids({ ...spec, readResponseHeaders: ['X-Request-Id'] })).toEqual([]);
  });
});
