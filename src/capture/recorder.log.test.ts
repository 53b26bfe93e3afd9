import { describe, expect, it } from 'vitest';
import { Recorder } from './recorder';
import {
  API,
  PAGE,
  TAB,
  Timeline,
  allowOrigin,
  corsRequestHeaders,
} from './testing/chromium-events';
import { exchangesOf, feeder, recordAll } from './testing/record';
import { simpleExchange } from './testing/scenarios';

function navigate(t: Timeline, url = `${PAGE}/next`, tabId = TAB) {
  return t
    .request({ url, type: 'main_frame', initiator: null, tabId })
    .before()
    .sendHeaders([])
    .respond(200, []);
}

describe('the per-tab log', () => {
  it('keeps the newest exchanges within the bound and counts the dropped ones', () => {
    const t = new Timeline();
    const handles = Array.from({ length: 5 }, (_, i) =>
      simpleExchange(t, { url: `${API}/item/${i}`, responseHeaders: [allowOrigin()] }),
    );
    const recorder = recordAll(t.events, { maxExchangesPerTab: 3 });
    const tab = recorder.tab(TAB);
    expect(tab?.exchanges.map((e) => e.requestId)).toEqual(
      handles.slice(2).map((h) => h.requestId),
    );
    expect(tab?.dropped).toBe(2);
    const batch = recorder.drainChanges();
    expect(batch.removed).toEqual(handles.slice(0, 2).map((h) => `${TAB}:${h.requestId}`));
    expect(batch.upserts.map((e) => e.requestId)).toEqual(handles.slice(2).map((h) => h.requestId));
    expect(batch.tabs).toEqual([{ tabId: TAB, size: 3, dropped: 2, preserveLog: true }]);
  });

  it('a dropped exchange’s late events do not bring it back', () => {
    const t = new Timeline();
    const slow = t
      .request({ url: `${API}/slow` })
      .before()
      .sendHeaders(corsRequestHeaders());
    simpleExchange(t, { url: `${API}/a` });
    simpleExchange(t, { url: `${API}/b` });
    slow.respond(200, [allowOrigin()]);
    const recorder = recordAll(t.events, { maxExchangesPerTab: 2 });
    expect(exchangesOf(recorder).map((e) => e.finalUrl)).toEqual([`${API}/a`, `${API}/b`]);
  });

  it('marks navigations and, by default, keeps the log across them', () => {
    const t = new Timeline();
    simpleExchange(t, { blocked: true });
    const nav = navigate(t);
    simpleExchange(t, { url: `${API}/other`, responseHeaders: [allowOrigin()] });
    const recorder = recordAll(t.events);
    const tab = recorder.tab(TAB);
    expect(tab?.exchanges).toHaveLength(2);
    expect(tab?.markers).toEqual([
      {
        kind: 'navigation',
        tabId: TAB,
        url: `${PAGE}/next`,
        at: expect.any(Number) as number,
        seq: 1,
      },
    ]);
    // The marker sits between the two exchanges.
    expect(tab?.exchanges.map((e) => e.seq)).toEqual([0, 2]);
    expect(nav.requestId).toBeTruthy();
  });

  it('one marker per navigation, even when its main-frame request redirects', () => {
    const t = new Timeline();
    t.request({ url: `${PAGE}/`, type: 'main_frame', initiator: null })
      .before()
      .sendHeaders([])
      .redirect(302, [], `${PAGE}/home`)
      .respond(200, []);
    expect(recordAll(t.events).tab(TAB)?.markers).toHaveLength(1);
  });

  it('without preserve log a navigation clears the log, in-flight requests included', () => {
    const t = new Timeline();
    const recorder = new Recorder({ preserveLogByDefault: false });
    const feed = feeder(recorder, t);
    simpleExchange(t, { blocked: true });
    const inFlight = t
      .request({ url: `${API}/pending` })
      .before()
      .sendHeaders(corsRequestHeaders());
    feed();
    recorder.drainChanges();
    navigate(t);
    // The old page's request is aborted by the navigation: it must not come back.
    inFlight.failed('net::ERR_ABORTED');
    simpleExchange(t, { url: `${API}/new-page`, responseHeaders: [allowOrigin()] });
    feed();

    const tab = recorder.tab(TAB);
    expect(tab?.exchanges.map((e) => e.finalUrl)).toEqual([`${API}/new-page`]);
    expect(tab?.markers).toHaveLength(1);
    const batch = recorder.drainChanges();
    expect(batch.cleared).toEqual([TAB]);
    expect(batch.upserts.map((e) => e.finalUrl)).toEqual([`${API}/new-page`]);
    expect(batch.markers).toHaveLength(1);
  });

  it('preserve log is a per-tab setting', () => {
    const t = new Timeline();
    simpleExchange(t, { blocked: true });
    simpleExchange(t, { blocked: true, tabId: 8 });
    navigate(t);
    navigate(t, `${PAGE}/x`, 8);
    const recorder = new Recorder();
    recorder.setPreserveLog(8, false);
    for (const e of t.events) recorder.handle(e);
    expect(exchangesOf(recorder, TAB)).toHaveLength(1);
    expect(exchangesOf(recorder, 8)).toHaveLength(0);
    expect(recorder.tab(8)?.preserveLog).toBe(false);
  });

  it('clearTab empties one tab; removeTab forgets it', () => {
    const t = new Timeline();
    simpleExchange(t, { blocked: true });
    simpleExchange(t, { blocked: true, tabId: 8 });
    const recorder = recordAll(t.events);
    recorder.drainChanges();
    recorder.clearTab(TAB);
    expect(exchangesOf(recorder, TAB)).toHaveLength(0);
    expect(exchangesOf(recorder, 8)).toHaveLength(1);
    recorder.removeTab(8);
    expect(recorder.tab(8)).toBeUndefined();
    const batch = recorder.drainChanges();
    expect(batch.cleared).toEqual([TAB, 8]);
    expect(batch.closed).toEqual([8]);
    expect(batch.removed).toEqual([]);
  });
});

