import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Exchange } from './exchange';
import { countByVerdict, httpStatusOf, isMarker, parseFilter, withMarkers } from './filter';
import type { NavigationMarker } from './tab-log';
import {
  API,
  PAGE,
  THIRD,
  Timeline,
  allowOrigin,
  corsRequestHeaders,
  headers,
} from './testing/chromium-events';
import { byRequestId, recordAll } from './testing/record';
import { preflightedExchange, simpleExchange } from './testing/scenarios';

/** One exchange of each kind the filter tells apart, by name. */
function catalogue(): Record<string, Exchange> {
  const t = new Timeline();
  const ids = {
    allowed: simpleExchange(t, { url: `${API}/api/users?page=2`, responseHeaders: [allowOrigin()] })
      .requestId,
    missingAcao: simpleExchange(t, { url: `${API}/api/orders`, status: 200, blocked: true })
      .requestId,
    error500: simpleExchange(t, { url: `${API}/api/crash`, status: 500, blocked: true }).requestId,
    preflight404: preflightedExchange(t, {
      url: `${API}/api/items/7`,
      method: 'PUT',
      preflightStatus: 404,
      preflightHeaders: [allowOrigin()],
      actual: 'blocked',
    }).actual.requestId,
    putAllowed: preflightedExchange(t, {
      url: `${THIRD}/v1/things`,
      method: 'PUT',
      preflightHeaders: [allowOrigin(), ['Access-Control-Allow-Methods', 'PUT']],
      actual: { status: 201, headers: [allowOrigin()] },
    }).actual.requestId,
    blockedByClient: t
      .request({ url: `${API}/api/ads` })
      .before()
      .sendHeaders(corsRequestHeaders())
      .failed('net::ERR_BLOCKED_BY_CLIENT').requestId,
    pending: t
      .request({ url: `${API}/api/poll`, method: 'POST' })
      .before()
      .sendHeaders(corsRequestHeaders()).requestId,
    // A cross-origin image is no-cors: CORS does not apply.
    noCors: t
      .request({ url: `${API}/logo.png`, type: 'image' })
      .before()
      .sendHeaders(headers([['Accept', 'image/*']]))
      .respond(200, []).requestId,
  };
  const recorder = recordAll(t.events);
  return Object.fromEntries(
    Object.entries(ids).map(([name, id]) => [name, byRequestId(recorder, id)]),
  );
}

const all = catalogue();
const names = Object.keys(all);
function pick(name: string): Exchange {
  const exchange = all[name];
  if (!exchange) throw new Error(`no ${name} in the catalogue`);
  return exchange;
}
const matching = (filter: string) => {
  const { predicate } = parseFilter(filter);
  return names.filter((name) => predicate(pick(name)));
};

describe('the catalogue', () => {
  it('has the verdicts the filter tests rely on', () => {
    expect(Object.fromEntries(names.map((n) => [n, all[n]?.verdict.status]))).toEqual({
      allowed: 'allowed',
      missingAcao: 'blocked',
      error500: 'blocked',
      preflight404: 'blocked',
      putAllowed: 'allowed',
      blockedByClient: 'failed',
      pending: 'pending',
      noCors: 'not-applicable',
    });
  });
});

