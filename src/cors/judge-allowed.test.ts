import { describe, expect, it } from 'vitest';
import { judge } from './judge';
import { cacheEntryFromPreflight } from './preflight-cache';
import {
  API,
  PAGE,
  THIRD,
  allowOrigin,
  exchange,
  headers,
  type ExchangeSpec,
} from './testing/exchange-builder';
import type { PreflightVerdict, WarningId } from './types';

interface AllowedCase {
  readonly name: string;
  readonly spec: ExchangeSpec;
  readonly seen: PreflightVerdict['seen'];
  readonly warnings?: readonly WarningId[];
}

const PUT_OK = [
  allowOrigin(),
  ['Access-Control-Allow-Methods', 'PUT'],
  ['Access-Control-Allow-Headers', 'x-foo'],
] as const;
const CRED = [
  allowOrigin(),
  ['Access-Control-Allow-Credentials', 'true'],
  ['Vary', 'Origin'],
] as const;

/** Situations developers meet that browsers allow: the engine must not report a failure. */
const ALLOWED: readonly AllowedCase[] = [
  {
    name: 'simple GET, ACAO = origin (docs/cors-reference.md §6.2)',
    spec: { responseHeaders: [allowOrigin(), ['Vary', 'Origin']] },
    seen: 'none',
  },
  { name: 'simple GET, ACAO *', spec: { responseHeaders: [allowOrigin('*')] }, seen: 'none' },
  {
    name: 'POST text/plain needs no preflight',
    spec: {
      method: 'POST',
      requestHeaders: [['Content-Type', 'text/plain;charset=UTF-8']],
      responseHeaders: [allowOrigin('*')],
    },
    seen: 'none',
  },
  {
    name: 'form POST (urlencoded)',
    spec: {
      method: 'POST',
      requestHeaders: [['Content-Type', 'application/x-www-form-urlencoded']],
      responseHeaders: [allowOrigin('*')],
    },
    seen: 'none',
  },
  {
    name: 'multipart upload with a boundary',
    spec: {
      method: 'POST',
      requestHeaders: [['Content-Type', 'multipart/form-data; boundary=----x']],
      responseHeaders: [allowOrigin('*')],
    },
    seen: 'none',
  },
  {
    name: 'content-type `text/plain;garbage` stays safelisted (WPT)',
    spec: {
      method: 'POST',
      requestHeaders: [['Content-Type', 'text/plain;garbage']],
      responseHeaders: [allowOrigin('*')],
    },
    seen: 'none',
  },
  {
    name: 'a simple Range request',
    spec: {
      requestHeaders: [['Range', 'bytes=0-1023']],
      status: 206,
      responseHeaders: [allowOrigin('*')],
    },
    seen: 'none',
  },
  {
    name: 'a 404 with ACAO is readable: status does not matter to CORS',
    spec: { status: 404, responseHeaders: [allowOrigin('*')] },
    seen: 'none',
  },
  {
    name: 'PUT + x-foo, preflight allows both (docs/cors-reference.md §6.2)',
    spec: {
      method: 'PUT',
      requestHeaders: [['X-Foo', '1']],
      preflight: { acrh: 'x-foo', responseHeaders: PUT_OK },
      responseHeaders: [allowOrigin('*')],
    },
    seen: 'sent',
  },
  {
    name: 'ACAH names are case-insensitive',
    spec: {
      method: 'GET',
      requestHeaders: [['X-Foo', '1']],
      preflight: {
        acrh: 'x-foo',
        responseHeaders: [allowOrigin(), ['Access-Control-Allow-Headers', 'X-FOO']],
      },
      responseHeaders: [allowOrigin('*')],
    },
    seen: 'sent',
  },
  {
    name: 'JSON POST with content-type allowed',
    spec: {
      method: 'POST',
      requestHeaders: [['Content-Type', 'application/json']],
      preflight: {
        acrh: 'content-type',
        responseHeaders: [allowOrigin(), ['Access-Control-Allow-Headers', 'Content-Type']],
      },
      responseHeaders: [allowOrigin('*')],
    },
    seen: 'sent',
  },
  {
    name: 'ACAM * and ACAH * without credentials',
    spec: {
      method: 'DELETE',
      requestHeaders: [['X-Custom', 'a']],
      preflight: {
        acrh: 'x-custom',
        responseHeaders: [
          allowOrigin('*'),
          ['Access-Control-Allow-Methods', '*'],
          ['Access-Control-Allow-Headers', '*'],
        ],
      },
      responseHeaders: [allowOrigin('*')],
    },
    seen: 'sent',
  },
  {
    name: 'Authorization allowed only via * passes today (docs/cors-reference.md §4.7), with a warning',
    spec: {
      requestHeaders: [['Authorization', 'Bearer abc']],
      preflight: {
        acrh: 'authorization',
        responseHeaders: [allowOrigin('*'), ['Access-Control-Allow-Headers', '*']],
      },
      responseHeaders: [allowOrigin('*')],
    },
    seen: 'sent',
    warnings: ['authorization-covered-by-wildcard'],
  },
  {
    name: 'cookies with exact origin and ACAC true',
    spec: { requestHeaders: [['Cookie', 'sid=1']], responseHeaders: CRED },
    seen: 'none',
    warnings: ['origin-reflected-with-credentials'],
  },
  {
    name: 'credentialed PUT through a credentialed preflight',
    spec: {
      method: 'PUT',
      credentials: 'include',
      preflight: {
        responseHeaders: [
          allowOrigin(),
          ['Access-Control-Allow-Credentials', 'true'],
          ['Access-Control-Allow-Methods', 'GET, PUT'],
        ],
      },
      responseHeaders: CRED,
    },
    seen: 'sent',
    warnings: ['origin-reflected-with-credentials'],
  },
  {
    name: 'preflight 200 with a long max-age',
    spec: {
      method: 'PATCH',
      preflight: {
        status: 200,
        responseHeaders: [
          allowOrigin(),
          ['Access-Control-Allow-Methods', 'PATCH'],
          ['Access-Control-Max-Age', '86400'],
        ],
      },
      responseHeaders: [allowOrigin('*')],
    },
    seen: 'sent',
    warnings: ['max-age-above-cap'],
  },
  {
    name: 'a same-origin redirect on the API keeps the page origin',
    spec: {
      url: `${API}/v1`,
      responseHeaders: [allowOrigin(), ['Vary', 'Origin']],
      redirects: [
        {
          url: `${API}/v1`,
          status: 308,
          headers: headers([allowOrigin(), ['Location', `${API}/v2`]]),
          location: `${API}/v2`,
        },
      ],
    },
    seen: 'none',
  },
  {
    name: 'A → B → C answered with ACAO * (tainted origin)',
    spec: {
      url: `${API}/hop`,
      responseHeaders: [allowOrigin('*')],
      redirects: [
        {
          url: `${API}/hop`,
          status: 302,
          headers: headers([allowOrigin('*'), ['Location', `${THIRD}/x`]]),
          location: `${THIRD}/x`,
        },
      ],
    },
    seen: 'none',
  },
  {
    name: 'a same-origin URL redirected to the API: CORS starts at the second hop',
    spec: {
      url: `${PAGE}/proxy`,
      responseHeaders: [allowOrigin(), ['Vary', 'Origin']],
      redirects: [
        {
          url: `${PAGE}/proxy`,
          status: 302,
          headers: headers([['Location', `${API}/x`]]),
          location: `${API}/x`,
        },
      ],
    },
    seen: 'none',
  },
  {
    name: 'Chromium safelists a numeric DPR client hint',
    spec: { requestHeaders: [['DPR', '2']], responseHeaders: [allowOrigin('*')] },
    seen: 'none',
  },
  {
    name: 'a 304 revalidation is not checked again',
    spec: { status: 304, responseHeaders: [] },
    seen: 'none',
  },
  {
    name: 'PUT with no preflight seen: cached before recording',
    spec: { method: 'PUT', responseHeaders: [allowOrigin('*')] },
    seen: 'cached',
  },
  {
    name: 'a font with ACAO *',
    spec: { resourceType: 'font', responseHeaders: [allowOrigin('*')] },
    seen: 'none',
  },
];

