import { describe, expect, it } from 'vitest';
import { isSecretHeader, isSecretName, looksRandom, redactHeader, redactUrl } from '.';

const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl';
const GHP = 'ghp_16C7e42F292c6912E7710c838347Ae178B4a';
const header = (name: string, value: string) => redactHeader(name, value).text;
const url = (value: string) => redactUrl(value).text;

describe('which names hold a secret', () => {
  it.each([
    'Cookie',
    'set-cookie',
    'Authorization',
    'Proxy-Authorization',
    'X-API-Key',
    'X-Auth-Token',
    'X-Session-Id',
    'X-Amz-Signature',
    'X-CSRF-Token',
  ])('header %s is secret', (name) => expect(isSecretHeader(name)).toBe(true));

  it.each([
    'Content-Type',
    'Origin',
    'WWW-Authenticate',
    'Access-Control-Allow-Headers',
    // Its name has "credentials" in it, its value is the CORS evidence.
    'Access-Control-Allow-Credentials',
    'Sec-WebSocket-Key',
    'X-Request-Id',
    'Keep-Alive',
  ])('header %s is not', (name) => expect(isSecretHeader(name)).toBe(false));

  it.each([
    'access_token',
    'api_key',
    'apiKey',
    'code',
    'passwd',
    'pwd',
    'pass',
    'password',
    'ticket',
    'phpsessid',
    'PHPSESSID',
    'jsessionid',
    'ASP.NET_SessionId',
    'sid',
    'otp',
    'client_secret',
    'X-Amz-Credential',
    'oauth_verifier',
    'sig',
  ])('parameter %s is secret', (name) => expect(isSecretName(name)).toBe(true));

  it.each(['page', 'country_code', 'author', 'keyword', 'q', 'state', 'id', 'design'])(
    'parameter %s is not',
    (name) => expect(isSecretName(name)).toBe(false),
  );
});

describe('header values', () => {
  it('replaces each cookie of a Cookie line, named or not, keeping the names', () => {
    expect(header('Cookie', 'a=1; b=; LONELYVALUE')).toBe(
      'a=<redacted:1 chars>; b=; <redacted:11 chars>',
    );
  });

  it('replaces every cookie of a newline-joined Set-Cookie, and a nameless one', () => {
    expect(header('Set-Cookie', 'sid=xyz; Path=/; Secure\nremember=k9k9k9; HttpOnly')).toBe(
      'sid=<redacted:3 chars>; Path=/; Secure\nremember=<redacted:6 chars>; HttpOnly',
    );
    expect(header('Set-Cookie', 'NAMELESS-SECRET; Path=/')).toBe('<redacted:15 chars>; Path=/');
  });

  it('keeps the authorization scheme, and counts characters, not bytes', () => {
    expect(header('authorization', 'Basic dXNlcjpwYXNz')).toBe('Basic <redacted:12 chars>');
    expect(header('Authorization', 'opaque')).toBe('<redacted:6 chars>');
    expect(header('X-Api-Key', 'ключ')).toBe('<redacted:4 chars>');
  });

  it('finds a token anywhere inside an innocently named value', () => {
    expect(header('X-Context', `user=${JWT}; region=eu`)).toBe(
      `user=<redacted:${JWT.length} chars>; region=eu`,
    );
    expect(header('X-Upstream', 'Bearer abc123XYZ')).toBe('Bearer <redacted:9 chars>');
    expect(header('X-Note', `deploy with ${GHP} please`)).toBe(
      `deploy with <redacted:${GHP.length} chars> please`,
    );
    expect(header('X-Forward', 'a=1; session=s3cr3tv4lue')).toBe(
      'a=1; session=<redacted:11 chars>',
    );
  });

  it.each([
    ['GitHub', GHP],
    ['GitHub fine-grained', 'github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz'],
    ['Stripe', 'sk_live_4eC39HqLyjWDarjtT1zdp7dc'],
    ['Slack', 'xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOp'],
    ['AWS', 'AKIAIOSFODNN7EXAMPLE'],
    ['random', 'q8Zr2LmXv9TbN4wKpY7sJd3Hf6Gc1AeRu5'],
  ])('knows a %s token by its shape', (_issuer, token) => {
    expect(header('X-Whatever', token)).toBe(`<redacted:${token.length} chars>`);
  });

  it('leaves standard syntax, ids and hashes alone', () => {
    for (const [name, value] of [
      ['Content-Type', 'multipart/form-data; boundary=----WebKitFormBoundary7MA4YWxkTrZu0gW'],
      ['ETag', '"33a64df551425fcc55e4d42a148795d9f25f89d4"'],
      ['X-Request-Id', '3f2a1c9e-8b7d-4e6f-a5c4-b3d2e1f0a9b8'],
      ['Access-Control-Allow-Origin', 'http://127.0.0.1:7101'],
      ['Access-Control-Allow-Credentials', 'true'],
      ['Access-Control-Allow-Headers', 'authorization, x-api-key, x-session-id'],
      ['X-Path', '/static/js/main.chunk.js'],
    ] as const) {
      expect(header(name, value)).toBe(value);
    }
    expect(header('Cookie', '')).toBe('');
  });

  it('redacts the URLs inside a value: Location, Link, Refresh', () => {
    expect(header('Location', '/callback?code=SplxlOBeZQQYbYS6WxSbIA&state=xyz')).toBe(
      '/callback?code=REDACTED-22-CHARS&state=xyz',
    );
    expect(header('Link', '<https://a.test/next?access_token=abcdef>; rel="next"')).toBe(
      '<https://a.test/next?access_token=REDACTED-6-CHARS>; rel="next"',
    );
  });

  it('returns what it replaced, to scrub it from prose', () => {
    expect(redactHeader('Cookie', 'sid="quoted-value"').secrets).toEqual([
      '"quoted-value"',
      'quoted-value',
    ]);
  });
});

