/**
 * The playground's catalogue: each scenario is one cross-origin exchange a developer
 * meets, with the page's call and the API's answers. The same catalogue drives the
 * playground page (`npm start`) and the end-to-end tests, whose oracle is Chromium's own
 * verdict (CDP), never the `chromium` field below, which only documents what to expect.
 */

export interface Origins {
  /** The page: http://127.0.0.1:<port> */
  readonly page: string;
  /** The API: http://localhost:<port> */
  readonly api: string;
  /** A third origin for redirect chains: http://localhost:<another port> */
  readonly third: string;
}

export interface ApiRequest {
  readonly method: string;
  /** Path below the scenario, e.g. "" or "/final". */
  readonly subpath: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
}

export interface Reply {
  readonly status: number;
  /** Header lines in order; a name may repeat (duplicated headers are a scenario of their own). */
  readonly headers?: ReadonlyArray<readonly [string, string]>;
  readonly body?: string;
}

export interface Call {
  readonly method?: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
  readonly credentials?: 'omit' | 'same-origin' | 'include';
  /** Fire the same call this many times in a row (cached preflights). */
  readonly repeat?: number;
  /** Who makes the call: the page with fetch() (default) or XHR, a dedicated worker, or an iframe. */
  readonly via?: 'fetch' | 'xhr' | 'worker' | 'cross-origin-iframe' | 'sandboxed-iframe';
  /** Log in first: the API sets a session cookie, so the call carries a Cookie header. */
  readonly withCookie?: boolean;
  /** Appended to the scenario's URL: path parameters, a query. */
  readonly suffix?: string;
  /** fetch()'s mode and redirect options, when not the defaults. */
  readonly mode?: 'cors' | 'no-cors' | 'same-origin';
  readonly redirect?: 'follow' | 'manual' | 'error';
  /** Call this URL instead of the scenario's on the API (another scheme). */
  readonly url?: string;
  /** Make the call from an iframe of the page's origin whose CSP allows only 'self'. */
  readonly fromCspFrame?: boolean;
}

export interface Scenario {
  readonly id: string;
  readonly title: string;
  readonly call: Call;
  /** Answers the API gives for /s/<id><subpath>. OPTIONS goes here too. */
  readonly api: (request: ApiRequest, origins: Origins) => Reply;
  /** What Chromium 156 decides, for people reading the page; tests ask Chromium itself. */
  readonly chromium: { readonly corsError: string; readonly failedParameter?: string } | 'allowed';
}

type Lines = Array<readonly [string, string]>;

const acao = (value: string): readonly [string, string] => ['Access-Control-Allow-Origin', value];
const ok = (headers: Lines = [], body = '{"ok":true}'): Reply => ({
  status: 200,
  headers: [['Content-Type', 'application/json'], ...headers],
  body,
});
const noContent = (headers: Lines): Reply => ({ status: 204, headers });
const isPreflight = (r: ApiRequest) => r.method === 'OPTIONS';

/** A well-configured preflight for PUT with x-foo, optionally cached. */
const preflightFor = (o: Origins, extra: Lines = []): Reply =>
  noContent([
    acao(o.page),
    ['Access-Control-Allow-Methods', 'GET, PUT, PATCH, DELETE'],
    ['Access-Control-Allow-Headers', 'x-foo, content-type'],
    ['Vary', 'Origin'],
    ...extra,
  ]);

const PUT_X_FOO: Call = { method: 'PUT', headers: { 'x-foo': '1' }, body: '{}' };

/**
 * Where the `secrets-in-the-exchange` scenario hides its secrets: a default export of it
 * must contain none of these (e2e/export-redaction.spec.ts).
 */
export const EXCHANGE_SECRETS = {
  pathParameter: 'CANARYe2ePathParam01',
  code: 'CANARYe2eQueryCode02',
  passwd: 'CANARYe2eQueryPasswd03',
  ticket: 'CANARYe2eQueryTicket04',
  semicolonToken: 'CANARYe2eSemicolonToken05',
  jwtSignature: 'CANARYe2eJwtSignature06',
  oauthCode: 'CANARYe2eRedirectCode07',
  namelessCookie: 'CANARYe2eNamelessCookie08',
  secondCookie: 'CANARYe2eSecondCookie09',
  githubToken: 'ghp_CANARYe2eGithubToken10abcdefghijkl',
} as const;