describe('judge: allowed exchanges report no failure', () => {
  it.each(ALLOWED)('$name', (row) => {
    const verdict = judge(exchange(row.spec));
    expect(verdict.status).toBe('allowed');
    expect(verdict.failure).toBeUndefined();
    expect(verdict.preflight.seen).toBe(row.seen);
    expect(verdict.warnings.map((w) => w.id)).toEqual(row.warnings ?? []);
  });
});

describe('judge: preflight reasons', () => {
  it('names the method and each unsafe header with why', () => {
    const verdict = judge(
      exchange({
        method: 'PUT',
        requestHeaders: [
          ['Content-Type', 'application/json'],
          ['X-Api-Key', 'k'],
          ['Accept', 'application/json'],
        ],
        preflight: {
          acrh: 'content-type,x-api-key',
          responseHeaders: [
            allowOrigin('*'),
            ['Access-Control-Allow-Methods', 'PUT'],
            ['Access-Control-Allow-Headers', '*'],
          ],
        },
        responseHeaders: [allowOrigin('*')],
      }),
    );
    expect(verdict.preflight.needed).toBe(true);
    expect(
      verdict.preflight.reasons.map((r) => (r.kind === 'header' ? `${r.name}:${r.why}` : r.kind)),
    ).toEqual([
      'method',
      'content-type:content-type-not-safelisted',
      'x-api-key:name-not-safelisted',
    ]);
  });

  it('explains a safelisted name the browser listed although its value was not visible', () => {
    const verdict = judge(
      exchange({
        method: 'POST',
        requestSent: false,
        outcome: 'cors',
        preflight: { acrh: 'content-type', responseHeaders: [] },
      }),
    );
    expect(verdict.preflight.reasons).toEqual([
      expect.objectContaining({ kind: 'header', name: 'content-type', why: 'listed-by-browser' }),
    ]);
  });

  it('says a simple request needed none', () => {
    const verdict = judge(exchange({ responseHeaders: [allowOrigin('*')] }));
    expect(verdict.preflight).toEqual({ needed: false, reasons: [], seen: 'none' });
    expect(verdict.headline).toBe('Allowed: a simple request, no preflight needed');
  });

  it('reports a forced preflight (XHR upload listeners) when nothing else needs one', () => {
    const verdict = judge(
      exchange({
        method: 'POST',
        preflight: { responseHeaders: [allowOrigin('*')] },
        responseHeaders: [allowOrigin('*')],
      }),
    );
    expect(verdict.preflight.reasons.map((r) => r.kind)).toEqual(['forced']);
  });

  it('links a recorded cache entry with its age', () => {
    const storedAt = 1_000_000;
    const entry = cacheEntryFromPreflight({
      origin: PAGE,
      url: `${API}/api/data`,
      credentials: false,
      responseHeaders: headers([...PUT_OK, ['Access-Control-Max-Age', '600']]),
      storedAt,
      browser: 'chromium',
    });
    expect(entry).not.toBeNull();
    const verdict = judge(
      exchange({
        method: 'PUT',
        requestHeaders: [['X-Foo', '1']],
        responseHeaders: [allowOrigin('*')],
        ...(entry ? { cachedPreflight: entry } : {}),
        now: storedAt + 42_000,
      }),
    );
    expect(verdict.preflight.seen).toBe('cached');
    expect(verdict.preflight.cache?.ageSeconds).toBe(42);
    expect(verdict.preflight.cache?.note).toBe(
      'Reused the preflight recorded 42 s earlier (kept for 600 s).',
    );
    expect(verdict.headline).toBe('Allowed, with a cached preflight');
  });

  it('says when the recorded entry cannot be the one the browser used', () => {
    const entry = cacheEntryFromPreflight({
      origin: PAGE,
      url: `${API}/api/data`,
      credentials: false,
      responseHeaders: headers([...PUT_OK]),
      storedAt: 0,
      browser: 'chromium',
    });
    const verdict = judge(
      exchange({
        method: 'PUT',
        responseHeaders: [allowOrigin('*')],
        ...(entry ? { cachedPreflight: entry } : {}),
        now: 60_000,
      }),
    );
    expect(verdict.preflight.cache?.note).toMatch(
      /expired \(5 s max-age\).*cached before recording started/,
    );
  });
});

