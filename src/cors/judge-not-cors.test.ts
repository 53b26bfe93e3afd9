/**
 * Failures that are not CORS get a name and what to do (resource policy, ORB, redirects, a
 * blocker); Local Network Access blocks get Chromium's CorsError names with no header fix;
 * `unexplained` is left for what nothing explains.
 */
import { describe, expect, it } from 'vitest';
import { addressSpaceOf, isSecureOrigin } from './address-space';
import { fixCheck } from './fix-check';
import { judge } from './judge';
import { API, PAGE, exchange } from './testing/exchange-builder';
import type { ObservedRedirect } from './types';

const noCorsImage = {
  mode: 'no-cors',
  resourceType: 'image',
  outcome: 'net::ERR_BLOCKED_BY_RESPONSE',
} as const;

describe('a resource policy or the page embedder policy (net::ERR_BLOCKED_BY_RESPONSE)', () => {
  it('names Cross-Origin-Resource-Policy: same-origin on a no-cors load, with the header', () => {
    const obs = exchange({
      ...noCorsImage,
      url: `${API}/logo.png`,
      responseHeaders: [['Cross-Origin-Resource-Policy', 'same-origin']],
    });
    const verdict = judge(obs);
    expect(verdict.status).toBe('failed');
    expect(verdict.notApplicable).toBeUndefined();
    expect(verdict.cause).toMatchObject({
      id: 'resource-policy',
      error: 'net::ERR_BLOCKED_BY_RESPONSE',
      url: `${API}/logo.png`,
      header: { name: 'Cross-Origin-Resource-Policy', value: 'same-origin' },
    });
    expect(verdict.cause?.meaning).toContain(`only pages of ${API} may load it`);
    expect(verdict.cause?.steps[0]).toContain('Cross-Origin-Resource-Policy: cross-origin');
    expect(fixCheck(obs, verdict)).toMatchObject({ passes: false, skipped: 'not-a-cors-failure' });
  });

  it('same-site says what a site is', () => {
    const verdict = judge(
      exchange({
        ...noCorsImage,
        responseHeaders: [['Cross-Origin-Resource-Policy', 'same-site']],
      }),
    );
    expect(verdict.cause?.id).toBe('resource-policy');
    expect(verdict.cause?.meaning).toMatch(/same site \(scheme and registrable domain\)/);
  });

  it('without a policy that blocks, it is the page embedder policy that wants one', () => {
    const none = judge(exchange({ ...noCorsImage, responseHeaders: [] }));
    expect(none.cause?.id).toBe('embedder-policy');
    expect(none.cause?.header).toBeUndefined();
    expect(none.cause?.meaning).toMatch(/sends none\.$/);
    // Tokens are exact: a capitalised value is no policy at all.
    const odd = judge(
      exchange({
        ...noCorsImage,
        responseHeaders: [['Cross-Origin-Resource-Policy', 'Same-Origin']],
      }),
    );
    expect(odd.cause?.id).toBe('embedder-policy');
    expect(odd.cause?.meaning).toContain('`Same-Origin`, which is not a policy the browser knows');
  });
});

describe('Opaque Response Blocking (net::ERR_BLOCKED_BY_ORB)', () => {
  it('names the content type and the status the no-cors load got', () => {
    const verdict = judge(
      exchange({
        mode: 'no-cors',
        resourceType: 'script',
        status: 404,
        responseHeaders: [['Content-Type', 'text/html; charset=utf-8']],
        outcome: 'net::ERR_BLOCKED_BY_ORB',
      }),
    );
    expect(verdict.status).toBe('failed');
    expect(verdict.cause?.id).toBe('opaque-response-blocking');
    expect(verdict.cause?.header).toEqual({
      name: 'Content-Type',
      value: 'text/html; charset=utf-8',
    });
    expect(verdict.cause?.meaning).toContain('a 404 response of type `text/html; charset=utf-8`');
    expect(verdict.cause?.steps[0]).toBe('Fix the 404 first: an error page is blocked as data.');
  });
});

