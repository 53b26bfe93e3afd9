import { describe, expect, it } from 'vitest';
import { exchange as observe } from '../../cors/testing/exchange-builder';
import { exchangeOf } from './testing/exchange';
import { recordedExchange } from './testing/recorded';
import { cacheAgeText, headerLines, leadBrowser, stateText, statusLead } from './verdict-text';

const verdictOf = (scenario: string, index = 0) =>
  recordedExchange(scenario, index).exchange.verdict;

describe('statusLead', () => {
  it('leads with a 401 to the preflight', () => {
    expect(statusLead(verdictOf('auth-layer-401'))).toMatch(
      /^The server answered 401 to the preflight \(OPTIONS\) request without CORS headers: fix the 401 first.*then make error responses carry CORS headers\.$/,
    );
  });

  it('leads with a 500 or 502 on the error path', () => {
    expect(statusLead(verdictOf('error-500-without-cors'))).toMatch(
      /^The server answered 500 without CORS headers: fix the 500 first, then make error responses carry CORS headers/,
    );
    expect(statusLead(verdictOf('error-path-after-preflight'))).toMatch(/answered 502/);
  });

  it('leads with a preflight 404 that had CORS headers', () => {
    expect(statusLead(verdictOf('preflight-404-with-acao'))).toMatch(
      /^The server answered 404 to the preflight \(OPTIONS\) request: a preflight needs a 2xx/,
    );
  });

  it('says nothing for a 2xx, a redirect or an allowed exchange', () => {
    expect(statusLead(verdictOf('missing-acao'))).toBeNull();
    expect(statusLead(verdictOf('redirect-without-acao'))).toBeNull();
    expect(statusLead(verdictOf('preflight-redirect'))).toBeNull();
    expect(statusLead(verdictOf('not-found-with-cors'))).toBeNull();
  });
});

describe('cacheAgeText', () => {
  it('gives the age against the max-age of a cached preflight', () => {
    expect(cacheAgeText(verdictOf('put-cached-preflight', 1))).toMatch(
      /^Age \d+ s of the 600 s max-age/,
    );
    expect(cacheAgeText(verdictOf('put-cached-preflight', 0))).toBeNull();
  });
});

describe('headerLines', () => {
  it('writes the fix as exact header lines, one block per response named by its URL', () => {
    const verdict = verdictOf('header-not-allowed');
    const fix = verdict.failure?.fix ?? { byHeaders: false, responses: [], steps: [] };
    const url = verdict.failure?.url ?? '';
    const page = verdict.requestOrigin;
    expect(headerLines(fix)).toBe(
      [
        `# The preflight (OPTIONS) response of ${url}`,
        'Access-Control-Allow-Headers: x-foo',
        '',
        `# The actual response of ${url} (not reached yet: the browser stopped before it)`,
        `Access-Control-Allow-Origin: ${page}`,
        'Vary: Origin',
      ].join('\n'),
    );
  });
});

describe('leadBrowser and stateText', () => {
  it('leads with the prop, else the observation’s browser', () => {
    const chromium = exchangeOf(observe());
    const firefox = exchangeOf(observe({ browser: 'firefox' }));
    expect(leadBrowser(chromium, undefined)).toBe('chromium');
    expect(leadBrowser(firefox, undefined)).toBe('firefox');
    expect(leadBrowser(chromium, 'firefox')).toBe('firefox');
  });

  it('describes in-flight and timed-out exchanges', () => {
    const pending = exchangeOf(observe({ outcome: 'in-flight', responseHeaders: null }));
    expect(stateText(pending)).toMatch(/^Still in flight/);
    expect(stateText({ ...pending, state: 'timed-out' })).toMatch(/^Timed out/);
    expect(stateText(exchangeOf(observe()))).toBeNull();
  });
});