const S = EXCHANGE_SECRETS;

export const SCENARIOS: readonly Scenario[] = [
  // Allowed: the engine must report no failure.
  {
    id: 'simple-get-allowed',
    title: 'Simple GET, Access-Control-Allow-Origin is the page origin',
    call: {},
    api: (_r, o) => ok([acao(o.page), ['Vary', 'Origin']]),
    chromium: 'allowed',
  },
  {
    id: 'simple-get-wildcard',
    title: 'Simple GET, Access-Control-Allow-Origin: *',
    call: {},
    api: () => ok([acao('*')]),
    chromium: 'allowed',
  },
  {
    id: 'post-text-plain',
    title: 'POST text/plain: no preflight needed',
    call: { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'hello' },
    api: () => ok([acao('*')]),
    chromium: 'allowed',
  },
  {
    id: 'put-preflight-allowed',
    title: 'PUT with x-foo: the preflight allows both',
    call: PUT_X_FOO,
    api: (r, o) => (isPreflight(r) ? preflightFor(o) : ok([acao(o.page), ['Vary', 'Origin']])),
    chromium: 'allowed',
  },
  {
    id: 'put-cached-preflight',
    title: 'PUT with x-foo twice: the second reuses the cached preflight (Max-Age 600)',
    call: { ...PUT_X_FOO, repeat: 2 },
    api: (r, o) =>
      isPreflight(r)
        ? preflightFor(o, [['Access-Control-Max-Age', '600']])
        : ok([acao(o.page), ['Vary', 'Origin']]),
    chromium: 'allowed',
  },
  {
    id: 'json-post-allowed',
    title: 'POST application/json: the preflight allows content-type',
    call: { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"a":1}' },
    api: (r, o) => (isPreflight(r) ? preflightFor(o) : ok([acao(o.page), ['Vary', 'Origin']])),
    chromium: 'allowed',
  },
  {
    id: 'authorization-via-wildcard',
    title:
      'Authorization allowed only through Access-Control-Allow-Headers: * (allowed, with a warning)',
    call: { headers: { authorization: 'Bearer playground-token' } },
    api: (r) =>
      isPreflight(r)
        ? noContent([acao('*'), ['Access-Control-Allow-Headers', '*']])
        : ok([acao('*')]),
    chromium: 'allowed',
  },
  {
    id: 'not-found-with-cors',
    title: 'A 404 that carries CORS headers is readable',
    call: {},
    api: () => ({ status: 404, headers: [acao('*')], body: 'not found' }),
    chromium: 'allowed',
  },
  {
    id: 'redirect-same-origin-allowed',
    title: 'The API redirects to itself, CORS headers on both hops',
    call: {},
    api: (r, o) =>
      r.subpath === '/final'
        ? ok([acao(o.page), ['Vary', 'Origin']])
        : {
            status: 302,
            headers: [acao(o.page), ['Location', `${o.api}/s/redirect-same-origin-allowed/final`]],
          },
    chromium: 'allowed',
  },

  // Blocked: one scenario per CorsError two loopback origins can show.
  {
    id: 'missing-acao',
    title: 'Simple GET, no Access-Control-Allow-Origin',
    call: {},
    api: () => ok(),
    chromium: { corsError: 'MissingAllowOriginHeader', failedParameter: '' },
  },
  {
    id: 'error-500-without-cors',
    title: 'The app crashes: a 500 from the error handler, which skips the CORS middleware',
    call: {},
    api: () => ({
      status: 500,
      headers: [['Content-Type', 'text/plain']],
      body: 'Internal Server Error',
    }),
    chromium: { corsError: 'MissingAllowOriginHeader', failedParameter: '' },
  },
  {
    id: 'acao-mismatch',
    title: 'Access-Control-Allow-Origin names another site',
    call: {},
    api: () => ok([acao('http://evil.example')]),
    chromium: { corsError: 'AllowOriginMismatch', failedParameter: 'http://evil.example' },
  },
  {
    id: 'acao-trailing-slash',
    title: 'Access-Control-Allow-Origin with a trailing slash',
    call: {},
    api: (_r, o) => ok([acao(`${o.page}/`)]),
    chromium: { corsError: 'AllowOriginMismatch' },
  },
  {
    id: 'acao-duplicated-by-proxy',
    title: 'The proxy and the app both add Access-Control-Allow-Origin',
    call: {},
    api: (_r, o) => ok([acao(o.page), acao(o.page)]),
    chromium: { corsError: 'MultipleAllowOriginValues' },
  },
  {
    id: 'acao-list',
    title: 'Access-Control-Allow-Origin as a comma-separated allowlist',
    call: {},
    api: (_r, o) => ok([acao(`${o.page}, https://app.example.com`)]),
    chromium: { corsError: 'MultipleAllowOriginValues' },
  },
  {
    id: 'acao-no-scheme',
    title: 'Access-Control-Allow-Origin without a scheme',
    call: {},
    api: () => ok([acao('example.com')]),
    chromium: { corsError: 'InvalidAllowOriginValue', failedParameter: 'example.com' },
  },
  {
    id: 'wildcard-with-credentials',
    title: "credentials: 'include' against Access-Control-Allow-Origin: *",
    call: { credentials: 'include' },
    api: () => ok([acao('*')]),
    chromium: { corsError: 'WildcardOriginNotAllowed', failedParameter: '' },
  },
  {
    id: 'credentials-without-acac',
    title: "credentials: 'include', origin allowed, no Access-Control-Allow-Credentials",
    call: { credentials: 'include' },
    api: (_r, o) => ok([acao(o.page), ['Vary', 'Origin']]),
    chromium: { corsError: 'InvalidAllowCredentials', failedParameter: '' },
  },
  {
    id: 'acac-upper-case',
    title: 'Access-Control-Allow-Credentials: TRUE (must be exactly true)',
    call: { credentials: 'include' },
    api: (_r, o) =>
      ok([acao(o.page), ['Access-Control-Allow-Credentials', 'TRUE'], ['Vary', 'Origin']]),
    chromium: { corsError: 'InvalidAllowCredentials', failedParameter: 'TRUE' },
  },
  {
    id: 'auth-layer-401',
    title: 'An auth layer in front of the CORS middleware answers the preflight 401',
    call: { headers: { authorization: 'Bearer playground-token' } },
    api: (r, o) =>
      isPreflight(r)
        ? { status: 401, headers: [['WWW-Authenticate', 'Bearer']] }
        : ok([acao(o.page)]),
    chromium: { corsError: 'PreflightMissingAllowOriginHeader', failedParameter: '' },
  },
  {
    id: 'preflight-404-with-acao',
    title: 'PUT: no OPTIONS route, the preflight gets 404 (with CORS headers)',
    call: PUT_X_FOO,
    api: (_r, o) => ({ status: 404, headers: [acao(o.page)], body: 'no route' }),
    chromium: { corsError: 'PreflightInvalidStatus', failedParameter: '' },
  },
  {
    id: 'preflight-redirect',
    title: 'PUT: the preflight is redirected (trailing-slash rule)',
    call: PUT_X_FOO,
    api: (r, o) =>
      r.subpath === '/'
        ? isPreflight(r)
          ? preflightFor(o)
          : ok([acao(o.page)])
        : { status: 301, headers: [acao(o.page), ['Location', `${o.api}/s/preflight-redirect/`]] },
    chromium: { corsError: 'PreflightDisallowedRedirect', failedParameter: '' },
  },
  {
    id: 'preflight-wildcard-credentials',
    title: 'credentialed PUT: the preflight answers Access-Control-Allow-Origin: *',
    call: { ...PUT_X_FOO, credentials: 'include' },
    api: (r) =>
      isPreflight(r)
        ? noContent([
            acao('*'),
            ['Access-Control-Allow-Methods', 'PUT'],
            ['Access-Control-Allow-Headers', 'x-foo'],
          ])
        : ok([acao('*')]),
    chromium: { corsError: 'PreflightWildcardOriginNotAllowed', failedParameter: '' },
  },
  {
    id: 'preflight-acao-mismatch',
    title: 'PUT: the preflight allows only the production origin',
    call: PUT_X_FOO,
    api: () =>
      noContent([acao('https://app.example.com'), ['Access-Control-Allow-Methods', 'PUT']]),
    chromium: {
      corsError: 'PreflightAllowOriginMismatch',
      failedParameter: 'https://app.example.com',
    },
  },
  {
    id: 'preflight-acao-duplicated',
    title: 'PUT: the preflight carries two Access-Control-Allow-Origin lines',
    call: PUT_X_FOO,
    api: (_r, o) => noContent([acao(o.page), acao('*')]),
    chromium: { corsError: 'PreflightMultipleAllowOriginValues' },
  },
  {
    id: 'preflight-acao-invalid',
    title: 'PUT: the preflight Access-Control-Allow-Origin has no scheme',
    call: PUT_X_FOO,
    api: () => noContent([acao('localhost')]),
    chromium: { corsError: 'PreflightInvalidAllowOriginValue', failedParameter: 'localhost' },
  },
  {
    id: 'preflight-missing-acac',
    title: 'credentialed PUT: the preflight lacks Access-Control-Allow-Credentials',
    call: { ...PUT_X_FOO, credentials: 'include' },
    api: (_r, o) => preflightFor(o),
    chromium: { corsError: 'PreflightInvalidAllowCredentials', failedParameter: '' },
  },
  {
    id: 'acam-space-separated',
    title: 'PUT: Access-Control-Allow-Methods written with spaces',
    call: { method: 'PUT' },
    api: (_r, o) => noContent([acao(o.page), ['Access-Control-Allow-Methods', 'GET PUT']]),
    chromium: { corsError: 'InvalidAllowMethodsPreflightResponse', failedParameter: '' },
  },
  {
    id: 'acah-unparsable',
    title: 'Access-Control-Allow-Headers with a space inside a name',
    call: { headers: { 'x-foo': '1' } },
    api: (_r, o) => noContent([acao(o.page), ['Access-Control-Allow-Headers', 'x foo']]),
    chromium: { corsError: 'InvalidAllowHeadersPreflightResponse', failedParameter: '' },
  },
  {
    id: 'method-case',
    title: 'PATCH against Access-Control-Allow-Methods: get, post, patch (case-sensitive)',
    call: { method: 'PATCH', body: '{}' },
    api: (_r, o) => noContent([acao(o.page), ['Access-Control-Allow-Methods', 'get, post, patch']]),
    chromium: { corsError: 'MethodDisallowedByPreflightResponse', failedParameter: 'PATCH' },
  },
  {
    id: 'method-not-listed',
    title: 'DELETE not in Access-Control-Allow-Methods',
    call: { method: 'DELETE' },
    api: (_r, o) => noContent([acao(o.page), ['Access-Control-Allow-Methods', 'GET, POST']]),
    chromium: { corsError: 'MethodDisallowedByPreflightResponse', failedParameter: 'DELETE' },
  },
  {
    id: 'header-not-allowed',
    title: 'PUT with x-foo: the preflight forgets Access-Control-Allow-Headers',
    call: PUT_X_FOO,
    api: (_r, o) => noContent([acao(o.page), ['Access-Control-Allow-Methods', 'PUT']]),
    chromium: { corsError: 'HeaderDisallowedByPreflightResponse', failedParameter: 'x-foo' },
  },
  {
    id: 'json-content-type-not-allowed',
    title: 'POST application/json: content-type not in Access-Control-Allow-Headers',
    call: { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"a":1}' },
    api: (_r, o) => noContent([acao(o.page), ['Access-Control-Allow-Headers', 'x-requested-with']]),
    chromium: { corsError: 'HeaderDisallowedByPreflightResponse', failedParameter: 'content-type' },
  },
  {
    id: 'redirect-without-acao',
    title: 'The API moved: a 301 without CORS headers',
    call: {},
    api: (r, o) =>
      r.subpath === '/new'
        ? ok([acao(o.page)])
        : { status: 301, headers: [['Location', `${o.api}/s/redirect-without-acao/new`]] },
    chromium: { corsError: 'MissingAllowOriginHeader', failedParameter: '' },
  },
  {
    id: 'redirect-with-userinfo',
    title: 'A redirect to a URL with user:password',
    call: {},
    api: (r, o) =>
      r.subpath === '/target'
        ? ok([acao(o.page)])
        : {
            status: 302,
            headers: [
              acao(o.page),
              [
                'Location',
                `${o.api.replace('://', '://user:secret@')}/s/redirect-with-userinfo/target`,
              ],
            ],
          },
    chromium: { corsError: 'RedirectContainsCredentials', failedParameter: '' },
  },
  {
    id: 'redirect-tainted-origin',
    title:
      'API → third origin: the second request has Origin: null, the third origin echoes the page',
    call: {},
    api: (_r, o) => ({
      status: 302,
      headers: [acao(o.page), ['Location', `${o.third}/s/redirect-tainted-origin/final`]],
    }),
    chromium: { corsError: 'AllowOriginMismatch' },
  },

  {
    id: 'hostile-response-headers',
    title: 'A response whose headers carry HTML, script, 64 KB and Latin-1 bytes (and no ACAO)',
    call: {},
    api: () =>
      ok([
        ['X-Html', '<img src=x onerror="document.title=\'pwned\'">'],
        ['X-Script', '<script>document.title="pwned"</script>'],
        ['X-Large', 'A'.repeat(64 * 1024)],
        // Node writes header strings as Latin-1: the browser sees the single byte 0xE9.
        ['X-Latin1', 'caf\u00e9'],
      ]),
    chromium: { corsError: 'MissingAllowOriginHeader', failedParameter: '' },
  },

  // Who calls: XHR, a worker, iframes; credentials with a real cookie.
  {
    id: 'xhr-missing-acao',
    title: 'XMLHttpRequest, no Access-Control-Allow-Origin',
    call: { via: 'xhr' },
    api: () => ok(),
    chromium: { corsError: 'MissingAllowOriginHeader', failedParameter: '' },
  },
  {
    id: 'worker-fetch-allowed',
    title: 'A dedicated worker calls the API (allowed)',
    call: { via: 'worker' },
    api: (_r, o) => ok([acao(o.page), ['Vary', 'Origin']]),
    chromium: 'allowed',
  },
  {
    id: 'worker-fetch-blocked',
    title: 'A dedicated worker calls the API, no Access-Control-Allow-Origin',
    call: { via: 'worker' },
    api: () => ok(),
    chromium: { corsError: 'MissingAllowOriginHeader', failedParameter: '' },
  },
  {
    id: 'cross-origin-iframe',
    title: 'An iframe from another origin calls the API, which allows only the page',
    call: { via: 'cross-origin-iframe' },
    api: (_r, o) => ok([acao(o.page), ['Vary', 'Origin']]),
    chromium: { corsError: 'AllowOriginMismatch' },
  },
  {
    id: 'sandboxed-iframe-null-origin',
    title: "A sandboxed iframe (origin null) calls the API, which allows 'null'",
    call: { via: 'sandboxed-iframe' },
    api: () => ok([acao('null')]),
    chromium: 'allowed',
  },
  {
    id: 'cookie-credentials-allowed',
    title: 'Logged in: credentials include, origin echoed, Access-Control-Allow-Credentials: true',
    call: { credentials: 'include', withCookie: true },
    api: (_r, o) =>
      ok([acao(o.page), ['Access-Control-Allow-Credentials', 'true'], ['Vary', 'Origin']]),
    chromium: 'allowed',
  },
  {
    id: 'cookie-credentials-wildcard',
    title: 'Logged in: credentials include against Access-Control-Allow-Origin: *',
    call: { credentials: 'include', withCookie: true },
    api: () => ok([acao('*'), ['Access-Control-Allow-Credentials', 'true']]),
    chromium: { corsError: 'WildcardOriginNotAllowed', failedParameter: '' },
  },
  {
    id: 'error-path-after-preflight',
    title: 'PUT: the preflight passes, then the handler fails with a 502 that has no CORS headers',
    call: PUT_X_FOO,
    api: (r, o) =>
      isPreflight(r)
        ? preflightFor(o)
        : { status: 502, headers: [['Content-Type', 'text/html']], body: '<h1>Bad Gateway</h1>' },
    chromium: { corsError: 'MissingAllowOriginHeader', failedParameter: '' },
  },
  {
    id: 'three-origin-chain',
    title: 'API → third origin → API: tainted to Origin null, answered with *',
    call: {},
    api: (r, o) =>
      r.subpath === '/back'
        ? ok([acao('*')])
        : {
            status: 302,
            headers: [acao('*'), ['Location', `${o.third}/s/three-origin-chain/hop`]],
          },
    chromium: 'allowed',
  },
  {
    id: 'secrets-in-the-exchange',
    title:
      'Allowed, with secrets where real apps put them: is a default export clean? (path, query, JWT header, redirect code, cookies, token)',
    call: {
      headers: { 'X-Context': `user=eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.${S.jwtSignature}` },
      suffix: `;jsessionid=${S.pathParameter}?code=${S.code}&passwd=${S.passwd}&ticket=${S.ticket}&a=1;token=${S.semicolonToken}`,
    },
    api: (r, o) => {
      if (isPreflight(r)) {
        return noContent([acao(o.page), ['Access-Control-Allow-Headers', 'x-context']]);
      }
      if (r.subpath.startsWith('/final')) {
        return ok([
          acao(o.page),
          ['Set-Cookie', `${S.namelessCookie}; Path=/`],
          ['Set-Cookie', `sid=${S.secondCookie}; Path=/; HttpOnly`],
          ['X-Debug', `deployed by ${S.githubToken}`],
        ]);
      }
      return {
        status: 302,
        headers: [
          acao(o.page),
          ['Location', `/s/secrets-in-the-exchange/final?code=${S.oauthCode}&state=s`],
        ],
      };
    },
    chromium: 'allowed',
  },
];

