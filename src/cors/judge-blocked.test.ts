import { describe, expect, it } from 'vitest';
import { judge } from './judge';
import {
  API,
  PAGE,
  THIRD,
  allowOrigin,
  exchange,
  headers,
  type ExchangeSpec,
} from './testing/exchange-builder';
import type { CorsErrorName, FailureStage, FirefoxReason } from './types';

interface BlockedCase {
  readonly name: string;
  readonly spec: ExchangeSpec;
  readonly corsError: CorsErrorName;
  readonly failedParameter: string;
  readonly stage: FailureStage;
  readonly firefoxReason?: FirefoxReason | null;
}

const PUT_X_FOO = { method: 'PUT', requestSent: false, outcome: 'cors' } as const;

/**
 * Every CorsError reproducible between two loopback origins (docs/cors-reference.md §10,
 * "L"), as a developer meets it. Each row: what the browser showed, what Chromium named it.
 */
const BLOCKED: readonly BlockedCase[] = [
  {
    name: 'simple GET, no ACAO (docs/cors-reference.md §6.2)',
    spec: { outcome: 'cors' },
    corsError: 'MissingAllowOriginHeader',
    failedParameter: '',
    stage: 'actual',
    firefoxReason: 'CORSMissingAllowOrigin',
  },
  {
    name: 'a 500 from the app without CORS headers',
    spec: { status: 500, outcome: 'cors' },
    corsError: 'MissingAllowOriginHeader',
    failedParameter: '',
    stage: 'actual',
  },
  {
    name: 'ACAO names another site (docs/cors-reference.md §6.2)',
    spec: { responseHeaders: [allowOrigin('http://evil.example')], outcome: 'cors' },
    corsError: 'AllowOriginMismatch',
    failedParameter: 'http://evil.example',
    stage: 'actual',
    firefoxReason: 'CORSAllowOriginNotMatchingOrigin',
  },
  {
    name: 'ACAO with a trailing slash',
    spec: { responseHeaders: [allowOrigin(`${PAGE}/`)], outcome: 'cors' },
    corsError: 'AllowOriginMismatch',
    failedParameter: `${PAGE}/`,
    stage: 'actual',
  },
  {
    name: 'ACAO with an upper-case scheme',
    spec: { responseHeaders: [allowOrigin('HTTP://127.0.0.1:7101')], outcome: 'cors' },
    corsError: 'AllowOriginMismatch',
    failedParameter: 'HTTP://127.0.0.1:7101',
    stage: 'actual',
  },
  {
    name: 'ACAO `null` for a real origin',
    spec: { responseHeaders: [allowOrigin('null')], outcome: 'cors' },
    corsError: 'AllowOriginMismatch',
    failedParameter: 'null',
    stage: 'actual',
  },
  {
    name: 'ACAO localhost:7101 parses as a URL with scheme "localhost"',
    spec: { responseHeaders: [allowOrigin('localhost:7101')], outcome: 'cors' },
    corsError: 'AllowOriginMismatch',
    failedParameter: 'localhost:7101',
    stage: 'actual',
  },
  {
    name: 'ACAO added by both the proxy and the app',
    spec: { responseHeaders: [allowOrigin(), allowOrigin()], outcome: 'cors' },
    corsError: 'MultipleAllowOriginValues',
    failedParameter: `${PAGE}, ${PAGE}`,
    stage: 'actual',
    firefoxReason: 'CORSMultipleAllowOriginNotAllowed',
  },
  {
    name: 'ACAO as a comma-separated allowlist on one line',
    spec: { responseHeaders: [allowOrigin(`${PAGE},http://other.example`)], outcome: 'cors' },
    corsError: 'MultipleAllowOriginValues',
    failedParameter: `${PAGE},http://other.example`,
    stage: 'actual',
    firefoxReason: 'CORSAllowOriginNotMatchingOrigin',
  },
  {
    name: 'ACAO as a space-separated list',
    spec: { responseHeaders: [allowOrigin(`${PAGE} http://other.example`)], outcome: 'cors' },
    corsError: 'MultipleAllowOriginValues',
    failedParameter: `${PAGE} http://other.example`,
    stage: 'actual',
  },
  {
    name: 'ACAO without a scheme',
    spec: { responseHeaders: [allowOrigin('example.com')], outcome: 'cors' },
    corsError: 'InvalidAllowOriginValue',
    failedParameter: 'example.com',
    stage: 'actual',
    firefoxReason: 'CORSAllowOriginNotMatchingOrigin',
  },
  {
    name: 'ACAO present but empty',
    spec: { responseHeaders: [allowOrigin('')], outcome: 'cors' },
    corsError: 'InvalidAllowOriginValue',
    failedParameter: '',
    stage: 'actual',
  },
  {
    name: 'ACAO * with credentials: include',
    spec: { credentials: 'include', responseHeaders: [allowOrigin('*')], outcome: 'cors' },
    corsError: 'WildcardOriginNotAllowed',
    failedParameter: '',
    stage: 'actual',
    firefoxReason: 'CORSNotSupportingCredentials',
  },
  {
    name: 'ACAO * and a failure: only credentials explain it (docs/cors-reference.md §6.5, no cookie sent)',
    spec: { responseHeaders: [allowOrigin('*')], outcome: 'cors' },
    corsError: 'WildcardOriginNotAllowed',
    failedParameter: '',
    stage: 'actual',
  },
  {
    name: 'cookie sent, ACAC missing',
    spec: {
      requestHeaders: [['Cookie', 'sid=1']],
      responseHeaders: [allowOrigin()],
      outcome: 'cors',
    },
    corsError: 'InvalidAllowCredentials',
    failedParameter: '',
    stage: 'actual',
    firefoxReason: 'CORSMissingAllowCredentials',
  },
  {
    name: 'ACAC `TRUE` is case-sensitive',
    spec: {
      credentials: 'include',
      responseHeaders: [allowOrigin(), ['Access-Control-Allow-Credentials', 'TRUE']],
      outcome: 'cors',
    },
    corsError: 'InvalidAllowCredentials',
    failedParameter: 'TRUE',
    stage: 'actual',
  },
  {
    name: 'preflight 404 without ACAO reports the header, not the status',
    spec: { ...PUT_X_FOO, preflight: { acrh: 'x-foo', status: 404 } },
    corsError: 'PreflightMissingAllowOriginHeader',
    failedParameter: '',
    stage: 'preflight',
    firefoxReason: 'CORSMissingAllowOrigin',
  },
  {
    name: 'preflight 401 from an auth layer before the CORS middleware',
    spec: { ...PUT_X_FOO, preflight: { acrh: 'x-foo', status: 401 } },
    corsError: 'PreflightMissingAllowOriginHeader',
    failedParameter: '',
    stage: 'preflight',
  },
  {
    name: 'preflight 404 with ACAO (docs/cors-reference.md §4.6)',
    spec: { ...PUT_X_FOO, preflight: { status: 404, responseHeaders: [allowOrigin()] } },
    corsError: 'PreflightInvalidStatus',
    failedParameter: '',
    stage: 'preflight',
    firefoxReason: 'CORSPreflightDidNotSucceed',
  },
  {
    name: 'preflight 405 from a router without an OPTIONS route, CORS headers added globally',
    spec: { ...PUT_X_FOO, preflight: { status: 405, responseHeaders: [allowOrigin('*')] } },
    corsError: 'PreflightInvalidStatus',
    failedParameter: '',
    stage: 'preflight',
  },
  {
    name: 'preflight redirected (302) even with CORS headers',
    spec: {
      ...PUT_X_FOO,
      preflight: {
        status: 302,
        responseHeaders: [allowOrigin(), ['Location', `${API}/api/data/`]],
      },
    },
    corsError: 'PreflightDisallowedRedirect',
    failedParameter: '',
    stage: 'preflight',
    firefoxReason: 'CORSExternalRedirectNotAllowed',
  },
  {
    name: 'preflight ACAO * for a credentialed request',
    spec: {
      ...PUT_X_FOO,
      credentials: 'include',
      preflight: { responseHeaders: [allowOrigin('*'), ['Access-Control-Allow-Methods', 'PUT']] },
    },
    corsError: 'PreflightWildcardOriginNotAllowed',
    failedParameter: '',
    stage: 'preflight',
  },
  {
    name: 'preflight with two ACAO lines',
    spec: { ...PUT_X_FOO, preflight: { responseHeaders: [allowOrigin(), allowOrigin('*')] } },
    corsError: 'PreflightMultipleAllowOriginValues',
    failedParameter: `${PAGE}, *`,
    stage: 'preflight',
  },
  {
    name: 'preflight ACAO without a scheme',
    spec: { ...PUT_X_FOO, preflight: { responseHeaders: [allowOrigin('127.0.0.1:7101')] } },
    corsError: 'PreflightInvalidAllowOriginValue',
    failedParameter: '127.0.0.1:7101',
    stage: 'preflight',
  },
  {
    name: 'preflight allows the production origin only',
    spec: {
      ...PUT_X_FOO,
      preflight: { responseHeaders: [allowOrigin('https://app.example.com')] },
    },
    corsError: 'PreflightAllowOriginMismatch',
    failedParameter: 'https://app.example.com',
    stage: 'preflight',
  },
  {
    name: 'credentialed preflight without ACAC',
    spec: {
      ...PUT_X_FOO,
      credentials: 'include',
      preflight: { responseHeaders: [allowOrigin(), ['Access-Control-Allow-Methods', 'PUT']] },
    },
    corsError: 'PreflightInvalidAllowCredentials',
    failedParameter: '',
    stage: 'preflight',
    firefoxReason: 'CORSMissingAllowCredentials',
  },
  {
    name: 'ACAM written with spaces instead of commas',
    spec: {
      ...PUT_X_FOO,
      preflight: { responseHeaders: [allowOrigin(), ['Access-Control-Allow-Methods', 'GET PUT']] },
    },
    corsError: 'InvalidAllowMethodsPreflightResponse',
    failedParameter: '',
    stage: 'preflight',
    firefoxReason: 'CORSInvalidAllowMethod',
  },
  {
    name: 'ACAM with a trailing semicolon',
    spec: {
      ...PUT_X_FOO,
      preflight: { responseHeaders: [allowOrigin(), ['Access-Control-Allow-Methods', 'PUT;']] },
    },
    corsError: 'InvalidAllowMethodsPreflightResponse',
    failedParameter: '',
    stage: 'preflight',
  },
  {
    name: 'ACAH with a space inside a name',
    spec: {
      ...PUT_X_FOO,
      preflight: {
        acrh: 'x-foo',
        responseHeaders: [
          allowOrigin(),
          ['Access-Control-Allow-Methods', 'PUT'],
          ['Access-Control-Allow-Headers', 'x a'],
        ],
      },
    },
    corsError: 'InvalidAllowHeadersPreflightResponse',
    failedParameter: '',
    stage: 'preflight',
    firefoxReason: 'CORSInvalidAllowHeader',
  },
  {
    name: 'ACAH with a colon',
    spec: {
      ...PUT_X_FOO,
      preflight: {
        acrh: 'x-foo',
        responseHeaders: [
          allowOrigin(),
          ['Access-Control-Allow-Methods', 'PUT'],
          ['Access-Control-Allow-Headers', 'x-foo:'],
        ],
      },
    },
    corsError: 'InvalidAllowHeadersPreflightResponse',
    failedParameter: '',
    stage: 'preflight',
  },
  {
    name: 'PATCH against ACAM `patch`: methods are case-sensitive',
    spec: {
      method: 'PATCH',
      requestSent: false,
      outcome: 'cors',
      preflight: {
        responseHeaders: [allowOrigin(), ['Access-Control-Allow-Methods', 'get, post, patch']],
      },
    },
    corsError: 'MethodDisallowedByPreflightResponse',
    failedParameter: 'PATCH',
    stage: 'preflight',
    firefoxReason: 'CORSMethodNotFound',
  },
  {
    name: 'DELETE not listed',
    spec: {
      method: 'DELETE',
      requestSent: false,
      outcome: 'cors',
      preflight: {
        responseHeaders: [allowOrigin(), ['Access-Control-Allow-Methods', 'GET, POST']],
      },
    },
    corsError: 'MethodDisallowedByPreflightResponse',
    failedParameter: 'DELETE',
    stage: 'preflight',
  },
  {
    name: 'ACAM * is a literal for a credentialed request',
    spec: {
      ...PUT_X_FOO,
      credentials: 'include',
      preflight: {
        responseHeaders: [
          allowOrigin(),
          ['Access-Control-Allow-Credentials', 'true'],
          ['Access-Control-Allow-Methods', '*'],
        ],
      },
    },
    corsError: 'MethodDisallowedByPreflightResponse',
    failedParameter: 'PUT',
    stage: 'preflight',
  },
  {
    name: 'PUT + x-foo, preflight lacks ACAH (docs/cors-reference.md §6.2)',
    spec: {
      ...PUT_X_FOO,
      preflight: {
        acrh: 'x-foo',
        responseHeaders: [allowOrigin(), ['Access-Control-Allow-Methods', 'PUT']],
      },
    },
    corsError: 'HeaderDisallowedByPreflightResponse',
    failedParameter: 'x-foo',
    stage: 'preflight',
    firefoxReason: 'CORSMissingAllowHeaderFromPreflight',
  },
  {
    name: 'JSON POST: content-type not allowed',
    spec: {
      method: 'POST',
      requestSent: false,
      outcome: 'cors',
      preflight: {
        acrh: 'content-type',
        responseHeaders: [allowOrigin(), ['Access-Control-Allow-Headers', 'x-requested-with']],
      },
    },
    corsError: 'HeaderDisallowedByPreflightResponse',
    failedParameter: 'content-type',
    stage: 'preflight',
  },
  {
    name: 'ACAH * is a literal for a credentialed request',
    spec: {
      method: 'GET',
      requestSent: false,
      outcome: 'cors',
      credentials: 'include',
      preflight: {
        acrh: 'x-api-key',
        responseHeaders: [
          allowOrigin(),
          ['Access-Control-Allow-Credentials', 'true'],
          ['Access-Control-Allow-Headers', '*'],
        ],
      },
    },
    corsError: 'HeaderDisallowedByPreflightResponse',
    failedParameter: 'x-api-key',
    stage: 'preflight',
  },
  {
    name: 'second of two custom headers not allowed',
    spec: {
      method: 'GET',
      requestSent: false,
      outcome: 'cors',
      preflight: {
        acrh: 'x-a,x-b',
        responseHeaders: [allowOrigin(), ['Access-Control-Allow-Headers', 'X-A']],
      },
    },
    corsError: 'HeaderDisallowedByPreflightResponse',
    failedParameter: 'x-b',
    stage: 'preflight',
  },
  {
    name: 'redirect response without ACAO',
    spec: {
      url: `${API}/old`,
      responseHeaders: null,
      outcome: 'cors',
      redirects: [
        {
          url: `${API}/old`,
          status: 301,
          headers: headers([['Location', `${API}/new`]]),
          location: `${API}/new`,
        },
      ],
    },
    corsError: 'MissingAllowOriginHeader',
    failedParameter: '',
    stage: 'redirect',
  },
  {
    name: 'redirect to a URL with user:password',
    spec: {
      url: `${API}/login-redirect`,
      responseHeaders: null,
      outcome: 'cors',
      redirects: [
        {
          url: `${API}/login-redirect`,
          status: 302,
          headers: headers([allowOrigin(), ['Location', 'http://u:p@localhost:7102/x']]),
          location: 'http://u:p@localhost:7102/x',
        },
      ],
    },
    corsError: 'RedirectContainsCredentials',
    failedParameter: '',
    stage: 'redirect',
    firefoxReason: null,
  },
  {
    name: 'A → B → C: the request to C carries Origin null, so C echoing the page origin fails',
    spec: {
      url: `${API}/hop`,
      responseHeaders: [allowOrigin(PAGE)],
      outcome: 'cors',
      redirects: [
        {
          url: `${API}/hop`,
          status: 302,
          headers: headers([allowOrigin(), ['Location', `${THIRD}/final`]]),
          location: `${THIRD}/final`,
        },
      ],
    },
    corsError: 'AllowOriginMismatch',
    failedParameter: PAGE,
    stage: 'actual',
  },
  {
    name: "mode 'same-origin' redirected cross-origin",
    spec: {
      url: `${PAGE}/local`,
      mode: 'same-origin',
      responseHeaders: null,
      outcome: 'cors',
      redirects: [
        {
          url: `${PAGE}/local`,
          status: 302,
          headers: headers([['Location', `${API}/x`]]),
          location: `${API}/x`,
        },
      ],
    },
    corsError: 'DisallowedByMode',
    failedParameter: '',
    stage: 'redirect',
    firefoxReason: null,
  },
];

