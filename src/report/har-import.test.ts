import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { importHar } from './har-import';
import type { ImportedExchange } from './import-types';

const fixture = (name: string) =>
  readFileSync(resolve(import.meta.dirname, 'fixtures', name), 'utf8');

const summary = (x: ImportedExchange) => [
  `${x.observation.request.method} ${x.observation.request.url}`,
  x.verdict.status,
  x.verdict.failure?.corsError ??
    x.verdict.cause?.error ??
    x.verdict.unexplained?.error ??
    x.verdict.notApplicable ??
    '',
  x.verdict.failure?.failedParameter ?? '',
];

/**
 * Chrome 156's "Export HAR" of a playground run (page 127.0.0.1:7101, API localhost:7102,
 * third origin localhost:7103), sanitized as Chrome's default export is: no Cookie,
 * Set-Cookie or Authorization. Chrome writes the real status and headers of a CORS-blocked
 * response beside `_error`; one blocked request was recorded without them (status 0), as
 * when no extra info reached DevTools.
 */
describe('opening a HAR saved by Chrome DevTools', () => {
  const result = importHar(JSON.parse(fixture('chrome-devtools.har')));

  it('recognises Chrome, rebuilds every exchange and judges it again', () => {
    expect(result.ok).toBe(true);
    expect(result.source).toBe('chrome');
    expect(result.problems).toEqual([]);
    expect(result.exchanges.map(summary)).toEqual([
      ['GET http://127.0.0.1:7101/', 'not-applicable', 'navigation', ''],
      ['GET http://127.0.0.1:7101/playground.js', 'not-applicable', 'same-origin', ''],
      ['GET http://localhost:7103/logo.png', 'not-applicable', 'no-cors', ''],
      ['GET http://localhost:7102/s/simple-get-allowed', 'allowed', '', ''],
      ['GET http://localhost:7102/s/missing-acao', 'blocked', 'MissingAllowOriginHeader', ''],
      [
        'PUT http://localhost:7102/s/header-not-allowed',
        'blocked',
        'HeaderDisallowedByPreflightResponse',
        'x-foo',
      ],
      [
        'GET http://localhost:7102/s/cookie-credentials-wildcard',
        'blocked',
        'WildcardOriginNotAllowed',
        '',
      ],
      ['PUT http://localhost:7102/s/put-preflight-allowed', 'allowed', '', ''],
      [
        'GET http://localhost:7102/s/redirect-tainted-origin',
        'blocked',
        'AllowOriginMismatch',
        'http://127.0.0.1:7101',
      ],
      ['GET http://localhost:7102/s/error-500-without-cors', 'unexplained', 'net::ERR_FAILED', ''],
      ['GET http://localhost:7199/s/down', 'failed', 'net::ERR_CONNECTION_REFUSED', ''],
    ]);
  });

  const find = (path: string) => {
    const x = result.exchanges.find((e) => e.observation.request.url.endsWith(path));
    if (!x) throw new Error(`no exchange for ${path}`);
    return x;
  };

  it('pairs each preflight with its request by URL and Access-Control-Request-Method', () => {
    const put = find('/s/header-not-allowed');
    expect(put.entryIndexes).toEqual([5, 6]);
    expect(put.observation.preflight?.response?.status).toBe(204);
    expect(put.verdict.preflight.seen).toBe('sent');
    expect(find('/s/put-preflight-allowed').entryIndexes).toEqual([8, 9]);
  });

  it('chains a redirect to its next hop and sees the Origin turn null', () => {
    const chain = find('/s/redirect-tainted-origin');
    expect(chain.entryIndexes).toEqual([10, 11]);
    expect(chain.observation.redirects?.[0]?.location).toBe(
      'http://localhost:7103/s/redirect-tainted-origin/final',
    );
    expect(chain.verdict.requestOrigin).toBe('null');
  });

  it('says what Chrome’s file could not tell', () => {
    expect(find('/s/missing-acao').unknowns).toEqual([
      expect.stringMatching(/^Credentials mode not recorded and no Cookie header in the file/),
    ]);
    // Sanitized: no Cookie, but only a credentialed request explains the failure.
    expect(find('/s/cookie-credentials-wildcard').unknowns).toEqual([
      'Credentials mode not recorded: inferred as included (only a request with credentials explains the failure).',
    ]);
    expect(find('/s/header-not-allowed').unknowns).toContain(
      'The request never reached the network: its headers are the browser’s provisional ones.',
    );
    expect(find('/s/error-500-without-cors').unknowns).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/only provisional headers were recorded/),
        expect.stringMatching(/^No response is recorded for this failed request/),
      ]),
    );
    expect(find('/playground.js').unknowns).toEqual([
      'Initiator origin not recorded (no Origin header): taken from the Referer header.',
    ]);
  });
});

