/**
 * The page probe's reports joined to webRequest exchanges: what the page read (mode,
 * credentials, the headers it got null for) replaces inference, and a call the browser
 * refused before the network becomes an exchange of its own.
 */
import { describe, expect, it } from 'vitest';
import type { PageCallReport } from '../protocol/page-report';
import { Recorder } from './recorder';
import {
  API,
  PAGE,
  TAB,
  Timeline,
  allowOrigin,
  corsRequestHeaders,
} from './testing/chromium-events';
import { FAILED_TO_FETCH, pageCall as call } from './testing/page-calls';
import { exchangesOf, onlyExchange } from './testing/record';

const URL1 = `${API}/api/items`;

/** A GET whose response says `Access-Control-Allow-Origin: *` and that Chromium failed. */
function blockedByWildcard(t: Timeline): void {
  t.request({ url: URL1 })
    .before()
    .sendHeaders(corsRequestHeaders())
    .received(200, [allowOrigin('*')])
    .failed();
}

function feed(recorder: Recorder, t: Timeline): void {
  for (const event of t.events.splice(0)) recorder.handle(event);
}

describe('joining page calls to exchanges', () => {
  it('reads the credentials mode from the page: a credentialed call blocked by a wildcard', () => {
    const t = new Timeline();
    const recorder = new Recorder();
    const report = call({ credentials: 'include', startedAt: t.now });
    recorder.handlePageCall(TAB, 0, PAGE, report, t.now);
    // No Cookie was sent (none set): webRequest alone cannot tell the mode.
    blockedByWildcard(t);
    feed(recorder, t);
    const exchange = onlyExchange(recorder);
    expect(exchange.verdict.credentials).toEqual({
      value: 'include',
      source: "read from the page's fetch() call",
    });
    expect(exchange.verdict.failure?.corsError).toBe('WildcardOriginNotAllowed');
  });

  it('joins whichever comes first: the exchange before the report', () => {
    const t = new Timeline();
    const recorder = new Recorder();
    const startedAt = t.now;
    blockedByWildcard(t);
    feed(recorder, t);
    expect(onlyExchange(recorder).verdict.credentials.source).not.toContain('page');
    recorder.handlePageCall(TAB, 0, PAGE, call({ credentials: 'include', startedAt }), t.now);
    expect(onlyExchange(recorder).verdict.failure?.corsError).toBe('WildcardOriginNotAllowed');
  });

  it('pairs identical calls in flight first with first, each frame with its own first', () => {
    const t = new Timeline();
    const recorder = new Recorder();
    const a = call({ credentials: 'include', startedAt: t.now });
    const b = call({ credentials: 'omit', startedAt: t.now + 1 });
    const other = call({ credentials: 'include', startedAt: t.now });
    recorder.handlePageCall(TAB, 0, PAGE, a, t.now);
    recorder.handlePageCall(TAB, 0, PAGE, b, t.now);
    recorder.handlePageCall(TAB, 3, PAGE, other, t.now);
    const first = t.request({ url: URL1 }).before();
    const second = t.request({ url: URL1 }).before();
    first
      .sendHeaders(corsRequestHeaders())
      .respond(200, [allowOrigin('*')])
      .completed();
    second
      .sendHeaders(corsRequestHeaders())
      .respond(200, [allowOrigin('*')])
      .completed();
    feed(recorder, t);
    const [x, y] = exchangesOf(recorder);
    expect(x?.observation.credentials).toBe('include');
    expect(y?.observation.credentials).toBe('omit');
  });

  it("joins a call from an about:blank frame that webRequest lists under the parent's frame, never another origin's", () => {
    const t = new Timeline();
    const recorder = new Recorder();
    recorder.handlePageCall(TAB, 5, PAGE, call({ credentials: 'omit', startedAt: t.now }), t.now);
    // A cross-origin iframe (origin vouched by the browser) may not stand in for the page.
    recorder.handlePageCall(
      TAB,
      6,
      'http://ads.example',
      call({ credentials: 'include', startedAt: t.now - 1 }),
      t.now,
    );
    t.request({ url: URL1, frameId: 0 })
      .before()
      .sendHeaders(corsRequestHeaders())
      .respond(200, [allowOrigin()])
      .completed();
    feed(recorder, t);
    expect(onlyExchange(recorder).observation.credentials).toBe('omit');
  });

  it('does not join a call to an exchange that started well before it', () => {
    const t = new Timeline();
    const recorder = new Recorder();
    t.request({ url: URL1 })
      .before()
      .sendHeaders(corsRequestHeaders())
      .respond(200, [allowOrigin()])
      .completed();
    feed(recorder, t);
    recorder.handlePageCall(
      TAB,
      0,
      PAGE,
      call({ credentials: 'include', startedAt: t.now + 5000 }),
      t.now,
    );
    expect(onlyExchange(recorder).observation.credentials).toBeUndefined();
  });

  it('makes the not-exposed warning exact: only headers the page read, got null and the server sent', () => {
    const t = new Timeline();
    const recorder = new Recorder();
    const report = call({ startedAt: t.now });
    recorder.handlePageCall(TAB, 0, PAGE, report, t.now);
    t.request({ url: URL1 })
      .before()
      .sendHeaders(corsRequestHeaders())
      .respond(200, [allowOrigin(), ['X-Total-Count', '3']])
      .completed();
    feed(recorder, t);
    const settled = {
      ...report,
      outcome: { kind: 'response', type: 'cors', status: 200 },
    } as const;
    recorder.handlePageCall(
      TAB,
      0,
      PAGE,
      { ...settled, nullReadHeaders: ['x-total-count', 'x-absent'] },
      t.now,
    );
    const warnings = onlyExchange(recorder).verdict.warnings.filter(
      (w) => w.id === 'header-not-exposed',
    );
    expect(warnings.map((w) => w.message)).toEqual([expect.stringContaining('`x-total-count`')]);
  });

  it('keeps what the page read across a worker restart (the snapshot)', () => {
    const t = new Timeline();
    const recorder = new Recorder();
    recorder.handlePageCall(
      TAB,
      0,
      PAGE,
      call({ credentials: 'include', startedAt: t.now }),
      t.now,
    );
    blockedByWildcard(t);
    feed(recorder, t);
    const { recorder: restored, error } = Recorder.fromSnapshot(recorder.toSnapshot());
    expect(error).toBeUndefined();
    expect(onlyExchange(restored).verdict.failure?.corsError).toBe('WildcardOriginNotAllowed');
  });
});

