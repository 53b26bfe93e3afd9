import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { WebRequestEvent } from '../capture/events';
import { Recorder } from '../capture/recorder';
import {
  API,
  TAB as TIMELINE_TAB,
  Timeline,
  allowOrigin,
  preflightRequestHeaders,
} from '../capture/testing/chromium-events';
import type { TabLogChanges } from '../protocol/messages';
import { pageCall, FAILED_TO_FETCH } from '../capture/testing/page-calls';
import { HEAD_KEY, keyedSnapshotStore, type SnapshotStore } from './keyed-snapshot-store';
import { Recording } from './recording';
import { memoryArea } from './testing/memory-area';

/** A real stream: Chromium 156's events for a GET blocked by a missing ACAO. */
const stream = (
  JSON.parse(
    readFileSync(
      resolve(import.meta.dirname, '../capture/fixtures/chromium/missing-acao.json'),
      'utf8',
    ),
  ) as { events: WebRequestEvent[] }
).events;
const TAB = stream[0]?.tabId ?? -1;

/** Deferred tasks run when the test says so, not on a clock. */
function manualDefer() {
  const tasks = new Set<() => void>();
  return {
    defer: (task: () => void) => {
      tasks.add(task);
      return () => tasks.delete(task);
    },
    runAll: () => {
      for (const task of [...tasks]) {
        tasks.delete(task);
        task();
      }
    },
  };
}

/** The real keyed store over an in-memory area; `current()` is what the area holds. */
function memoryStore(initial: Record<string, unknown> = {}) {
  const area = memoryArea(initial);
  const keyed = keyedSnapshotStore(area);
  const store: SnapshotStore & { saves: number; current: () => Record<string, unknown> } = {
    saves: 0,
    load: () => keyed.load(),
    save: (delta) => {
      store.saves += 1;
      return keyed.save(delta);
    },
    current: () => area.contents(),
  };
  return store;
}

function recording(store = memoryStore(), onlyWatchedTabs = false) {
  const clock = manualDefer();
  const logger = { warn: vi.fn() };
  const rec = new Recording({
    store,
    now: () => 0,
    defer: clock.defer,
    logger,
    onlyWatchedTabs: () => onlyWatchedTabs,
  });
  return { rec, clock, store, logger };
}

describe('Recording', () => {
  it('queues events that arrive before the stored state is loaded, and loses none', async () => {
    const { rec, clock } = recording();
    for (const event of stream) rec.handle(event);
    expect(rec.debug().queued).toBe(stream.length);
    await rec.restore();
    clock.runAll();
    const view = rec.view(TAB);
    expect(view.exchanges.map((e) => e.verdict.failure?.corsError)).toEqual([
      'MissingAllowOriginHeader',
    ]);
  });

  it('sends each tab its own batch, once per flush', async () => {
    const { rec, clock } = recording();
    await rec.restore();
    const mine: TabLogChanges[] = [];
    const other: TabLogChanges[] = [];
    rec.subscribe(TAB, (c) => mine.push(c));
    rec.subscribe(TAB + 1, (c) => other.push(c));
    for (const event of stream) rec.handle(event);
    clock.runAll();
    expect(mine).toHaveLength(1);
    expect(mine[0]?.upserts.map((e) => e.verdict.status)).toEqual(['blocked']);
    expect(other).toEqual([]);
  });

  it('a new worker resumes from what the old one saved', async () => {
    const first = recording();
    await first.rec.restore();
    for (const event of stream) first.rec.handle(event);
    first.clock.runAll();
    await vi.waitFor(() => expect(first.rec.debug().saved).toBe(true));

    const second = recording(memoryStore(first.store.current()));
    await second.rec.restore();
    expect(second.rec.view(TAB).exchanges.map((e) => e.id)).toEqual(
      first.rec.view(TAB).exchanges.map((e) => e.id),
    );
  });

  it('starts empty, and says why, when the stored state is garbage', async () => {
    const { rec, logger } = recording(
      memoryStore({ [HEAD_KEY]: { version: 'nonsense', tabs: 3 } }),
    );
    await rec.restore();
    expect(rec.view(TAB).exchanges).toEqual([]);
    expect(logger.warn).toHaveBeenCalledOnce();
    expect(rec.debug().lastProblem).toMatch(/started with an empty recording/);
  });

  it('never runs two saves at once, and saves the latest state last', async () => {
    let release: () => void = () => undefined;
    const snapshots: unknown[] = [];
    let running = 0;
    let overlapped = false;
    const store: SnapshotStore = {
      load: () => Promise.resolve(undefined),
      save: async (snapshot) => {
        running += 1;
        overlapped ||= running > 1;
        snapshots.push(JSON.parse(JSON.stringify(snapshot)));
        await new Promise<void>((resolve) => (release = resolve));
        running -= 1;
      },
    };
    const { rec, clock } = recording(store as ReturnType<typeof memoryStore>);
    await rec.restore();
    void rec.persist();
    for (const event of stream) rec.handle(event);
    clock.runAll(); // a flush asks for another save while the first is running
    release();
    await vi.waitFor(() => expect(snapshots).toHaveLength(2));
    release();
    await vi.waitFor(() => expect(rec.debug().saved).toBe(true));
    expect(overlapped).toBe(false);
    expect(JSON.stringify(snapshots.at(-1))).toContain('missing-acao');
  });

  it('under a flood, starts saves saveIntervalMs apart at the least', async () => {
    const clock = manualDefer();
    const store = memoryStore();
    let now = 10_000;
    const rec = new Recording({
      store,
      now: () => now,
      defer: clock.defer,
      logger: { warn: vi.fn() },
      saveIntervalMs: 1000,
    });
    await rec.restore();
    await rec.persist(); // the first save after a quiet time goes at once
    expect(store.saves).toBe(1);
    now += 200;
    for (const event of stream) rec.handle(event);
    clock.runAll(); // the flush asks for a save: it waits for the interval
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(store.saves).toBe(1);
    expect(rec.debug().saved).toBe(false);
    now += 800;
    clock.runAll();
    await vi.waitFor(() => expect(rec.debug().saved).toBe(true));
    expect(store.saves).toBe(2);
    expect(JSON.stringify(store.current())).toContain('missing-acao');
  });

  it('with "record only tabs with this panel open", ignores tabs nobody watches', async () => {
    const { rec, clock } = recording(memoryStore(), true);
    await rec.restore();
    for (const event of stream) rec.handle(event);
    clock.runAll();
    expect(rec.view(TAB).exchanges).toEqual([]);
    rec.subscribe(TAB, () => undefined);
    for (const event of stream) rec.handle({ ...event, requestId: `again-${event.requestId}` });
    clock.runAll();
    expect(rec.view(TAB).exchanges).toHaveLength(1);
  });

  it('sweeps for unpaired preflights and time-outs once a second, not at every flush', async () => {
    const t = new Timeline();
    t.request({ url: `${API}/api/items/1`, method: 'OPTIONS' })
      .before()
      .sendHeaders(preflightRequestHeaders('PUT'))
      .respond(204, [allowOrigin(), ['Access-Control-Allow-Methods', 'PUT']]);
    let now = t.now;
    const clock = manualDefer();
    const rec = new Recording({
      store: memoryStore(),
      now: () => now,
      defer: clock.defer,
      logger: { warn: vi.fn() },
    });
    await rec.restore();
    const sweeps = vi.spyOn(Recorder.prototype, 'expire');
    for (const event of t.events) {
      rec.handle(event);
      now += 50;
      clock.runAll();
    }
    expect(sweeps.mock.calls.length).toBeLessThanOrEqual(1);
    // The preflight's request never came: past the pairing window it is shown on its own.
    expect(rec.view(TIMELINE_TAB).exchanges).toEqual([]);
    now += 10_001;
    expect(rec.view(TIMELINE_TAB).exchanges.map((e) => e.kind)).toEqual(['orphan-preflight']);
    sweeps.mockRestore();
  });
});

