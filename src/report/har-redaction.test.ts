import { describe, expect, it } from 'vitest';
import { exportHar } from './har-export';
import type { HarCorsRequest } from './har-types';
import { markdownForExchange, markdownReport } from './markdown';
import { Redactor } from './redactor';
import { CANARIES, canaryExchanges } from './testing/exchanges';

const canaries = Object.entries(CANARIES);

/** The canaries found in a text, by name; a JWT also counts when only its payload is left. */
function leaked(text: string): string[] {
  return canaries
    .filter(([, value]) => text.includes(value) || text.includes(value.split('.')[1] ?? value))
    .map(([name]) => name);
}

describe('redaction of the report', () => {
  const exchanges = canaryExchanges();

  it('a default export holds no secret: cookies, credentials, keys, tokens, passwords', () => {
    const text = JSON.stringify(exportHar(exchanges, { page: 'http://127.0.0.1:7101/' }));
    expect(leaked(text)).toEqual([]);
  });

  it('an export with redaction turned off keeps every one of them', () => {
    const text = JSON.stringify(exportHar(exchanges, { redact: false }));
    expect(leaked(text)).toEqual(canaries.map(([name]) => name));
  });

  it('says what it redacted, and keeps names, presence and length', () => {
    const har = exportHar(exchanges);
    expect(har.log._cors.redacted).toEqual({
      enabled: true,
      // Access-Control-Allow-Origin and Location held URLs with tokens.
      headers: [
        'access-control-allow-origin',
        'authorization',
        'cookie',
        'location',
        'proxy-authorization',
        'set-cookie',
        'x-api-key',
        'x-trace',
      ],
      queryParameters: ['access_token', 'api_key'],
    });
    const [put] = har.log.entries;
    const header = (name: string) => put?.request.headers.find((h) => h.name === name)?.value;
    expect(header('Authorization')).toBe(`Bearer <redacted:${CANARIES.bearer.length} chars>`);
    expect(header('Proxy-Authorization')).toBe(`Basic <redacted:${CANARIES.proxy.length} chars>`);
    expect(header('X-Api-Key')).toBe(`<redacted:${CANARIES.apiKeyHeader.length} chars>`);
    expect(header('X-Trace')).toBe(`<redacted:${CANARIES.jwt.length} chars>`);
    expect(header('Cookie')).toBe(
      `sid=<redacted:${CANARIES.cookie.length} chars>; theme=<redacted:4 chars>`,
    );
    expect(put?.request.cookies).toEqual([
      { name: 'sid', value: `<redacted:${CANARIES.cookie.length} chars>` },
      { name: 'theme', value: '<redacted:4 chars>' },
    ]);
    expect(put?.request.queryString).toEqual([
      { name: 'access_token', value: `REDACTED-${CANARIES.accessToken.length}-CHARS` },
      { name: 'api_key', value: `REDACTED-${CANARIES.apiKeyQuery.length}-CHARS` },
      { name: 'page', value: '2' },
    ]);
    expect(put?.response.headers.find((h) => h.name === 'Set-Cookie')?.value).toBe(
      `sid=<redacted:${CANARIES.setCookie.length} chars>; Path=/; HttpOnly; SameSite=None; Secure`,
    );
    expect(put?.response.cookies).toEqual([
      {
        name: 'sid',
        value: `<redacted:${CANARIES.setCookie.length} chars>`,
        path: '/',
        httpOnly: true,
        secure: true,
      },
    ]);
  });

  it('scrubs the engine’s texts that quote a secret, not the values that are no secret', () => {
    const har = exportHar(exchanges);
    const cors = har.log.entries.flatMap((e) => ('verdict' in e._cors ? [e._cors] : []));
    const mismatch = cors.find((c) => c.failure?.corsError === 'AllowOriginMismatch');
    expect(mismatch?.failure?.failedParameter).toBe(
      `http://evil.example/?access_token=REDACTED-${CANARIES.acaoToken.length}-CHARS`,
    );
    const credentials = cors.find(
      (c: HarCorsRequest) => c.failure?.corsError === 'RedirectContainsCredentials',
    );
    // The user name goes too: a token often rides there (`https://ghp_…@host/`).
    expect(credentials?.failure?.summary).toContain('//REDACTED-5-CHARS:REDACTED-');
    // An origin is no secret: the fix still names it exactly.
    expect(JSON.stringify(cors)).toContain('"value":"http://127.0.0.1:7101"');
  });

  it('the Markdown of each exchange and of the whole report is redacted the same way', () => {
    for (const x of exchanges) {
      expect(leaked(markdownForExchange(x, { stack: 'express' }))).toEqual([]);
    }
    expect(leaked(markdownReport(exchanges, { stack: 'nginx' }))).toEqual([]);
    expect(leaked(markdownReport(exchanges, { redact: false })).length).toBeGreaterThan(0);
  });
});

describe('Redactor', () => {
  it('keeps data that only looks like prose, and catches shapes it was never shown', () => {
    const r = new Redactor(true);
    expect(r.text('http://127.0.0.1:7101')).toBe('http://127.0.0.1:7101');
    expect(r.text('TRUE')).toBe('TRUE');
    expect(r.text('sent Bearer abcdefghijklmnop to http://x.test/?token=abc')).toBe(
      'sent Bearer <redacted:16 chars> to http://x.test/?token=REDACTED-3-CHARS',
    );
    expect(r.text('a bearer token')).toBe('a bearer token');
  });

  it('scrubs a secret it has seen wherever it appears later, but not short values', () => {
    const r = new Redactor(true);
    r.header('X-Api-Key', 'k3y-0f-th3-s3rv1c3');
    r.header('Cookie', 'a=1');
    expect(r.text('the key k3y-0f-th3-s3rv1c3 again; a=1')).toBe(
      'the key <redacted:18 chars> again; a=1',
    );
  });

  it('redacts token-bearing URLs inside any header value', () => {
    const r = new Redactor(true);
    expect(r.header('Link', '<https://a.test/next?access_token=abcdef>; rel="next"')).toBe(
      '<https://a.test/next?access_token=REDACTED-6-CHARS>; rel="next"',
    );
    expect(r.header('Referer', 'http://a.test/p?session=xyz123')).toBe(
      'http://a.test/p?session=REDACTED-6-CHARS',
    );
    expect(r.report().queryParameters).toEqual(['access_token', 'session']);
  });

  it('does nothing when turned off', () => {
    const r = new Redactor(false);
    expect(r.header('Authorization', 'Bearer abc')).toBe('Bearer abc');
    expect(r.url('http://a.test/?token=abc')).toBe('http://a.test/?token=abc');
    expect(r.text('Bearer abcdefghijklmnop')).toBe('Bearer abcdefghijklmnop');
    expect(r.report()).toEqual({ enabled: false, headers: [], queryParameters: [] });
  });
});

describe('Redactor: secrets scrubbed as whole tokens', () => {
  it('a password `secret` leaves the word in a longer name alone', () => {
    const r = new Redactor(true);
    r.url('http://user:secret@a.test/');
    expect(r.url('http://a.test/s/secrets-in-the-exchange')).toBe(
      'http://a.test/s/secrets-in-the-exchange',
    );
    expect(r.text('the password secret was sent')).toBe('the password REDACTED-6-CHARS was sent');
  });
});
