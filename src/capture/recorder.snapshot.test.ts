import { describe, expect, it } from 'vitest';
import { Recorder } from './recorder';
import {
  API,
  Timeline,
  allowOrigin,
  corsRequestHeaders,
  preflightRequestHeaders,
} from './testing/chromium-events';
import { byRequestId, exchangesOf, feeder, onlyExchange, recordAll } from './testing/record';
import { preflightedExchange, simpleExchange } from './testing/scenarios';

/** What storage.session hands back: a JSON copy. */
function throughStorage(recorder: Recorder): unknown {
  return JSON.parse(JSON.stringify(recorder.toSnapshot())) as unknown;
}

describe('snapshots', () => {
  it('a worker stopped mid-exchange resumes and pairs the rest', () => {
    const t = new Timeline();
    const url = `${API}/api/items/1`;
    const put = t.request({ url, method: 'PUT' }).before();
    const pf = t
      .request({ url, method: 'OPTIONS' })
      .before()
      .sendHeaders(preflightRequestHeaders('PUT', 'x-foo'));
    const before = recordAll(t.events);

    const { recorder, error } = Recorder.fromSnapshot(throughStorage(before));
    expect(error).toBeUndefined();
    const feed = feeder(recorder, t);
    pf.respond(204, [allowOrigin(), ['Access-Control-Allow-Methods', 'PUT']]);
    put.failed();
    feed();

    const exchange = onlyExchange(recorder);
    expect(exchange.preflights.map((p) => p.requestId)).toEqual([pf.requestId]);
    expect(exchange.verdict.failure).toMatchObject({
      corsError: 'HeaderDisallowedByPreflightResponse',
      failedParameter: 'x-foo',
    });
  });

  it('a preflight waiting for its request survives a restart', () => {
    const t = new Timeline();
    const url = `${API}/api/items/1`;
    t.request({ url, method: 'OPTIONS' })
      .before()
      .sendHeaders(preflightRequestHeaders('DELETE'))
      .respond(204, [allowOrigin(), ['Access-Control-Allow-Methods', 'DELETE']]);
    const { recorder } = Recorder.fromSnapshot(throughStorage(recordAll(t.events)));
    const feed = feeder(recorder, t);
    const del = t
      .request({ url, method: 'DELETE' })
      .before()
      .sendHeaders(corsRequestHeaders())
      .respond(204, [allowOrigin()]);
    feed();
    const exchange = onlyExchange(recorder);
    expect(exchange.requestId).toBe(del.requestId);
    expect(exchange.preflights).toHaveLength(1);
    expect(exchange.verdict.status).toBe('allowed');
  });

  it('keeps logs, counts, markers, settings and the preflight cache', () => {
    const t = new Timeline();
    const { actual: first } = preflightedExchange(t, {
      preflightHeaders: [
        allowOrigin(),
        ['Access-Control-Allow-Methods', 'PUT'],
        ['Access-Control-Max-Age', '600'],
      ],
      actual: { headers: [allowOrigin()] },
    });
    for (let i = 0; i < 3; i++) simpleExchange(t, { url: `${API}/n/${i}`, blocked: true });
    t.request({ url: 'http://127.0.0.1:7101/', type: 'main_frame', initiator: null }).before();
    const original = recordAll(t.events, { maxExchangesPerTab: 3 });
    original.setPreserveLog(7, true);
    const { recorder } = Recorder.fromSnapshot(throughStorage(original), {
      maxExchangesPerTab: 3,
    });
    expect(recorder.tab(7)).toEqual(original.tab(7));

    // The first PUT was dropped from the log, but its preflight is still cached.
    const feed = feeder(recorder, t);
    const second = t
      .request({ url: `${API}/api/items/1`, method: 'PUT' })
      .before()
      .sendHeaders(corsRequestHeaders())
      .respond(200, [allowOrigin()]);
    feed();
    expect(byRequestId(recorder, second.requestId).cachedFrom).toBe(`7:${first.requestId}`);
  });

  it('recomputes verdicts on load rather than trusting stored ones', () => {
    const t = new Timeline();
    simpleExchange(t, { blocked: true });
    const snapshot = throughStorage(recordAll(t.events));
    expect(JSON.stringify(snapshot)).not.toContain('MissingAllowOriginHeader');
    const { recorder } = Recorder.fromSnapshot(snapshot);
    expect(onlyExchange(recorder).verdict.failure?.corsError).toBe('MissingAllowOriginHeader');
  });

  it('garbage gives an empty recorder and a reason, never a throw', () => {
    const t = new Timeline();
    simpleExchange(t, { blocked: true });
    const good = throughStorage(recordAll(t.events)) as { tabs: Array<{ exchanges: unknown[] }> };
    const badHeaders = structuredClone(good);
    const tab = badHeaders.tabs[0];
    if (tab)
      tab.exchanges = [{ id: 'x', seq: 0, kind: 'request', timedOut: false, trace: { hops: [] } }];
    const cyclic: Record<string, unknown> = { version: 1 };
    cyclic.self = cyclic;
    const inputs: unknown[] = [
      undefined,
      null,
      42,
      'snapshot',
      [],
      {},
      { version: 2, seq: 0, tabs: [], pending: [], tombstones: [], preflightCache: [] },
      { version: 1, seq: -1, tabs: [], pending: [], tombstones: [], preflightCache: [] },
      { version: 1, seq: 0, tabs: [{ tabId: 1 }], pending: [], tombstones: [], preflightCache: [] },
      badHeaders,
      cyclic,
      { version: 1, seq: 0, tabs: [], pending: [], tombstones: [], preflightCache: [], big: 1n },
    ];
    for (const input of inputs) {
      const { recorder, error } = Recorder.fromSnapshot(input);
      expect(error).toEqual(expect.any(String));
      expect(recorder.tabIds()).toEqual([]);
      expect(exchangesOf(recorder)).toEqual([]);
    }
    expect(Recorder.fromSnapshot(good).error).toBeUndefined();
  });
});