describe('judge: every loopback-reproducible CorsError', () => {
  it.each(BLOCKED)('$name → $corsError', (row) => {
    const verdict = judge(exchange(row.spec));
    expect(verdict.status).toBe('blocked');
    expect(verdict.failure?.corsError).toBe(row.corsError);
    expect(verdict.failure?.failedParameter).toBe(row.failedParameter);
    expect(verdict.failure?.stage).toBe(row.stage);
    if (row.firefoxReason !== undefined)
      expect(verdict.failure?.firefoxReason).toBe(row.firefoxReason);
    expect(verdict.headline).toMatch(/^Blocked: /);
  });

  it('covers every CorsError that two loopback origins can reproduce', () => {
    const reproducible: CorsErrorName[] = [
      'DisallowedByMode',
      'WildcardOriginNotAllowed',
      'MissingAllowOriginHeader',
      'MultipleAllowOriginValues',
      'InvalidAllowOriginValue',
      'AllowOriginMismatch',
      'InvalidAllowCredentials',
      'PreflightInvalidStatus',
      'PreflightDisallowedRedirect',
      'PreflightWildcardOriginNotAllowed',
      'PreflightMissingAllowOriginHeader',
      'PreflightMultipleAllowOriginValues',
      'PreflightInvalidAllowOriginValue',
      'PreflightAllowOriginMismatch',
      'PreflightInvalidAllowCredentials',
      'InvalidAllowMethodsPreflightResponse',
      'InvalidAllowHeadersPreflightResponse',
      'MethodDisallowedByPreflightResponse',
      'HeaderDisallowedByPreflightResponse',
      'RedirectContainsCredentials',
    ];
    expect(new Set(BLOCKED.map((row) => row.corsError))).toEqual(new Set(reproducible));
  });
});

