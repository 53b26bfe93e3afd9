import { describe, expect, it } from 'vitest';
import { isSecretHeader, looksLikeJwt, redactHeaderValue, redactUrl } from './redact';

const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl';

describe('isSecretHeader', () => {
  it.each([
    'Cookie',
    'set-cookie',
    'Authorization',
    'Proxy-Authorization',
    'X-API-Key',
    'X-Auth-Token',
    'X-Session-Id',
    'X-Amz-Signature',
  ])('%s is secret', (name) => expect(isSecretHeader(name)).toBe(true));
  it.each([
    'Content-Type',
    'Origin',
    'WWW-Authenticate',
    'Access-Control-Allow-Headers',
    'X-Request-Id',
  ])('%s is not', (name) => expect(isSecretHeader(name)).toBe(false));
});

describe('redactHeaderValue', () => {
  it('keeps cookie names and Set-Cookie attributes', () => {
    expect(redactHeaderValue('Cookie', 'a=1; b=')).toBe(
      'a=<redacted:1 chars>; b=<redacted:0 chars>',
    );
    expect(redactHeaderValue('Set-Cookie', 'sid=xyz; Path=/; SameSite=None; Secure')).toBe(
      'sid=<redacted:3 chars>; Path=/; SameSite=None; Secure',
    );
  });

  it('keeps the authorization scheme', () => {
    expect(redactHeaderValue('authorization', 'Basic dXNlcjpwYXNz')).toBe(
      'Basic <redacted:12 chars>',
    );
    expect(redactHeaderValue('Authorization', 'opaque')).toBe('<redacted:6 chars>');
  });

  it('catches tokens in innocently named headers, counts characters not bytes', () => {
    expect(redactHeaderValue('X-Forwarded-User', JWT)).toBe(`<redacted:${JWT.length} chars>`);
    expect(redactHeaderValue('X-Upstream', 'Bearer abc')).toBe('Bearer <redacted:3 chars>');
    expect(redactHeaderValue('X-Api-Key', 'ключ')).toBe('<redacted:4 chars>');
  });

  it('leaves ordinary and empty values alone', () => {
    expect(redactHeaderValue('Content-Type', 'application/json')).toBe('application/json');
    expect(redactHeaderValue('Cookie', '')).toBe('');
  });
});

describe('redactUrl', () => {
  it('replaces token-like parameters and JWT values, keeping the rest byte for byte', () => {
    expect(redactUrl('https://a.example/p?api_key=k1&q=caf%C3%A9&x=' + JWT + '&Session=9')).toBe(
      `https://a.example/p?api_key=REDACTED-2-CHARS&q=caf%C3%A9&x=REDACTED-${JWT.length}-CHARS&Session=REDACTED-1-CHARS`,
    );
  });

  it('counts the decoded value, and matches encoded names', () => {
    expect(redactUrl('https://a.example/?pass%77ord=a%20b')).toBe(
      'https://a.example/?pass%77ord=REDACTED-3-CHARS',
    );
  });

  it('redacts a userinfo password and OAuth fragments', () => {
    expect(redactUrl('https://user:hunter2@a.example/#access_token=t0k&state=s')).toBe(
      'https://user:REDACTED-7-CHARS@a.example/#access_token=REDACTED-3-CHARS&state=s',
    );
  });

  it('leaves URLs without secrets unchanged', () => {
    for (const url of ['https://a.example/', 'https://a.example/?a&b=&c=1', 'not a url']) {
      expect(redactUrl(url)).toBe(url);
    }
  });

  it('recognises JWTs', () => {
    expect(looksLikeJwt(JWT)).toBe(true);
    expect(looksLikeJwt('abc.def.ghi')).toBe(false);
  });
});