describe('redirects the browser will not follow', () => {
  const hop = (from: string, to: string): ObservedRedirect => ({
    url: from,
    status: 302,
    headers: [{ name: 'Location', value: to }],
    location: to,
  });

  it('a loop names the URL that comes back', () => {
    const a = `${API}/a`;
    const b = `${API}/b`;
    const verdict = judge(
      exchange({
        url: a,
        redirects: [hop(a, b), hop(b, a), hop(a, b)],
        responseHeaders: null,
        outcome: 'net::ERR_TOO_MANY_REDIRECTS',
      }),
    );
    expect(verdict.status).toBe('failed');
    expect(verdict.cause?.id).toBe('redirect-loop');
    expect(verdict.cause?.meaning).toContain(`after 3 redirects: ${a} redirects back to itself`);
  });

  it('a redirect to data: names the Location', () => {
    const verdict = judge(
      exchange({
        redirects: [hop(`${API}/api/data`, 'data:text/plain,hi')],
        responseHeaders: null,
        outcome: 'net::ERR_UNSAFE_REDIRECT',
      }),
    );
    expect(verdict.cause).toMatchObject({
      id: 'unsafe-redirect',
      url: `${API}/api/data`,
      header: { name: 'Location', value: 'data:text/plain,hi' },
    });
  });
});

describe('Local Network Access: a CORS error by name, fixed by no header', () => {
  const PUBLIC_PAGE = 'https://shop.example';
  it('a secure public page denied the permission: LocalNetworkAccessPermissionDenied', () => {
    const obs = exchange({
      origin: PUBLIC_PAGE,
      url: 'http://127.0.0.1:8080/api',
      responseHeaders: null,
      outcome: 'net::ERR_BLOCKED_BY_LOCAL_NETWORK_ACCESS_CHECKS',
    });
    const verdict = judge(obs);
    expect(verdict.status).toBe('blocked');
    expect(verdict.failure).toMatchObject({
      corsError: 'LocalNetworkAccessPermissionDenied',
      // As Chromium reports it (CDP corsErrorStatus, e2e/local-network.spec.ts): the space is
      // in the message, not the parameter.
      failedParameter: '',
      header: null,
      fix: { byHeaders: false, responses: [] },
    });
    expect(verdict.failure?.consoleMessage).toContain(
      'Permission was denied for this request to access the `loopback` address space.',
    );
    expect(verdict.failure?.fix.steps[0]).toMatch(/^No CORS header fixes this/);
    expect(verdict.failure?.fix.steps.join(' ')).toContain('allow="local-network-access"');
    expect(fixCheck(obs, verdict).skipped).toBe('not-a-header-fix');
  });

  it('applies to no-cors loads too, instead of "not CORS"', () => {
    const verdict = judge(
      exchange({
        origin: PUBLIC_PAGE,
        url: 'http://192.168.1.20/pixel.gif',
        mode: 'no-cors',
        resourceType: 'image',
        responseHeaders: null,
        outcome: 'net::ERR_BLOCKED_BY_LOCAL_NETWORK_ACCESS_CHECKS',
      }),
    );
    expect(verdict.status).toBe('blocked');
    expect(verdict.failure?.corsError).toBe('LocalNetworkAccessPermissionDenied');
    expect(verdict.failure?.summary).toContain('the local address space');
  });

  it('a non-secure page: InsecureLocalNetwork', () => {
    const verdict = judge(
      exchange({
        origin: 'http://insecure.test:8080',
        url: 'http://localhost:9000/api',
        responseHeaders: null,
        outcome: 'net::ERR_BLOCKED_BY_LOCAL_NETWORK_ACCESS_CHECKS',
      }),
    );
    expect(verdict.failure?.corsError).toBe('InsecureLocalNetwork');
    expect(verdict.failure?.summary).toBe(
      'A page that is not a secure context may not reach the loopback address space',
    );
  });

  it('a host name the URL cannot place says so rather than guess', () => {
    const verdict = judge(
      exchange({
        origin: PUBLIC_PAGE,
        url: 'http://printer.lan/status',
        responseHeaders: null,
        outcome: 'net::ERR_BLOCKED_BY_LOCAL_NETWORK_ACCESS_CHECKS',
      }),
    );
    expect(verdict.failure?.summary).toContain('the local or loopback address space');
  });

  it('a declared targetAddressSpace the server does not have: InvalidLocalNetworkAccess', () => {
    const base = {
      origin: 'http://localhost:3000',
      url: 'http://127.0.0.1:9000/api',
      responseHeaders: null,
      outcome: 'cors',
    } as const;
    const declared = judge({ ...exchange(base), targetAddressSpace: 'local' });
    expect(declared.status).toBe('blocked');
    expect(declared.failure?.corsError).toBe('InvalidLocalNetworkAccess');
    expect(declared.failure?.summary).toContain("`targetAddressSpace: 'local'`");
    // Without the page's word for it, a bare net::ERR_FAILED stays unexplained.
    expect(judge(exchange(base)).status).toBe('unexplained');
    // Declared right: not this failure.
    expect(judge({ ...exchange(base), targetAddressSpace: 'loopback' }).status).toBe('unexplained');
  });
});

