import { describe, expect, it } from 'vitest';
import { judge } from '../judge';
import { API, PAGE, allowOrigin, exchange, type ExchangeSpec } from '../testing/exchange-builder';
import { serverSnippets, snippetInputFor, type ServerSnippet, type SnippetId } from './index';

function snippetsFor(spec: ExchangeSpec): ServerSnippet[] {
  const observation = exchange(spec);
  const input = snippetInputFor(observation, judge(observation));
  if (!input) throw new Error('expected a fixable failure');
  return serverSnippets(input);
}

/** How each stack spells "credentials allowed". */
const CREDENTIALS_TOKEN: Record<SnippetId, string> = {
  express: 'credentials: true',
  fastify: 'credentials: true',
  koa: 'credentials: true',
  flask: 'supports_credentials=True',
  django: 'CORS_ALLOW_CREDENTIALS = True',
  spring: '.allowCredentials(true)',
  aspnet: '.AllowCredentials()',
  'go-rs-cors': 'AllowCredentials: true',
  rails: 'credentials: true',
  nginx: "Access-Control-Allow-Credentials 'true'",
  apache: 'Access-Control-Allow-Credentials "true"',
};

const escapeRe = (s: string) => s.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
/** The word as a whole token, case-sensitive: `PUT` must not be satisfied by `put` or `PUTS`. */
const word = (w: string) => new RegExp(`(^|[^A-Za-z0-9-])${escapeRe(w)}([^A-Za-z0-9-]|$)`, 'm');
const quoted = (s: string) => new RegExp(`['"]${escapeRe(s)}['"]`);

interface Case {
  readonly name: string;
  readonly spec: ExchangeSpec;
  readonly origin: string;
  readonly credentials: boolean;
  readonly methods: readonly string[];
  readonly headers: readonly string[];
  /** A fragment every snippet's notes must contain, or null when there must be no notes. */
  readonly note: RegExp | null;
  /** Extra fragments some stacks must add to that note. */
  readonly stackNotes?: Partial<Record<SnippetId, RegExp>>;
}

const PUT_NOT_SENT = { method: 'PUT', requestSent: false, outcome: 'cors' } as const;

const CASES: readonly Case[] = [
  {
    name: 'simple GET without Access-Control-Allow-Origin',
    spec: { outcome: 'cors' },
    origin: PAGE,
    credentials: false,
    methods: [],
    headers: [],
    note: null,
  },
  {
    name: 'PUT with x-api-key, preflight lacks Access-Control-Allow-Headers',
    spec: {
      ...PUT_NOT_SENT,
      preflight: {
        acrh: 'x-api-key',
        responseHeaders: [allowOrigin(), ['Access-Control-Allow-Methods', 'PUT']],
      },
    },
    origin: PAGE,
    credentials: false,
    methods: ['PUT'],
    headers: ['x-api-key'],
    note: null,
  },
  {
    name: 'credentials with a wildcard origin',
    spec: { credentials: 'include', responseHeaders: [allowOrigin('*')], outcome: 'cors' },
    origin: PAGE,
    credentials: true,
    methods: [],
    headers: [],
    note: null,
  },
  {
    name: 'cookie-carrying JSON POST, preflight lacks content-type',
    spec: {
      method: 'POST',
      requestSent: false,
      outcome: 'cors',
      credentials: 'include',
      preflight: {
        acrh: 'content-type',
        responseHeaders: [allowOrigin(), ['Access-Control-Allow-Credentials', 'true']],
      },
    },
    origin: PAGE,
    credentials: true,
    methods: [],
    headers: ['content-type'],
    note: null,
  },
  {
    name: 'PATCH against Access-Control-Allow-Methods `patch`',
    spec: {
      method: 'PATCH',
      requestSent: false,
      outcome: 'cors',
      preflight: {
        responseHeaders: [allowOrigin(), ['Access-Control-Allow-Methods', 'get, post, patch']],
      },
    },
    origin: PAGE,
    credentials: false,
    methods: ['PATCH'],
    headers: [],
    note: null,
  },
  {
    name: 'a lower-case `patch` from the page',
    spec: {
      method: 'patch',
      requestSent: false,
      outcome: 'cors',
      preflight: { responseHeaders: [allowOrigin(), ['Access-Control-Allow-Methods', 'PATCH']] },
    },
    origin: PAGE,
    credentials: false,
    methods: ['patch'],
    headers: [],
    note: /case-sensitive and the page sends `patch`/,
    stackNotes: { flask: /cannot allow a lower-case method/, rails: /cannot allow/ },
  },
  {
    name: 'a 500 from the app without CORS headers',
    spec: { status: 500, outcome: 'cors' },
    origin: PAGE,
    credentials: false,
    methods: [],
    headers: [],
    note: /answered 500 without CORS headers.*fix the 500 first/,
    stackNotes: { nginx: /always/, apache: /always/, koa: /keepHeadersOnError/ },
  },
  {
    name: 'Access-Control-Allow-Origin added by both the proxy and the app',
    spec: { responseHeaders: [allowOrigin(), allowOrigin()], outcome: 'cors' },
    origin: PAGE,
    credentials: false,
    methods: [],
    headers: [],
    note: /sent twice/,
    stackNotes: { nginx: /proxy_hide_header/, apache: /Header unset/ },
  },
  {
    name: 'preflight 401 from an auth layer before CORS',
    spec: { ...PUT_NOT_SENT, preflight: { acrh: 'x-api-key', status: 401 } },
    origin: PAGE,
    credentials: false,
    methods: ['PUT'],
    headers: ['x-api-key'],
    note: /OPTIONS \/api\/data\) got an error status.*before authentication/,
    stackNotes: {
      express: /above the auth middleware/,
      spring: /http\.cors/,
      aspnet: /UseAuthentication/,
      flask: /before_request/,
    },
  },
  {
    name: 'preflight redirected to a trailing slash',
    spec: {
      ...PUT_NOT_SENT,
      preflight: {
        status: 301,
        responseHeaders: [allowOrigin(), ['Location', `${API}/api/data/`]],
      },
    },
    origin: PAGE,
    credentials: false,
    methods: ['PUT'],
    headers: [],
    note: /never follow a redirect on a preflight/,
    stackNotes: { django: /APPEND_SLASH/ },
  },
  {
    name: 'an opaque (`null`) origin',
    spec: { origin: 'null', outcome: 'cors' },
    origin: 'null',
    credentials: false,
    methods: [],
    headers: [],
    note: /origin is `null`/,
  },
];