describe('URLs', () => {
  it('replaces token-like parameters, keeping the rest byte for byte', () => {
    expect(url(`https://a.example/p?api_key=k1&q=caf%C3%A9&x=${JWT}&Session=9`)).toBe(
      `https://a.example/p?api_key=REDACTED-2-CHARS&q=caf%C3%A9&x=REDACTED-${JWT.length}-CHARS&Session=REDACTED-1-CHARS`,
    );
  });

  it('splits parameters on ; as well as &', () => {
    expect(url('https://a.example/?a=1;token=t0k3n&b=2')).toBe(
      'https://a.example/?a=1;token=REDACTED-5-CHARS&b=2',
    );
  });

  it('replaces path parameters: ;jsessionid=…', () => {
    expect(url('https://a.example/r;jsessionid=ABC123DEF/next;v=2?x=1')).toBe(
      'https://a.example/r;jsessionid=REDACTED-9-CHARS/next;v=2?x=1',
    );
  });

  it('replaces a token that stands in the path', () => {
    expect(url(`https://hooks.example/${GHP}/post`)).toBe(
      `https://hooks.example/REDACTED-${GHP.length}-CHARS/post`,
    );
  });

  it('replaces the user name as well as the password', () => {
    expect(url(`http://${GHP}@api.example/v1`)).toBe(
      `http://REDACTED-${GHP.length}-CHARS@api.example/v1`,
    );
    expect(url('https://user:hunter2@a.example/#access_token=t0k&state=s')).toBe(
      'https://REDACTED-4-CHARS:REDACTED-7-CHARS@a.example/#access_token=REDACTED-3-CHARS&state=s',
    );
  });

  it.each(['code', 'passwd', 'pwd', 'pass', 'ticket', 'phpsessid', 'sid', 'otp'])(
    'replaces ?%s=…',
    (name) => {
      expect(url(`https://a.example/cb?${name}=v4lu3&page=2`)).toBe(
        `https://a.example/cb?${name}=REDACTED-5-CHARS&page=2`,
      );
    },
  );

  it('counts the decoded value, matches encoded names, and names what it replaced', () => {
    const redacted = redactUrl('https://a.example/?pass%77ord=a%20b&code=c');
    expect(redacted.text).toBe(
      'https://a.example/?pass%77ord=REDACTED-3-CHARS&code=REDACTED-1-CHARS',
    );
    expect(redacted.parameters).toEqual(['password', 'code']);
  });

  it('leaves URLs without secrets unchanged', () => {
    for (const plain of [
      'https://a.example/',
      'https://a.example/?a&b=&c=1',
      'https://a.example/users/42;v=2/orders?sort=date&keyword=shoes',
      'not a url',
      '',
    ]) {
      expect(url(plain)).toBe(plain);
    }
  });
});

describe('long random strings', () => {
  it('takes random base64 for a secret, and not words, paths or hex', () => {
    expect(looksRandom('q8Zr2LmXv9TbN4wKpY7sJd3Hf6Gc1AeRu5')).toBe(true);
    expect(looksRandom('ThisIsAVeryLongCamelCaseIdentifier2024v2')).toBe(false);
    expect(looksRandom('33a64df551425fcc55e4d42a148795d9f25f89d4')).toBe(false);
    expect(looksRandom('Short9Xy')).toBe(false);
  });
});