describe('judge: not CORS at all', () => {
  it.each([
    ['same-origin', exchange({ url: `${PAGE}/api` }), 'same-origin'],
    ['a top-level navigation', exchange({ resourceType: 'main_frame' }), 'navigation'],
    [
      'a no-cors image (no Origin on a GET)',
      exchange({ resourceType: 'image', rawRequestHeaders: [['Accept', 'image/*']] }),
      'no-cors',
    ],
    ['a data: URL', exchange({ url: 'data:text/plain,hi' }), 'non-http-scheme'],
    ['a WebSocket handshake', exchange({ resourceType: 'websocket' }), 'websocket'],
  ] as const)('%s', (_name, obs, reason) => {
    const verdict = judge(obs);
    expect(verdict.status).toBe('not-applicable');
    expect(verdict.notApplicable).toBe(reason);
  });

  it('treats a sandboxed frame (origin null) calling the API as CORS', () => {
    const verdict = judge(exchange({ origin: 'null', responseHeaders: [allowOrigin('null')] }));
    expect(verdict.status).toBe('allowed');
    expect(verdict.warnings.map((w) => w.id)).toContain('null-origin-allowed');
  });
});

describe('judge: honest about failures CORS does not explain', () => {
  it('net::ERR_FAILED with passing headers is unexplained, never a guess', () => {
    // Passes with or without credentials, so no CORS rule explains the browser's failure.
    const verdict = judge(exchange({ responseHeaders: CRED, outcome: 'cors' }));
    expect(verdict.status).toBe('unexplained');
    expect(verdict.failure).toBeUndefined();
    expect(verdict.unexplained?.likelyCauses.join(' ')).toMatch(/Local Network Access/);
  });

  it('a refused connection is a named network failure, not CORS', () => {
    const verdict = judge(
      exchange({ responseHeaders: null, outcome: 'net::ERR_CONNECTION_REFUSED' }),
    );
    expect(verdict.status).toBe('failed');
    expect(verdict.unexplained).toBeUndefined();
    expect(verdict.cause).toMatchObject({ id: 'network', error: 'net::ERR_CONNECTION_REFUSED' });
    expect(verdict.cause?.meaning).toMatch(/Not CORS/);
    expect(verdict.headline).toBe('Failed, not CORS: nothing accepted the connection');
  });

  it('a blocker extension is named as such, with what to do', () => {
    const verdict = judge(
      exchange({ responseHeaders: null, outcome: 'net::ERR_BLOCKED_BY_CLIENT' }),
    );
    expect(verdict.status).toBe('failed');
    expect(verdict.cause?.id).toBe('blocked-by-client');
    expect(verdict.cause?.meaning).toMatch(/Another extension/);
    expect(verdict.cause?.steps.join(' ')).toMatch(/without other extensions/);
  });

  it('a preflight that got no answer explains the failure with its own error', () => {
    const verdict = judge(
      exchange({
        method: 'PUT',
        requestSent: false,
        preflight: { error: 'net::ERR_CONNECTION_RESET' },
        outcome: 'net::ERR_CONNECTION_RESET',
      }),
    );
    expect(verdict.status).toBe('failed');
    expect(verdict.headline).toBe(
      'Failed, not CORS: the preflight got no answer (net::ERR_CONNECTION_RESET)',
    );
    expect(verdict.cause?.meaning).toMatch(/^The preflight \(OPTIONS\) request got no answer/);
  });

  it('a preflighted failure without a visible preflight says so', () => {
    const verdict = judge(exchange({ method: 'PUT', requestSent: false, outcome: 'cors' }));
    expect(verdict.status).toBe('unexplained');
    expect(verdict.unexplained?.likelyCauses[0]).toMatch(/preflight was not visible/);
  });

  it('when the browser allowed what the replay would block, the browser wins and the card says so', () => {
    const verdict = judge(exchange({ responseHeaders: [] }));
    expect(verdict.status).toBe('allowed');
    expect(verdict.warnings.map((w) => w.id)).toEqual(['engine-disagrees-with-browser']);
  });
});