/** What the third origin answers: the middle of redirect chains. */
export function thirdOriginReply(scenarioId: string, request: ApiRequest, origins: Origins): Reply {
  if (scenarioId === 'three-origin-chain') {
    return {
      status: 302,
      headers: [acao('*'), ['Location', `${origins.api}/s/three-origin-chain/back`]],
    };
  }
  // Echoes the page origin although the request says Origin: null: the classic mistake.
  return ok([acao(origins.page)], JSON.stringify({ origin: request.headers.origin ?? null }));
}

/**
 * Calls the browser refuses before any request leaves: no network event, no webRequest
 * event, only the page's TypeError (and a DevTools issue). Only the page probe sees them.
 */
export const PAGE_ONLY_SCENARIOS: readonly Scenario[] = [
  {
    id: 'mode-same-origin',
    title: "fetch() with mode 'same-origin' to the API on another origin",
    call: { mode: 'same-origin' },
    api: () => ok([acao('*')]),
    chromium: { corsError: 'DisallowedByMode' },
  },
  {
    id: 'no-cors-redirect-manual',
    title: "fetch() with mode 'no-cors' and redirect 'manual'",
    call: { mode: 'no-cors', redirect: 'manual' },
    api: () => ok(),
    chromium: { corsError: 'NoCorsRedirectModeNotFollow' },
  },
  {
    id: 'no-cors-redirect-error',
    title: "fetch() with mode 'no-cors' and redirect 'error'",
    call: { mode: 'no-cors', redirect: 'error' },
    api: () => ok(),
    chromium: { corsError: 'NoCorsRedirectModeNotFollow' },
  },
  {
    id: 'ftp-scheme',
    title: 'fetch() of an ftp: URL',
    call: { url: 'ftp://localhost/file.txt' },
    api: () => ok(),
    chromium: { corsError: 'CorsDisabledScheme' },
  },
  {
    id: 'csp-connect-src',
    title: "A frame whose CSP is connect-src 'self' calls the API",
    call: { fromCspFrame: true },
    api: () => ok([acao('*')]),
    chromium: { corsError: 'content-security-policy' },
  },
];

export function scenarioById(id: string): Scenario | undefined {
  return SCENARIOS.find((s) => s.id === id) ?? PAGE_ONLY_SCENARIOS.find((s) => s.id === id);
}
