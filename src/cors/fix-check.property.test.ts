/**
 * Every fix the engine gives must pass its own check: applied to the responses it names,
 * the engine then allows the exchange. Over every recorded playground scenario (Chromium's
 * and Firefox's own event streams) and over generated exchanges.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadRecordedStreams, replayStream } from '../capture/testing/recorded-fixtures.node';
import { fixCheck } from './fix-check';
import { judge } from './judge';
import { observation } from './testing/arbitraries';
import { PAGE } from './testing/exchange-builder';
import { originOf } from './url';
import type { BrowserFamily, ExchangeObservation, ObservedPreflight } from './types';

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/** Whether every comma-separated item of a list is a token. */
const tokenList = (value: string) => value.split(',').every((t) => TOKEN.test(t.trim()));

function asked(preflight: ObservedPreflight): ObservedPreflight {
  return {
    ...preflight,
    requestHeaders: preflight.requestHeaders.filter((h) =>
      /^access-control-request-method$/i.test(h.name)
        ? TOKEN.test(h.value.trim())
        : !/^access-control-request-headers$/i.test(h.name) || tokenList(h.value),
    ),
  };
}

/**
 * The generated observation as a browser could have sent it: a browser only ever sends a
 * serialized origin, and methods and header names that are tokens (the generator does
 * not); no Access-Control-Allow-* line could list an empty or spaced name.
 */
function asBrowserSends(obs: ExchangeObservation): ExchangeObservation {
  const origin = obs.initiatorOrigin;
  const redirects = obs.redirects?.map((r) =>
    r.preflight ? { ...r, preflight: asked(r.preflight) } : r,
  );
  return {
    ...obs,
    initiatorOrigin: origin === 'null' || originOf(origin) === origin ? origin : PAGE,
    request: {
      ...obs.request,
      method: TOKEN.test(obs.request.method) ? obs.request.method : 'PUT',
      ...(obs.request.headers
        ? { headers: obs.request.headers.filter((h) => TOKEN.test(h.name)) }
        : {}),
    },
    ...(obs.preflight ? { preflight: asked(obs.preflight) } : {}),
    ...(redirects ? { redirects } : {}),
  };
}

function failedCheck(obs: ExchangeObservation): string | null {
  const verdict = judge(obs);
  if (!verdict.failure?.fix.byHeaders) return null;
  const check = fixCheck(obs, verdict);
  return check.passes ? null : `${verdict.failure.corsError}: ${check.explanation}`;
}

describe.each<BrowserFamily>(['chromium', 'firefox'])('fixes of the %s recordings', (browser) => {
  const streams = loadRecordedStreams(browser);
  it('has blocked scenarios to check', () => {
    const fixable = streams.flatMap((s) =>
      replayStream(s, browser).filter((x) => x.verdict.failure?.fix.byHeaders),
    );
    expect(fixable.length).toBeGreaterThan(browser === 'chromium' ? 30 : 10);
  });
  it.each(streams.map((s) => [s.scenario, s] as const))('%s: the fix passes', (_, stream) => {
    for (const exchange of replayStream(stream, browser)) {
      expect(failedCheck(exchange.observation), exchange.observation.request.url).toBeNull();
    }
  });
});

describe('fixes of generated exchanges', () => {
  it('every header fix the engine gives makes it allow the exchange', () => {
    let fixes = 0;
    fc.assert(
      fc.property(observation.map(asBrowserSends), (obs) => {
        if (judge(obs).failure?.fix.byHeaders) fixes += 1;
        expect(failedCheck(obs)).toBeNull();
      }),
      { numRuns: 3000 },
    );
    // (Each case judges the exchange three times: on two busy cores that can take seconds.)
    // Most generated exchanges are allowed or not CORS (about 8% get a header fix): the check must have met enough fixes.
    expect(fixes).toBeGreaterThan(150);
  }, 60_000);
});