/**
 * Chrome's own export of a whole playground run (recorded by e2e/record/record-chrome-har.ts:
 * the HAR DevTools' Network panel builds, beside Chromium's verdict for each request from
 * CDP). Opened with no help from the extension, the engine must name what Chromium named.
 */
describe('opening Chrome’s own HAR of a playground run', () => {
  interface ChromiumVerdict {
    readonly url: string;
    readonly outcome: string;
    readonly corsError?: string;
    readonly failedParameter?: string;
  }
  const recorded = JSON.parse(fixture('chrome-156-playground.verdicts.json')) as {
    verdicts: Record<string, ChromiumVerdict[]>;
  };
  const result = importHar(fixture('chrome-156-playground.har'));
  const scenarios = Object.entries(recorded.verdicts);

  it('is a Chrome file the importer reads without a problem', () => {
    expect(result.source).toBe('chrome');
    expect(result.problems).toEqual([]);
    expect(scenarios.length).toBeGreaterThanOrEqual(40);
  });

  it.each(scenarios)('%s: the verdict Chromium gave', (_scenario, verdicts) => {
    const urls = new Set(verdicts.map((v) => v.url));
    const judged = result.exchanges.filter((x) => urls.has(x.observation.request.url));
    expect(
      judged.map((x) => [
        x.verdict.status,
        x.verdict.failure?.corsError,
        x.verdict.failure?.failedParameter,
      ]),
    ).toEqual(
      verdicts.map((v) =>
        v.outcome === 'failed'
          ? ['blocked', v.corsError, v.failedParameter]
          : ['allowed', undefined, undefined],
      ),
    );
  });
});

describe('opening a HAR saved by Firefox', () => {
  const result = importHar(fixture('firefox-devtools.har'));

  it('judges with Firefox’s rules and predicts the outcome Firefox does not record', () => {
    expect(result.source).toBe('firefox');
    expect(result.problems).toEqual([]);
    expect(result.exchanges.map(summary)).toEqual([
      ['GET http://localhost:7102/s/simple-get-allowed', 'allowed', '', ''],
      ['GET http://localhost:7102/s/missing-acao', 'blocked', 'MissingAllowOriginHeader', ''],
      [
        'PUT http://localhost:7102/s/header-not-allowed',
        'blocked',
        'HeaderDisallowedByPreflightResponse',
        'x-foo',
      ],
      [
        'GET http://localhost:7102/s/credentials-without-acac',
        'blocked',
        'InvalidAllowCredentials',
        '',
      ],
    ]);
    expect(result.exchanges.every((x) => x.observation.browser === 'firefox')).toBe(true);
    expect(result.exchanges[1]?.verdict.failure?.firefoxReason).toBe('CORSMissingAllowOrigin');
    expect(result.exchanges[1]?.unknowns).toContain(
      'The file does not record whether the browser blocked the request: the verdict is the engine’s prediction from the recorded headers.',
    );
    expect(result.exchanges[3]?.unknowns).toContain(
      'Credentials mode not recorded: inferred from the Cookie header (credentials included).',
    );
  });

  it('ignores the Priority header Firefox’s network layer adds', () => {
    expect(result.exchanges[0]?.verdict.preflight).toMatchObject({ needed: false, seen: 'none' });
  });
});

