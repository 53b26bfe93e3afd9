import { loadRecordedStream, loadRecordedStreams } from '../capture/testing/recorded-fixtures.node';
import { describe, expect, it } from 'vitest';
import { exportHar } from './har-export';
import type { HarCorsPreflight, HarCorsRedirect, HarCorsRequest, HarEntry } from './har-types';
import { edgeCaseExchanges, replayFixture, type RecordedFixture } from './testing/exchanges';

const load = (name: string) => loadRecordedStream<RecordedFixture>('chromium', name);
const ALL = loadRecordedStreams('chromium').map((s) => s.scenario);

const requestCors = (entry: HarEntry | undefined) => entry?._cors as HarCorsRequest;
const linkCors = (entry: HarEntry | undefined) =>
  entry?._cors as HarCorsPreflight | HarCorsRedirect;

describe('exportHar', () => {
  it('writes a blocked PUT and its preflight as two entries linked by _cors', () => {
    const fixture = load('header-not-allowed');
    const exchanges = replayFixture(fixture);
    const har = exportHar(exchanges, { page: `${fixture.origins.page}/`, now: 0 });
    const [put, options] = har.log.entries;
    expect(har.log.entries).toHaveLength(2);
    expect(put?.request.method).toBe('PUT');
    expect(put?.response).toMatchObject({ status: 0, _error: 'net::ERR_FAILED', headers: [] });
    expect(requestCors(put)).toMatchObject({
      exchangeId: exchanges[0]?.id,
      verdict: 'blocked',
      initiatorOrigin: fixture.origins.page,
      preflight: { needed: true, seen: 'sent', entryIndex: 1 },
      failure: {
        corsError: 'HeaderDisallowedByPreflightResponse',
        firefoxReason: 'CORSMissingAllowHeaderFromPreflight',
        stage: 'preflight',
        header: 'Access-Control-Allow-Headers',
        failedParameter: 'x-foo',
        fix: {
          byHeaders: true,
          // Each response to change by its URL, so a reader after a redirect chain need not guess.
          responses: [
            {
              stage: 'preflight',
              url: put?.request.url,
              set: [{ name: 'Access-Control-Allow-Headers', value: 'x-foo' }],
            },
            { stage: 'actual', url: put?.request.url, seen: false },
          ],
        },
      },
      warnings: [],
      observation: { requestHeaders: 'not-recorded' },
    });
    expect(options?.request.method).toBe('OPTIONS');
    expect(options?.response).toMatchObject({ status: 204, httpVersion: 'HTTP/1.1' });
    expect(options?._cors).toEqual({
      exchangeId: exchanges[0]?.id,
      role: 'preflight',
      forEntryIndex: 0,
    });
    expect(options?._resourceType).toBe('preflight');
    expect(put?._resourceType).toBe('fetch');
  });

  it('fills the log: creator, browser, page, counts and what was redacted', () => {
    const exchanges = ['missing-acao', 'simple-get-allowed', 'acao-list'].flatMap((n) =>
      replayFixture(load(n)),
    );
    const har = exportHar(exchanges, {
      page: 'http://127.0.0.1:38575/app?session=abcdef123456',
      browser: { name: 'Chrome', version: '156.0.8078.108' },
      creatorVersion: '0.1.0',
      now: Date.UTC(2026, 10, 27, 14, 0, 0),
    });
    expect(har.log.version).toBe('1.2');
    expect(har.log.creator).toEqual({ name: 'CORS Lens', version: '0.1.0' });
    expect(har.log.browser).toEqual({ name: 'Chrome', version: '156.0.8078.108' });
    expect(har.log.pages).toEqual([
      {
        startedDateTime: har.log.entries[0]?.startedDateTime,
        id: 'page_1',
        title: 'http://127.0.0.1:38575/app?session=REDACTED-12-CHARS',
        pageTimings: { onContentLoad: -1, onLoad: -1 },
      },
    ]);
    expect(har.log.entries.every((e) => e.pageref === 'page_1')).toBe(true);
    expect(har.log._cors).toEqual({
      page: 'http://127.0.0.1:38575/app?session=REDACTED-12-CHARS',
      generatedAt: '2026-11-27T14:00:00.000Z',
      counts: {
        byVerdict: { blocked: 2, allowed: 1 },
        byError: { MissingAllowOriginHeader: 1, MultipleAllowOriginValues: 1 },
      },
      redacted: { enabled: true, headers: [], queryParameters: ['session'] },
    });
  });

  it('leaves pages out without a page, and says when nothing was redacted', () => {
    const har = exportHar(replayFixture(load('simple-get-allowed')), { redact: false });
    expect(har.log.pages).toBeUndefined();
    expect(har.log.entries[0]?.pageref).toBeUndefined();
    expect(har.log._cors.page).toBeNull();
    expect(har.log._cors.redacted).toEqual({ enabled: false, headers: [], queryParameters: [] });
  });

  it('gives each hop of a redirect chain its own entry, with redirectURL', () => {
    const fixture = load('three-origin-chain');
    const [exchange] = replayFixture(fixture);
    const har = exportHar(exchange ? [exchange] : []);
    const entries = har.log.entries;
    expect(entries).toHaveLength(3);
    expect(entries.map((e) => e.response.status)).toEqual([302, 302, 200]);
    expect(entries[0]?.response.redirectURL).toBe(entries[1]?.request.url);
    expect(entries[1]?.response.redirectURL).toBe(entries[2]?.request.url);
    expect(entries[2]?.response.redirectURL).toBe('');
    expect(entries[0]?.response.statusText).toBe('Found');
    expect(requestCors(entries[0]).verdict).toBe('allowed');
    expect(entries.slice(1).map(linkCors)).toEqual([
      { exchangeId: exchange?.id, role: 'redirect', forEntryIndex: 0, hop: 1 },
      { exchangeId: exchange?.id, role: 'redirect', forEntryIndex: 0, hop: 2 },
    ]);
    expect(entries[2]?.response.statusText).toBe('OK');
  });

  it('ends a refused redirect at the redirect itself, which carries the error', () => {
    const har = exportHar(replayFixture(load('redirect-with-userinfo')), { redact: false });
    expect(har.log.entries).toHaveLength(1);
    const [entry] = har.log.entries;
    expect(entry?.response).toMatchObject({ status: 302, _error: 'net::ERR_FAILED' });
    expect(entry?.response.redirectURL).toMatch(/^http:\/\/user:secret@localhost:\d+\//);
    expect(requestCors(entry).failure?.corsError).toBe('RedirectContainsCredentials');
  });

  it('links the preflight of a later hop to that hop', () => {
    const [move] = edgeCaseExchanges();
    const har = exportHar(move ? [move] : []);
    const methods = har.log.entries.map((e) => `${e.request.method} ${e.request.url}`);
    expect(methods).toEqual([
      'PUT http://localhost:7102/api/move',
      'OPTIONS http://localhost:7102/api/move',
      'PUT http://127.0.0.2:7103/api/moved',
      'OPTIONS http://127.0.0.2:7103/api/moved',
    ]);
    expect(har.log.entries.map((e) => e._cors)).toMatchObject([
      { verdict: 'allowed', preflight: { entryIndex: 1 } },
      { role: 'preflight', forEntryIndex: 0 },
      { role: 'redirect', forEntryIndex: 0, hop: 1 },
      { role: 'preflight', forEntryIndex: 2 },
    ]);
  });

  it('keeps what the capture could not see as the entry comment', () => {
    const edge = edgeCaseExchanges();
    const har = exportHar(edge);
    const comments = har.log.entries.flatMap((e) => (e.comment ? [e.comment] : []));
    expect(comments).toEqual([
      expect.stringContaining('The preflight was seen but not the request'),
      expect.stringContaining('No final event within 60 s'),
    ]);
  });

  it('parses cookies and the query string, and reads timings from the capture', () => {
    const fixture = load('cookie-credentials-allowed');
    const [exchange] = replayFixture(fixture);
    const har = exportHar(exchange ? [exchange] : [], { redact: false });
    const [entry] = har.log.entries;
    expect(entry?.request.cookies.map((c) => c.name)).toEqual(
      exchange?.observation.request.headers
        ?.filter((h) => h.name.toLowerCase() === 'cookie')
        .flatMap((h) => h.value.split(';').map((p) => p.split('=')[0]?.trim())),
    );
    const t = exchange?.timings;
    expect(entry?.startedDateTime).toBe(new Date(t?.startedAt ?? 0).toISOString());
    expect(entry?.time).toBeGreaterThan(0);
    expect(entry?.timings.wait).toBeGreaterThanOrEqual(0);
    expect(entry?.timings.receive).toBeGreaterThanOrEqual(0);
  });

  it.each(ALL)('%s: entries in time order, every link pointing at its own exchange', (name) => {
    const exchanges = replayFixture(load(name));
    const har = exportHar(exchanges);
    const { entries } = har.log;
    const times = entries.map((e) => Date.parse(e.startedDateTime));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    const requests = entries.filter((e) => 'verdict' in e._cors);
    expect(requests.map((e) => requestCors(e).exchangeId)).toEqual(exchanges.map((x) => x.id));
    expect(entries.filter((e) => linkCors(e).role === 'preflight')).toHaveLength(
      exchanges.reduce((n, x) => n + x.preflights.length, 0),
    );
    entries.forEach((entry) => {
      const cors = entry._cors;
      if ('verdict' in cors) {
        if (cors.preflight.entryIndex !== undefined) {
          expect(entries[cors.preflight.entryIndex]?._cors).toMatchObject({
            exchangeId: cors.exchangeId,
            role: 'preflight',
          });
        }
        return;
      }
      expect(entries[cors.forEntryIndex]?._cors.exchangeId).toBe(cors.exchangeId);
    });
    const failed = exchanges.filter((x) => x.observation.outcome.kind === 'failed').length;
    expect(entries.filter((e) => e.response._error !== undefined).length).toBeGreaterThanOrEqual(
      failed,
    );
  });
});