describe('a request cancelled after its response passed the CORS check', () => {
  it('is allowed, with a note, when the page or a removed frame cancels the body', () => {
    // Seen in Chromium 156: an iframe removed right after its fetch resolved ends the
    // request with net::ERR_ABORTED after the allowed headers arrived.
    const verdict = judge(
      exchange({
        responseHeaders: [['Access-Control-Allow-Origin', PAGE]],
        outcome: 'net::ERR_ABORTED',
      }),
    );
    expect(verdict.status).toBe('allowed');
    expect(verdict.cause).toBeUndefined();
    expect(verdict.headline).toBe(
      'Allowed: a simple request, no preflight needed; the body then did not finish',
    );
    const note = verdict.warnings.find((w) => w.id === 'body-cut-after-cors');
    expect(note?.message).toContain('net::ERR_ABORTED');
  });

  it('a short body after allowed headers is allowed too, the error named', () => {
    const verdict = judge(
      exchange({
        responseHeaders: [['Access-Control-Allow-Origin', '*']],
        outcome: 'net::ERR_CONTENT_LENGTH_MISMATCH',
      }),
    );
    expect(verdict.status).toBe('allowed');
    const note = verdict.warnings.find((w) => w.id === 'body-cut-after-cors');
    expect(note?.message).toContain('net::ERR_CONTENT_LENGTH_MISMATCH');
  });

  it('cancelled before any response, it is a failure that is not CORS', () => {
    const verdict = judge(exchange({ responseHeaders: null, outcome: 'net::ERR_ABORTED' }));
    expect(verdict.status).toBe('failed');
    expect(verdict.cause?.id).toBe('aborted');
  });

  it('cancelled after headers the browser would refuse, it is not allowed', () => {
    // The refused response never reached the page: it is no body cut short.
    const verdict = judge(exchange({ responseHeaders: [], outcome: 'net::ERR_ABORTED' }));
    expect(verdict.status).toBe('failed');
    expect(verdict.cause?.id).toBe('aborted');
  });
});

describe('unexplained stays for what nothing explains', () => {
  it('an unknown error, or a CORS-looking failure whose headers pass', () => {
    expect(
      judge(exchange({ responseHeaders: null, outcome: 'net::ERR_SOMETHING_NEW' })).status,
    ).toBe('unexplained');
    expect(
      judge(
        exchange({
          // Passes with credentials or without: no CORS rule explains the failure.
          responseHeaders: [
            ['Access-Control-Allow-Origin', PAGE],
            ['Access-Control-Allow-Credentials', 'true'],
          ],
          outcome: 'cors',
        }),
      ).status,
    ).toBe('unexplained');
  });
  it('an error named like an Object member is no known cause', () => {
    expect(judge(exchange({ responseHeaders: null, outcome: 'toString' })).status).toBe(
      'unexplained',
    );
  });
});

describe('address spaces and secure pages, from the URL alone', () => {
  it.each([
    ['http://127.0.0.3:8000/', 'loopback'],
    ['http://localhost/', 'loopback'],
    ['http://app.localhost/', 'loopback'],
    ['http://[::1]:8080/', 'loopback'],
    ['http://10.1.2.3/', 'local'],
    ['http://172.20.0.1/', 'local'],
    ['http://172.32.0.1/', 'public'],
    ['http://192.168.0.1/', 'local'],
    ['http://[fd00::1]/', 'local'],
    ['http://8.8.8.8/', 'public'],
    ['http://printer.lan/', undefined],
  ])('%s is %s', (url, space) => {
    expect(addressSpaceOf(url)).toBe(space);
  });
  it('https and loopback http are secure; other http and opaque origins are not', () => {
    expect(isSecureOrigin('https://a.example')).toBe(true);
    expect(isSecureOrigin('http://localhost:3000')).toBe(true);
    expect(isSecureOrigin('http://127.0.0.1:3000')).toBe(true);
    expect(isSecureOrigin('http://insecure.test')).toBe(false);
    expect(isSecureOrigin('null')).toBe(false);
  });
});