describe('opening anything else', () => {
  it.each<[string, unknown, string]>([
    ['not JSON', '{"log": ', 'Not a HAR file: the text is not JSON'],
    ['no log', { foo: 1 }, 'Not a HAR file: there is no `log` object.'],
    [
      'entries not a list',
      { log: { entries: {} } },
      'Not a HAR file: `log.entries` is not a list.',
    ],
    ['null', null, 'Not a HAR file: there is no `log` object.'],
  ])('%s: not ok, and says why', (_name, input, problem) => {
    const result = importHar(input);
    expect(result.ok).toBe(false);
    expect(result.exchanges).toEqual([]);
    expect(result.problems[0]).toContain(problem);
  });

  /** A cross-origin GET the server answered without CORS headers: blocked, with its Origin. */
  const entry = (
    request: Record<string, unknown> = {},
    response: Record<string, unknown> = {},
  ) => ({
    request: {
      method: 'GET',
      url: 'http://api.test/x',
      headers: [{ name: 'Origin', value: 'http://a.test' }],
      ...request,
    },
    response: { status: 200, headers: [], ...response },
  });

  it('skips broken entries, and keeps the rest', () => {
    const result = importHar({
      log: {
        entries: [
          42,
          { request: { url: 'http://a.test/' } },
          entry({ headers: [{ name: 'Origin', value: 'http://a.test' }, { name: 7 }, 'junk'] }),
          entry({}, { headers: [{ name: 'Access-Control-Allow-Origin', value: '*' }] }),
        ],
      },
    });
    expect(result.ok).toBe(true);
    expect(result.source).toBe('unknown');
    expect(result.entryCount).toBe(4);
    expect(result.problems).toEqual([
      'entry 0 is not an object: skipped',
      'entry 1 has no request method or URL: skipped',
      'entry 2 has malformed request headers (2 of 3 without a string name and a string value): skipped, no verdict',
    ]);
    expect(result.exchanges.map(summary)).toEqual([['GET http://api.test/x', 'allowed', '', '']]);
  });

  it('a well-formed entry of the kind the cases below break is judged blocked', () => {
    expect(importHar({ log: { entries: [entry()] } }).exchanges.map(summary)).toEqual([
      ['GET http://api.test/x', 'blocked', 'MissingAllowOriginHeader', ''],
    ]);
  });

  // Judged with what is left, each of these read as a request without Origin or a response
  // without CORS headers: a verdict the file does not support. No verdict is the honest one.
  it.each<[string, ReturnType<typeof entry>, string]>([
    [
      'request headers as an object keyed by name',
      entry({ headers: { Origin: 'http://a.test' } }),
      'malformed request headers (an object, not a HAR list of name/value pairs)',
    ],
    [
      'request headers as a string',
      entry({ headers: 'Origin: http://a.test' }),
      'malformed request headers (string, not a HAR list of name/value pairs)',
    ],
    [
      'request headers null',
      entry({ headers: null }),
      'malformed request headers (null, not a HAR list of name/value pairs)',
    ],
    [
      'a header value that is a number',
      entry({
        headers: [
          { name: 'Origin', value: 'http://a.test' },
          { name: 'X-N', value: 1 },
        ],
      }),
      'malformed request headers (1 of 2 without a string name and a string value)',
    ],
    [
      'a header without a name',
      entry({ headers: [{ value: 'http://a.test' }] }),
      'malformed request headers (1 of 1 without a string name and a string value)',
    ],
    [
      'a header with an empty name',
      entry({ headers: [{ name: '', value: 'x' }] }),
      'malformed request headers (1 of 1 without a string name and a string value)',
    ],
    [
      'response headers as an object',
      entry({}, { headers: { 'Access-Control-Allow-Origin': '*' } }),
      'malformed response headers (an object, not a HAR list of name/value pairs)',
    ],
    ['a status in quotes', entry({}, { status: '200' }), 'a response status that is not a number'],
  ])('%s: the entry is skipped with a note, and gets no verdict', (_name, bad, problem) => {
    const result = importHar({ log: { entries: [bad] } });
    expect(result.ok).toBe(true);
    expect(result.entryCount).toBe(1);
    expect(result.exchanges).toEqual([]);
    expect(result.problems).toEqual([`entry 0 has ${problem}: skipped, no verdict`]);
  });

  it('a response that is not an object: skipped, no verdict', () => {
    const result = importHar({ log: { entries: [{ ...entry(), response: 'gone' }] } });
    expect(result.exchanges).toEqual([]);
    expect(result.problems).toEqual([
      'entry 0 has a response that is not an object: skipped, no verdict',
    ]);
  });

  it('reads a file that starts with a UTF-8 byte order mark', () => {
    const text = fixture('chrome-devtools.har');
    const withBom = importHar(`\uFEFF${text}`);
    expect(withBom.ok).toBe(true);
    expect(withBom.problems).toEqual([]);
    expect(withBom.exchanges.map(summary)).toEqual(importHar(text).exchanges.map(summary));
  });

  it('counts the entries the file lists, none for a log without any', () => {
    expect(importHar({ log: { entries: [] } })).toMatchObject({
      ok: true,
      entryCount: 0,
      exchanges: [],
    });
    expect(importHar('{"log": ').entryCount).toBe(0);
  });

  it('skips an exchange the engine cannot judge, and says so', () => {
    // An error string named like an Object.prototype member trips src/cors/net-errors.ts's
    // table lookup; whatever the engine does, the rest of the file still opens.
    const entry = (url: string, error: string) => ({
      request: { method: 'GET', url, headers: [{ name: 'Origin', value: 'http://a.test' }] },
      response: { status: 0, _error: error },
    });
    const result = importHar({
      log: {
        entries: [
          entry('http://api.test/1', 'toString'),
          entry('http://api.test/2', 'net::ERR_FAILED'),
        ],
      },
    });
    expect(result.exchanges.map((x) => x.observation.request.url)).toContain('http://api.test/2');
    expect(result.problems.filter((p) => !p.startsWith('entry 0 could not be judged'))).toEqual([]);
  });

  it('says when nothing tells who made a request', () => {
    const result = importHar({
      log: { entries: [{ request: { method: 'GET', url: 'http://api.test/x' }, response: {} }] },
    });
    expect(result.exchanges[0]?.observation.initiatorOrigin).toBe('null');
    expect(result.problems).toEqual([
      'entry 0: no Origin, Referer or page URL tells who made the request',
    ]);
  });

  it('never throws, whatever the JSON', () => {
    const header = fc.record({ name: fc.string(), value: fc.oneof(fc.string(), fc.integer()) });
    const entry = fc.record(
      {
        startedDateTime: fc.oneof(
          fc.string(),
          fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
        ),
        request: fc.record(
          {
            method: fc.constantFrom('GET', 'PUT', 'OPTIONS', 'post', ''),
            url: fc.oneof(fc.webUrl(), fc.string()),
            headers: fc.array(fc.oneof(header, fc.anything())),
          },
          { requiredKeys: [] },
        ),
        response: fc.record(
          {
            status: fc.oneof(fc.integer({ min: -1, max: 600 }), fc.anything()),
            headers: fc.array(header),
            redirectURL: fc.oneof(fc.webUrl(), fc.string()),
            _error: fc.oneof(fc.constant('net::ERR_FAILED'), fc.string()),
          },
          { requiredKeys: [] },
        ),
        _cors: fc.anything(),
        _resourceType: fc.constantFrom('fetch', 'preflight', 'document', 'xhr'),
      },
      { requiredKeys: [] },
    );
    const har = fc.record({
      log: fc.record(
        {
          creator: fc.record({ name: fc.constantFrom('WebInspector', 'Firefox', 'x') }),
          entries: fc.array(fc.oneof(entry, fc.anything()), { maxLength: 12 }),
          pages: fc.anything(),
          _cors: fc.anything(),
        },
        { requiredKeys: ['entries'] },
      ),
    });
    fc.assert(
      fc.property(fc.oneof(har, fc.anything(), fc.json()), (input) => {
        const result = importHar(input);
        expect(Array.isArray(result.exchanges)).toBe(true);
        expect(result.problems.every((p) => typeof p === 'string')).toBe(true);
        // The last-resort catch must not be what kept it from throwing.
        expect(result.problems.filter((p) => p.startsWith('The file could not be read'))).toEqual(
          [],
        );
      }),
      { numRuns: 300 },
    );
  });
});