describe('Recording: which tabs are watched', () => {
  it('tells when a tab gains its first panel or loses its last, not for the panels between', () => {
    const { rec } = recording();
    const seen: number[][] = [];
    rec.onWatchedTabsChange(() => seen.push(rec.watchedTabs()));
    const first = rec.subscribe(TAB, () => undefined);
    const second = rec.subscribe(TAB, () => undefined);
    second();
    expect(seen).toEqual([[TAB]]);
    first();
    expect(seen).toEqual([[TAB], []]);
    // Unsubscribing twice changes nothing.
    first();
    expect(seen).toEqual([[TAB], []]);
  });
});

/** A clock whose deferred tasks run when the test moves time past them. */
function timedClock() {
  let now = 0;
  const tasks: Array<{ at: number; task: () => void }> = [];
  return {
    now: () => now,
    defer: (task: () => void, ms: number) => {
      const entry = { at: now + ms, task };
      tasks.push(entry);
      return () => {
        tasks.splice(tasks.indexOf(entry), 1);
      };
    },
    advance(ms: number) {
      const until = now + ms;
      for (;;) {
        tasks.sort((a, b) => a.at - b.at);
        const next = tasks[0];
        if (!next || next.at > until) break;
        tasks.shift();
        now = next.at;
        next.task();
      }
      now = until;
    },
  };
}

describe('Recording: calls refused in the page', () => {
  it('files each as its grace time ends, with no other event to trigger it', async () => {
    const clock = timedClock();
    const rec = new Recording({
      store: memoryStore(),
      now: clock.now,
      defer: clock.defer,
      logger: { warn: vi.fn() },
    });
    await rec.restore();
    // What a connected panel is sent (asking for the view would itself look again).
    const sent: string[] = [];
    rec.subscribe(3, (changes) => {
      for (const x of changes.upserts) sent.push(x.observation.request.url);
    });
    const sender = { tabId: 3, frameId: 0, origin: 'http://127.0.0.1:7101' };
    const refused = (path: string) =>
      pageCall({
        startedAt: clock.now(),
        url: `${API}${path}`,
        mode: 'same-origin',
        outcome: FAILED_TO_FETCH,
      });
    rec.handlePageReports(sender, [refused('/first')]);
    clock.advance(1900);
    // Reported while the look for the first is pending: due 1.9 s after it.
    rec.handlePageReports(sender, [refused('/second')]);
    clock.advance(300);
    expect(sent).toEqual([`${API}/first`]);
    clock.advance(2000);
    expect(sent).toEqual([`${API}/first`, `${API}/second`]);
  });
});