describe('calls refused before the network', () => {
  function refused(report: Partial<PageCallReport>): Recorder {
    const t = new Timeline();
    const recorder = new Recorder();
    const r = call({
      startedAt: t.now,
      outcome: FAILED_TO_FETCH,
      ...report,
    });
    recorder.handlePageCall(TAB, 0, undefined, r, t.now);
    recorder.expire(t.now + 1000);
    expect(exchangesOf(recorder), 'not before the grace time').toHaveLength(0);
    recorder.expire(t.now + 2500);
    return recorder;
  }

  it("mode 'same-origin' to another origin: DisallowedByMode, reported by the page", () => {
    const exchange = onlyExchange(refused({ mode: 'same-origin' }));
    expect(exchange.kind).toBe('page-only');
    expect(exchange.note).toContain('Reported by the page');
    expect(exchange.verdict.status).toBe('blocked');
    expect(exchange.verdict.failure).toMatchObject({
      corsError: 'DisallowedByMode',
      failedParameter: '',
    });
    expect(exchange.verdict.failure?.fix.byHeaders).toBe(false);
    expect(exchange.verdict.mode.source).toBe("read from the page's fetch() call");
  });

  it("no-cors with redirect 'manual': NoCorsRedirectModeNotFollow", () => {
    const exchange = onlyExchange(refused({ mode: 'no-cors', redirect: 'manual' }));
    expect(exchange.verdict.failure?.corsError).toBe('NoCorsRedirectModeNotFollow');
    expect(exchange.verdict.failure?.summary).toContain("redirect 'manual'");
  });

  it('an ftp: URL: CorsDisabledScheme', () => {
    const exchange = onlyExchange(refused({ url: 'ftp://localhost/file.txt' }));
    expect(exchange.verdict.failure).toMatchObject({ corsError: 'CorsDisabledScheme' });
  });

  it('CSP connect-src: failed, not CORS, with the directive and the policy to change', () => {
    const exchange = onlyExchange(
      refused({ csp: { directive: 'connect-src', policy: "connect-src 'self'" } }),
    );
    expect(exchange.verdict.status).toBe('failed');
    expect(exchange.verdict.cause).toMatchObject({
      id: 'content-security-policy',
      header: { name: 'Content-Security-Policy', value: "connect-src 'self'" },
    });
    expect(exchange.verdict.cause?.steps[0]).toContain(`Add ${API} to \`connect-src\``);
  });

  it('a URL with a user name and password, which fetch() refuses: failed, not CORS', () => {
    const exchange = onlyExchange(refused({ url: `${API.replace('://', '://u:p@')}/x` }));
    expect(exchange.verdict.status).toBe('failed');
    expect(exchange.verdict.cause?.id).toBe('url-credentials');
    // XMLHttpRequest takes them as its credentials: not refused for that.
    const xhr = onlyExchange(refused({ api: 'xhr', url: `${API.replace('://', '://u:p@')}/x` }));
    expect(xhr.verdict.cause?.id).not.toBe('url-credentials');
  });

  it("a PUT in mode 'no-cors', which fetch() refuses: failed, not CORS", () => {
    const exchange = onlyExchange(refused({ mode: 'no-cors', method: 'PUT' }));
    expect(exchange.verdict.cause).toMatchObject({ id: 'no-cors-method' });
    expect(exchange.verdict.cause?.steps[0]).toContain("Use mode 'cors'");
    expect(
      onlyExchange(refused({ mode: 'no-cors', method: 'POST' })).verdict.cause,
    ).toBeUndefined();
  });

  it('says which preflight the refused call would have needed: its method and the headers the page set', () => {
    const exchange = onlyExchange(
      refused({
        method: 'PUT',
        headers: [
          ['X-Foo', '1'],
          ['Content-Type', 'text/plain'],
          // fetch() drops a forbidden header silently: it would never be sent.
          ['Cookie', 'a=b'],
        ],
        csp: { directive: 'connect-src', policy: "connect-src 'self'" },
      }),
    );
    expect(exchange.observation.request.headers?.map((h) => h.name)).toEqual([
      'X-Foo',
      'Content-Type',
      'Cookie',
    ]);
    expect(exchange.verdict.preflight).toMatchObject({ needed: true, seen: 'none' });
    expect(exchange.verdict.preflight.reasons.map((r) => r.text)).toEqual([
      'The method PUT is not GET, HEAD or POST.',
      expect.stringContaining('`x-foo`'),
    ]);
    // No other mode sends a preflight.
    const noCors = onlyExchange(
      refused({ mode: 'no-cors', method: 'PUT', headers: [['X-Foo', '1']] }),
    );
    expect(noCors.verdict.preflight.needed).toBe(false);
  });

  it('mixed content from an https page', () => {
    const exchange = onlyExchange(
      refused({ origin: 'https://app.example', url: 'http://api.example/x' }),
    );
    expect(exchange.verdict.cause?.id).toBe('mixed-content');
  });

  it('a call the browser did send is never doubled by a page-only exchange', () => {
    const t = new Timeline();
    const recorder = new Recorder();
    const r = call({ startedAt: t.now });
    recorder.handlePageCall(TAB, 0, PAGE, r, t.now);
    t.request({ url: URL1 }).before().sendHeaders(corsRequestHeaders()).respond(200, []).failed();
    feed(recorder, t);
    recorder.handlePageCall(TAB, 0, PAGE, { ...r, outcome: FAILED_TO_FETCH }, t.now);
    recorder.expire(t.now + 5000);
    expect(exchangesOf(recorder).map((x) => x.kind)).toEqual(['request']);
  });

  it('same-origin calls and aborted calls make no exchange', () => {
    expect(exchangesOf(refused({ url: `${PAGE}/local` }))).toHaveLength(0);
    expect(
      exchangesOf(refused({ outcome: { kind: 'error', name: 'AbortError', message: 'aborted' } })),
    ).toHaveLength(0);
  });

  it('a flood of calls from one page stays bounded', () => {
    const t = new Timeline();
    const recorder = new Recorder();
    for (let i = 0; i < 5000; i++) {
      recorder.handlePageCall(
        TAB,
        0,
        PAGE,
        call({ startedAt: t.now, url: `${URL1}?i=${i}` }),
        t.now,
      );
    }
    expect(recorder.pageCallStats().calls).toBe(1000);
    expect(recorder.pageCallStats().waitingCalls).toBe(1000);
  });
});