describe('serverSnippets: built from the exchange', () => {
  describe.each(CASES)('$name', (c) => {
    const snippets = snippetsFor(c.spec);

    it('covers every stack, in a fixed order', () => {
      expect(snippets.map((s) => s.id)).toEqual([
        'express',
        'fastify',
        'koa',
        'flask',
        'django',
        'spring',
        'aspnet',
        'go-rs-cors',
        'rails',
        'nginx',
        'apache',
      ]);
      for (const s of snippets) expect(s.pitfall.length).toBeGreaterThan(40);
    });

    it.each(snippets.map((s) => [s.id, s] as const))(
      '%s: origin, credentials, methods, headers',
      (id, s) => {
        expect(s.code).toMatch(quoted(c.origin));
        if (c.credentials) expect(s.code).toContain(CREDENTIALS_TOKEN[id]);
        else expect(s.code).not.toContain(CREDENTIALS_TOKEN[id]);
        for (const method of c.methods) {
          // rack-cors compares methods lower-cased and takes them as lower-case symbols.
          expect(s.code).toMatch(word(id === 'rails' ? method.toLowerCase() : method));
        }
        for (const header of c.headers) expect(s.code).toMatch(word(header));
        expect(s.code.split('\n').length).toBeLessThanOrEqual(20);
      },
    );

    it.each(snippets.map((s) => [s.id, s] as const))('%s: notes', (id, s) => {
      if (c.note === null) {
        expect(s.notes).toBeUndefined();
        return;
      }
      const notes = (s.notes ?? []).join('\n');
      expect(notes).toMatch(c.note);
      const extra = c.stackNotes?.[id];
      if (extra) expect(notes).toMatch(extra);
    });
  });
});

describe('serverSnippets: safety', () => {
  const credentialed = CASES.filter((c) => c.credentials);

  it.each(credentialed)('never offers a wildcard origin with credentials ($name)', (c) => {
    for (const s of snippetsFor(c.spec)) {
      expect(s.code).not.toMatch(/['"]\*['"]/);
      expect(s.code).not.toMatch(/AllowAnyOrigin|allowedOriginPatterns|origin: true/);
      expect(s.code).not.toMatch(/Allow-Origin \S*\*/);
    }
  });

  it('warns in the code itself when the origin is `null`', () => {
    for (const s of snippetsFor({ origin: 'null', outcome: 'cors' })) {
      expect(s.code).toMatch(/WARNING: this allows the origin `null`/);
    }
    for (const s of snippetsFor({ outcome: 'cors' })) expect(s.code).not.toMatch(/WARNING/);
  });

  it('rack-cors matches `null` with a block (a plain string would require a scheme)', () => {
    const rails = snippetsFor({ origin: 'null', outcome: 'cors' }).find((s) => s.id === 'rails');
    expect(rails?.code).toContain("origins { |source, _env| source == 'null' }");
  });

  it('configures the preflight only when one is needed', () => {
    const simple = snippetsFor({ outcome: 'cors' });
    for (const s of simple) expect(s.code).not.toMatch(/max_?age|MaxAge|Max-Age|maxAge/i);
    const nginx = simple.find((s) => s.id === 'nginx');
    expect(nginx?.code).not.toContain('OPTIONS');
  });

  it('is deterministic', () => {
    const spec = CASES[8]?.spec ?? {};
    expect(snippetsFor(spec)).toEqual(snippetsFor(spec));
  });

  it('keeps a quote in a header name from breaking any string literal', () => {
    const observation = exchange({
      ...PUT_NOT_SENT,
      preflight: { acrh: "x-it's", responseHeaders: [allowOrigin()] },
    });
    const input = snippetInputFor(observation, judge(observation));
    const byId = new Map(serverSnippets(input ?? never()).map((s) => [s.id, s.code]));
    expect(byId.get('express')).toContain("allowedHeaders: ['x-it\\'s']");
    expect(byId.get('flask')).toContain('allow_headers=["x-it\'s"]');
    expect(byId.get('rails')).toContain("headers: ['x-it\\'s']");
    expect(byId.get('nginx')).toContain("'x-it\\'s'");
  });
});

function never(): never {
  throw new Error('unreachable');
}

describe('serverSnippets: size', () => {
  it('stays within 20 lines even when every option is needed', () => {
    const snippets = serverSnippets({
      origin: 'null',
      credentials: true,
      methods: ['PUT', 'DELETE', 'patch'],
      requestHeaders: ['authorization', 'content-type', 'x-api-key'],
      exposeHeaders: ['x-total-count'],
      maxAgeSeconds: 600,
      preflightProblem: 'status',
      errorStatus: 500,
      duplicateAcao: true,
      path: '/v1.0/items',
    });
    for (const s of snippets) {
      expect(s.code.split('\n').length, s.id).toBeLessThanOrEqual(20);
      expect(s.code.split('\n').length, s.id).toBeGreaterThanOrEqual(5);
    }
  });
});