describe('judge: credentials inferred from the failure', () => {
  it('exact ACAO without ACAC and a failure: a credentialed request without cookies', () => {
    const verdict = judge(exchange({ responseHeaders: [allowOrigin()], outcome: 'cors' }));
    expect(verdict.status).toBe('blocked');
    expect(verdict.failure?.corsError).toBe('InvalidAllowCredentials');
    expect(verdict.credentials.source).toBe('only a request with credentials explains the failure');
  });

  it('an Authorization header the page did not set comes from HTTP auth: credentials', () => {
    const verdict = judge(
      exchange({
        method: 'PUT',
        requestHeaders: [['Authorization', 'Basic dTpw']],
        preflight: { responseHeaders: [allowOrigin(), ['Access-Control-Allow-Methods', 'PUT']] },
        responseHeaders: [allowOrigin('*')],
        outcome: 'cors',
      }),
    );
    expect(verdict.credentials.value).toBe('include');
    expect(verdict.failure?.corsError).toBe('PreflightInvalidAllowCredentials');
  });
});

describe('judge: in flight', () => {
  it('is pending, and predicts the block once the preflight has failed', () => {
    const verdict = judge(
      exchange({
        method: 'PUT',
        requestSent: false,
        outcome: 'in-flight',
        preflight: { status: 404, responseHeaders: [allowOrigin()] },
      }),
    );
    expect(verdict.status).toBe('pending');
    expect(verdict.failure?.corsError).toBe('PreflightInvalidStatus');
    expect(verdict.headline).toBe(
      'Will be blocked: the preflight (OPTIONS) request got status 404, not a 2xx',
    );
  });

  it('waits for the preflight response', () => {
    const obs = exchange({
      method: 'PUT',
      requestSent: false,
      outcome: 'in-flight',
      preflight: { responseHeaders: [] },
    });
    const verdict = judge({
      ...obs,
      preflight: { url: obs.request.url, requestHeaders: obs.preflight?.requestHeaders ?? [] },
    });
    expect(verdict.headline).toBe('Waiting for the preflight response');
  });
});

describe('judge: odd error strings', () => {
  it.each(['toString', '__proto__', 'constructor'])(
    'an error named %s is still explained honestly',
    (error) => {
      const verdict = judge(exchange({ responseHeaders: null, outcome: error }));
      expect(verdict.status).toBe('unexplained');
      expect(verdict.unexplained?.error).toBe(error);
    },
  );
});