describe('judge: what a blocked card needs', () => {
  it('prints the console line Chromium prints for a missing ACAO', () => {
    const verdict = judge(exchange({ outcome: 'cors' }));
    expect(verdict.failure?.consoleMessage).toBe(
      `Access to fetch at '${API}/api/data' from origin '${PAGE}' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.`,
    );
    expect(verdict.failure?.firefoxMessage).toBe(
      `Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at ${API}/api/data. (Reason: CORS header 'Access-Control-Allow-Origin' missing). Status code: 200.`,
    );
  });

  it('leads with the real status hidden behind the CORS error', () => {
    const verdict = judge(exchange({ status: 401, outcome: 'cors' }));
    expect(verdict.failure?.httpStatus).toBe(401);
    expect(verdict.headline).toBe(
      'Blocked: the server answered 401 without an Access-Control-Allow-Origin header',
    );
    expect(verdict.failure?.fix.steps[0]).toMatch(/answered 401.*Fix the 401 first/);
  });

  it('prefixes preflight failures and adds the fetch() advice to ACAO value errors', () => {
    const verdict = judge(
      exchange({
        ...PUT_X_FOO,
        preflight: { responseHeaders: [allowOrigin('https://app.example.com')] },
      }),
    );
    expect(verdict.failure?.consoleMessage).toBe(
      `Access to fetch at '${API}/api/data' from origin '${PAGE}' has been blocked by CORS policy: Response to preflight request doesn't pass access control check: The 'Access-Control-Allow-Origin' header has a value 'https://app.example.com' that is not equal to the supplied origin. Have the server send the header with a valid value.`,
    );
  });

  it('escapes non-ASCII and control characters in the hint as Chromium does', () => {
    const verdict = judge(
      exchange({ responseHeaders: [allowOrigin('http://exämple.test\u0001')], outcome: 'cors' }),
    );
    expect(verdict.failure?.failedParameter).toBe('http://exämple.test\u0001');
    expect(verdict.failure?.consoleMessage).toContain("value 'http://ex\\u00E4mple.test\\u0001'");
  });

  it('names the redirect chain in the console line', () => {
    const verdict = judge(
      exchange({
        url: `${API}/old`,
        responseHeaders: null,
        outcome: 'cors',
        redirects: [
          {
            url: `${API}/old`,
            status: 301,
            headers: headers([['Location', `${API}/new`]]),
            location: `${API}/new`,
          },
        ],
      }),
    );
    expect(verdict.failure?.url).toBe(`${API}/old`);
    expect(verdict.failure?.httpStatus).toBe(301);
  });

  it('uses the request origin `null` after a tainting redirect, in the verdict and the fix', () => {
    const verdict = judge(
      exchange({
        url: `${API}/hop`,
        responseHeaders: [],
        outcome: 'cors',
        redirects: [
          {
            url: `${API}/hop`,
            status: 302,
            headers: headers([allowOrigin(), ['Location', `${THIRD}/final`]]),
            location: `${THIRD}/final`,
          },
        ],
      }),
    );
    expect(verdict.requestOrigin).toBe('null');
    expect(verdict.failure?.corsError).toBe('MissingAllowOriginHeader');
    expect(verdict.failure?.consoleMessage).toContain("from origin 'null'");
    expect(verdict.failure?.fix.responses[0]?.set).toContainEqual({
      name: 'Access-Control-Allow-Origin',
      value: 'null',
    });
  });

  it('says why credentials were assumed when only they explain the failure', () => {
    const verdict = judge(exchange({ responseHeaders: [allowOrigin('*')], outcome: 'cors' }));
    expect(verdict.credentials).toEqual({
      value: 'include',
      source: 'only a request with credentials explains the failure',
    });
  });

  it('lists every header the preflight did not allow, and the fix allows them all', () => {
    const verdict = judge(
      exchange({
        method: 'GET',
        requestSent: false,
        outcome: 'cors',
        preflight: {
          acrh: 'authorization,x-a,x-b',
          responseHeaders: [allowOrigin(), ['Access-Control-Allow-Headers', 'x-a']],
        },
      }),
    );
    expect(verdict.failure?.failedParameter).toBe('authorization');
    expect(verdict.failure?.offending).toEqual(['authorization', 'x-b']);
    expect(verdict.failure?.fix.responses[0]?.set).toEqual([
      { name: 'Access-Control-Allow-Headers', value: 'x-a, authorization, x-b' },
    ]);
    expect(verdict.headline).toBe(
      'Blocked: the preflight response does not allow the request header `authorization` (nor `x-b`)',
    );
  });
});