describe('parseFilter', () => {
  it.each<[string, string[]]>([
    ['', names],
    ['   ', names],
    ['is:blocked', ['missingAcao', 'error500', 'preflight404']],
    ['IS:Blocked', ['missingAcao', 'error500', 'preflight404']],
    ['is:allowed', ['allowed', 'putAllowed']],
    ['is:failed', ['blockedByClient']],
    ['is:unexplained', []],
    ['is:pending', ['pending']],
    ['is:na', ['noCors']],
    ['is:not-applicable', ['noCors']],
    ['-is:blocked', ['allowed', 'putAllowed', 'blockedByClient', 'pending', 'noCors']],
    ['is:blocked,failed', ['missingAcao', 'error500', 'preflight404', 'blockedByClient']],
    ['-is:blocked -is:allowed', ['blockedByClient', 'pending', 'noCors']],
    ['method:PUT', ['preflight404', 'putAllowed']],
    ['method:put is:blocked', ['preflight404']],
    ['method:post', ['pending']],
    ['-method:GET', ['preflight404', 'putAllowed', 'pending']],
    ['origin:127.0.0.1', names],
    ['origin:example', []],
    [
      'host:localhost',
      [
        'allowed',
        'missingAcao',
        'error500',
        'preflight404',
        'blockedByClient',
        'pending',
        'noCors',
      ],
    ],
    ['host:127.0.0.2', ['putAllowed']],
    ['-host:localhost', ['putAllowed']],
    ['status:404', ['preflight404']],
    ['status:500', ['error500']],
    ['status:5xx', ['error500']],
    ['status:2xx', ['allowed', 'missingAcao', 'putAllowed', 'noCors']],
    ['status:20x', ['allowed', 'missingAcao', 'putAllowed', 'noCors']],
    ['status:201', ['putAllowed']],
    ['status:404,500', ['error500', 'preflight404']],
    ['error:MissingAllowOriginHeader', ['missingAcao', 'error500']],
    ['error:missingallow', ['missingAcao', 'error500']],
    ['error:PreflightInvalidStatus', ['preflight404']],
    ['error:CORSMissingAllowOrigin', ['missingAcao', 'error500']],
    ['error:ERR_BLOCKED_BY_CLIENT', ['blockedByClient']],
    [
      '-error:Missing',
      ['allowed', 'preflight404', 'putAllowed', 'blockedByClient', 'pending', 'noCors'],
    ],
    // Free text: method, URL, initiator origin, headline, corsError, status.
    ['orders', ['missingAcao']],
    ['API/ITEMS', ['preflight404']],
    ['page=2', ['allowed']],
    ['put', ['preflight404', 'putAllowed']],
    ['MissingAllowOriginHeader', ['missingAcao', 'error500']],
    ['500', ['error500']],
    ['404', ['preflight404']],
    ['http://localhost:7102/api/c', ['error500']],
    ['localhost:7102 crash', ['error500']],
    ['localhost:7102/logo', ['noCors']],
    ['"api/orders"', ['missingAcao']],
    ['"no such phrase"', []],
    ['nothing-like-this', []],
    // A quoted key is text, and so is an unknown key.
    ['"is:blocked"', []],
    ['foo:bar', []],
    // Half-typed terms say nothing yet.
    ['is:', names],
    ['method:', names],
  ])('%j matches %j', (filter, expected) => {
    expect(matching(filter)).toEqual(expected);
  });

  it('matches the verdict headline as free text', () => {
    const headline = pick('missingAcao').verdict.headline;
    const word = headline.split(' ').find((w) => w.length > 6) ?? headline;
    expect(matching(`"${word}"`)).toContain('missingAcao');
  });

  it('quotes may wrap a value, and an unclosed quote runs to the end', () => {
    expect(matching('error:"MissingAllowOrigin"')).toEqual(['missingAcao', 'error500']);
    expect(matching('"api/ord')).toEqual(['missingAcao']);
  });

  it('is active only when it holds a term', () => {
    expect(parseFilter('').active).toBe(false);
    expect(parseFilter('is:').active).toBe(false);
    expect(parseFilter('x').active).toBe(true);
    expect(parseFilter('-is:blocked').active).toBe(true);
  });

  it.each<[string, RegExp]>([
    ['foo:bar', /Unknown filter key "foo:"/],
    ['is:broken', /is:broken is not a verdict/],
    ['status:four', /status:four is not a status/],
    ['status:6xx', /is not a status/],
  ])('%j reports a problem', (filter, problem) => {
    const { problems } = parseFilter(filter);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(problem);
  });

  it.each(['', 'is:blocked', 'localhost:7102', 'http://localhost/x', 'a b "c d"', '-x'])(
    '%j reports no problem',
    (filter) => {
      expect(parseFilter(filter).problems).toEqual([]);
    },
  );

  it('a bad value is left out and the rest still applies', () => {
    const { predicate, problems } = parseFilter('is:nope method:PUT');
    expect(problems).toHaveLength(1);
    expect(names.filter((n) => predicate(pick(n)))).toEqual(['preflight404', 'putAllowed']);
  });

  it('never throws, whatever is typed, and its predicate never throws', () => {
    const exchanges = Object.values(all);
    const alphabet = fc.constantFrom(
      ...'is:-"\', \tblocked method status 4xx error origin host na x*?()[]\\/:'.split(''),
    );
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.string({ unit: alphabet, maxLength: 40 }),
          fc.string({ unit: 'grapheme' }),
        ),
        (text) => {
          const { predicate, problems } = parseFilter(text);
          expect(Array.isArray(problems)).toBe(true);
          for (const e of exchanges) expect(typeof predicate(e)).toBe('boolean');
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('httpStatusOf', () => {
  it('is the final response status, or the failed preflight’s', () => {
    expect(httpStatusOf(pick('putAllowed'))).toEqual({ status: 201, of: 'response' });
    expect(httpStatusOf(pick('error500'))).toEqual({ status: 500, of: 'response' });
    expect(httpStatusOf(pick('preflight404'))).toEqual({
      status: 404,
      of: 'preflight',
    });
    expect(httpStatusOf(pick('pending'))).toEqual({ status: null, of: 'response' });
  });
});

describe('countByVerdict', () => {
  it('counts each verdict and the total', () => {
    expect(countByVerdict(Object.values(all))).toEqual({
      total: 8,
      allowed: 2,
      blocked: 3,
      failed: 1,
      unexplained: 0,
      pending: 1,
      'not-applicable': 1,
    });
    expect(countByVerdict([])).toMatchObject({ total: 0, blocked: 0 });
  });
});

describe('withMarkers', () => {
  const exchange = (seq: number) => ({ ...pick('allowed'), id: `e${seq}`, seq });
  const marker = (seq: number): NavigationMarker => ({
    kind: 'navigation',
    tabId: 7,
    url: `${PAGE}/page${seq}`,
    at: seq,
    seq,
  });
  const shape = (rows: ReturnType<typeof withMarkers>) =>
    rows.map((row) => (isMarker(row) ? `m${row.seq}` : `e${row.seq}`));

  it('places markers between exchanges by seq, newest last', () => {
    const rows = withMarkers(
      [exchange(2), exchange(3), exchange(6)],
      [marker(5), marker(1), marker(9)],
    );
    expect(shape(rows)).toEqual(['m1', 'e2', 'e3', 'm5', 'e6', 'm9']);
  });

  it('can leave out the sections a filter emptied, keeping the latest marker before a row', () => {
    const rows = withMarkers([exchange(6)], [marker(1), marker(4), marker(5), marker(9)], {
      dropEmptySections: true,
    });
    expect(shape(rows)).toEqual(['m5', 'e6']);
  });
});