describe('the change feed', () => {
  it('reports each changed exchange once per batch, in its latest state', () => {
    const t = new Timeline();
    const handle = simpleExchange(t, { responseHeaders: [allowOrigin()] });
    const recorder = recordAll(t.events);
    const batch = recorder.drainChanges();
    expect(batch.upserts).toHaveLength(1);
    expect(batch.upserts[0]?.state).toBe('done');
    expect(recorder.hasChanges()).toBe(false);
    expect(recorder.drainChanges().upserts).toEqual([]);
    // A duplicated final event changes nothing, so nothing is reported.
    const last = t.events[t.events.length - 1];
    if (last) recorder.handle(last);
    expect(recorder.hasChanges()).toBe(false);
    expect(handle.requestId).toBe(batch.upserts[0]?.requestId);
  });

  it('a tab cleared after an upsert in the same batch sends only the clear', () => {
    const t = new Timeline();
    simpleExchange(t, { blocked: true });
    const recorder = recordAll(t.events);
    recorder.clearTab(TAB);
    const batch = recorder.drainChanges();
    expect(batch.upserts).toEqual([]);
    expect(batch.cleared).toEqual([TAB]);
  });
});

describe('time-outs', () => {
  it('marks an exchange with no final event timed-out after 60 s, and a late event revives it', () => {
    const t = new Timeline();
    const handle = t
      .request({ url: `${API}/poll` })
      .before()
      .sendHeaders(corsRequestHeaders());
    const recorder = recordAll(t.events);
    recorder.expire(t.now + 59_000);
    expect(exchangesOf(recorder)[0]?.state).toBe('in-flight');
    recorder.expire(t.now + 60_001);
    const [timedOut] = exchangesOf(recorder);
    expect(timedOut?.state).toBe('timed-out');
    expect(timedOut?.observation.outcome).toEqual({ kind: 'in-flight' });
    expect(timedOut?.verdict.status).toBe('pending');
    expect(timedOut?.note).toMatch(/No final event within 60 s/);

    const feed = feeder(recorder, t);
    t.advance(70_000);
    handle.respond(200, [allowOrigin()]);
    feed();
    const [done] = exchangesOf(recorder);
    expect(done?.state).toBe('done');
    expect(done?.verdict.status).toBe('allowed');
    expect(done?.note).toBeUndefined();
  });

  it('the time-out is configurable', () => {
    const t = new Timeline();
    t.request({ url: `${API}/x` }).before();
    const recorder = recordAll(t.events, { timeoutMs: 1000 });
    recorder.expire(t.now + 1001);
    expect(exchangesOf(recorder)[0]?.state).toBe('timed-out');
  });
});

describe('changing the per-tab bound', () => {
  it('drops the oldest exchanges now, counts them, and tells the panel which', () => {
    const t = new Timeline();
    for (let i = 0; i < 5; i++) simpleExchange(t, { url: `${API}/r${i}` });
    const recorder = recordAll(t.events);
    recorder.drainChanges();
    recorder.setMaxExchangesPerTab(2);
    expect(exchangesOf(recorder).map((e) => e.observation.request.url)).toEqual([
      `${API}/r3`,
      `${API}/r4`,
    ]);
    expect(recorder.tab(TAB)?.dropped).toBe(3);
    const batch = recorder.drainChanges();
    expect(batch.removed).toHaveLength(3);
    expect(batch.tabs.map((s) => s.dropped)).toEqual([3]);
  });
});
