/** Export → open gives the same verdicts: the report is a faithful record of what was judged. */
import { loadRecordedStreams } from '../capture/testing/recorded-fixtures.node';
import { describe, expect, it } from 'vitest';
import type { Exchange } from '../capture/exchange';
import { exportHar } from './har-export';
import { importHar } from './har-import';
import type { ImportedExchange } from './import-types';
import {
  canaryExchanges,
  edgeCaseExchanges,
  pageProbeExchanges,
  replayFixture,
  type RecordedFixture,
} from './testing/exchanges';

const FIXTURES = loadRecordedStreams<RecordedFixture>('chromium');

const verdictOf = (x: Exchange | ImportedExchange) => ({
  status: x.verdict.status,
  corsError: x.verdict.failure?.corsError,
  failedParameter: x.verdict.failure?.failedParameter,
  stage: x.verdict.failure?.stage,
  preflight: x.verdict.preflight.seen,
});

/** The saved file, read back: what the panel's Open report and the CLI get. */
function roundTrip(exchanges: readonly Exchange[], redact: boolean) {
  const text = JSON.stringify(exportHar(exchanges, { redact, page: 'http://127.0.0.1:7101/' }));
  const opened = importHar(JSON.parse(text));
  expect(opened.source).toBe('cors-lens');
  expect(opened.problems).toEqual([]);
  return opened.exchanges;
}

function byId(exchanges: readonly ImportedExchange[], id: string): ImportedExchange {
  const found = exchanges.find((x) => x.id === id);
  if (!found) throw new Error(`exchange ${id} not in the opened file`);
  return found;
}

describe('export → open', () => {
  it.each(FIXTURES.map((f) => [f.scenario, f] as const))(
    '%s: the same verdicts, redacted or not',
    (_name, fixture) => {
      const exchanges = replayFixture(fixture);
      for (const redact of [true, false]) {
        const opened = roundTrip(exchanges, redact);
        expect(opened).toHaveLength(exchanges.length);
        for (const x of exchanges) expect(verdictOf(byId(opened, x.id))).toEqual(verdictOf(x));
      }
    },
  );

  it.each(FIXTURES.map((f) => [f.scenario, f] as const))(
    '%s: without redaction, the very observation the engine judged',
    (_name, fixture) => {
      const exchanges = replayFixture(fixture);
      const opened = roundTrip(exchanges, false);
      for (const x of exchanges) {
        const back = byId(opened, x.id);
        expect(back.observation).toEqual(JSON.parse(JSON.stringify(x.observation)));
        expect(back.verdict).toEqual(JSON.parse(JSON.stringify(x.verdict)));
        expect(back.unknowns).toEqual([]);
      }
    },
  );

  it('timed-out, in-flight and orphan exchanges, and a preflight per redirect hop', () => {
    const exchanges = edgeCaseExchanges();
    for (const redact of [true, false]) {
      const opened = roundTrip(exchanges, redact);
      for (const x of exchanges) {
        const back = byId(opened, x.id);
        expect(verdictOf(back)).toEqual(verdictOf(x));
        if (!redact) expect(back.observation).toEqual(JSON.parse(JSON.stringify(x.observation)));
        expect(back.unknowns).toEqual(x.note === undefined ? [] : [x.note]);
      }
    }
  });

  it("what only the page saw: calls refused before the network, the page's credentials and target space", () => {
    const exchanges = pageProbeExchanges();
    expect(exchanges.map((x) => x.verdict.failure?.corsError ?? x.verdict.cause?.id)).toEqual([
      'DisallowedByMode',
      'NoCorsRedirectModeNotFollow',
      'CorsDisabledScheme',
      'content-security-policy',
      'mixed-content',
      undefined,
      'url-credentials',
      'no-cors-method',
      'WildcardOriginNotAllowed',
    ]);
    for (const redact of [true, false]) {
      const opened = roundTrip(exchanges, redact);
      for (const x of exchanges) {
        const back = byId(opened, x.id);
        expect(verdictOf(back)).toEqual(verdictOf(x));
        expect(back.verdict.cause?.id).toBe(x.verdict.cause?.id);
        if (redact) continue;
        expect(back.verdict).toEqual(JSON.parse(JSON.stringify(x.verdict)));
        expect(back.observation).toEqual(JSON.parse(JSON.stringify(x.observation)));
      }
    }
  });

  it('secrets redacted: the same statuses and checks', () => {
    const exchanges = canaryExchanges();
    const opened = roundTrip(exchanges, true);
    for (const x of exchanges) {
      const back = byId(opened, x.id);
      expect(back.verdict.status).toBe(x.verdict.status);
      expect(back.verdict.failure?.corsError).toBe(x.verdict.failure?.corsError);
      expect(back.verdict.credentials.value).toBe(x.verdict.credentials.value);
    }
  });

  it('says when the engine now disagrees with the verdict the file recorded', () => {
    const fixture = FIXTURES.find((f) => f.scenario === 'missing-acao');
    const har = JSON.parse(JSON.stringify(exportHar(fixture ? replayFixture(fixture) : []))) as {
      log: { entries: Array<{ _cors: { verdict?: string } }> };
    };
    const [entry] = har.log.entries;
    if (entry) entry._cors.verdict = 'allowed';
    const opened = importHar(har);
    expect(opened.exchanges[0]?.verdict.status).toBe('blocked');
    expect(opened.problems).toEqual([
      expect.stringMatching(/^entry 0: the file recorded "allowed", the engine now says "blocked"/),
    ]);
  });
});
