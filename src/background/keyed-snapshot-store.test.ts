import { describe, expect, it } from 'vitest';
import { Recorder } from '../capture/recorder';
import { loadRecordedStreams, streamEvents } from '../capture/testing/recorded-fixtures.node';
import type { WebRequestEvent } from '../capture/events';
import { HEAD_KEY, bodyKey, keyedSnapshotStore } from './keyed-snapshot-store';
import { memoryArea } from './testing/memory-area';

const streams = loadRecordedStreams('chromium');
/** Every recorded Chromium stream, one after another in one tab's life. */
const allEvents: WebRequestEvent[] = streams.flatMap((s) => streamEvents(s));

function viewsOf(recorder: Recorder) {
  return recorder.tabIds().map((tabId) => recorder.tab(tabId));
}

describe('keyedSnapshotStore', () => {
  it('rebuilds exactly what the recorder had, from saves of what changed', async () => {
    const area = memoryArea();
    const store = keyedSnapshotStore(area);
    const recorder = new Recorder({ maxExchangesPerTab: 40 });
    // A save after every 25 events, as a worker saves after its batches.
    for (const [i, event] of allEvents.entries()) {
      recorder.handle(event);
      if (i % 25 === 24) await store.save(recorder.takeSnapshotDelta());
    }
    await store.save(recorder.takeSnapshotDelta());

    const resumed = Recorder.fromSnapshot(await keyedSnapshotStore(area).load());
    expect(resumed.error).toBeUndefined();
    expect(viewsOf(resumed.recorder)).toEqual(
      viewsOf(Recorder.fromSnapshot(recorder.toSnapshot()).recorder),
    );
    // The log was full and dropped exchanges between saves.
    expect(viewsOf(resumed.recorder).map((tab) => tab?.dropped ?? 0)).not.toContain(0);
    expect(Object.keys(area.contents())).toHaveLength(1 + 40 * recorder.tabIds().length);
  });

  it('writes the head and only the exchanges that changed', async () => {
    const area = memoryArea();
    const store = keyedSnapshotStore(area);
    const recorder = new Recorder();
    const [first, second] = streams.map((s) => streamEvents(s));
    for (const event of first ?? []) recorder.handle(event);
    await store.save(recorder.takeSnapshotDelta());
    const before = Object.keys(area.contents()).filter((key) => key !== HEAD_KEY);
    expect(before.length).toBeGreaterThan(0);

    for (const event of second ?? []) recorder.handle(event);
    await store.save(recorder.takeSnapshotDelta());
    const written = area.writes.at(-1) ?? [];
    expect(written).toContain(HEAD_KEY);
    const bodies = written.filter((key) => key !== HEAD_KEY);
    expect(bodies.length).toBeGreaterThan(0);
    expect(bodies.some((key) => before.includes(key))).toBe(false);
  });

  it('removes the bodies of exchanges that left the log', async () => {
    const area = memoryArea();
    const store = keyedSnapshotStore(area);
    const recorder = new Recorder({ maxExchangesPerTab: 3 });
    for (const event of allEvents) recorder.handle(event);
    await store.save(recorder.takeSnapshotDelta());
    for (const tabId of recorder.tabIds()) recorder.clearTab(tabId);
    await store.save(recorder.takeSnapshotDelta());
    expect(Object.keys(area.contents())).toEqual([HEAD_KEY]);
  });

  it('a full delta rewrites every exchange (after a failed write)', () => {
    const recorder = new Recorder();
    for (const event of allEvents.slice(0, 200)) recorder.handle(event);
    const first = recorder.takeSnapshotDelta();
    expect(recorder.takeSnapshotDelta().changed).toEqual([]);
    const full = recorder.takeSnapshotDelta(true);
    expect(full.changed.map((e) => e.id).sort()).toEqual(first.changed.map((e) => e.id).sort());
  });

  it('a save cut short loses only what it was writing, and its garbage is swept at load', async () => {
    const recorder = new Recorder();
    for (const event of allEvents.slice(0, 200)) recorder.handle(event);
    const delta = recorder.takeSnapshotDelta();
    const [kept, lost] = delta.changed;
    if (!kept || !lost) throw new Error('the fixture streams give fewer than two exchanges');
    const area = memoryArea({
      [HEAD_KEY]: delta.head,
      [bodyKey(kept.id)]: kept.json,
      // A body no head lists, and an old single-key format.
      [bodyKey('7:gone')]: kept.json,
      'cors-lens:recording': { version: 1 },
    });
    const { recorder: resumed, error } = Recorder.fromSnapshot(
      await keyedSnapshotStore(area).load(),
    );
    expect(error).toBeUndefined();
    const ids = resumed
      .tabIds()
      .flatMap((tabId) => resumed.tab(tabId)?.exchanges.map((e) => e.id) ?? []);
    expect(ids).toEqual([kept.id]);
    expect(Object.keys(area.contents()).sort()).toEqual([HEAD_KEY, bodyKey(kept.id)].sort());
  });

  it('over its budget, keeps the newest exchanges and counts the oldest as dropped', async () => {
    const area = memoryArea();
    const budget = 60_000;
    const store = keyedSnapshotStore(area, budget);
    const recorder = new Recorder();
    for (const [i, event] of allEvents.entries()) {
      recorder.handle(event);
      if (i % 25 === 24) await store.save(recorder.takeSnapshotDelta());
    }
    await store.save(recorder.takeSnapshotDelta());
    const bytes = Object.entries(area.contents()).reduce(
      (sum, [key, value]) =>
        sum + key.length + (typeof value === 'string' ? value : JSON.stringify(value)).length,
      0,
    );
    expect(bytes).toBeLessThanOrEqual(budget);

    const { recorder: resumed } = Recorder.fromSnapshot(await keyedSnapshotStore(area).load());
    const live = viewsOf(recorder);
    const back = viewsOf(resumed);
    const liveIds = live.flatMap((tab) => tab?.exchanges.map((e) => e.id) ?? []);
    const backIds = back.flatMap((tab) => tab?.exchanges.map((e) => e.id) ?? []);
    expect(backIds.length).toBeGreaterThan(0);
    expect(backIds.length).toBeLessThan(liveIds.length);
    // The newest survive, and every exchange is still accounted for.
    expect(liveIds.slice(-backIds.length)).toEqual(backIds);
    const count = (tabs: typeof live) =>
      tabs.reduce((sum, tab) => sum + (tab?.size ?? 0) + (tab?.dropped ?? 0), 0);
    expect(count(back)).toBe(count(live));
  });

  it('an area with no recording loads as none', async () => {
    expect(await keyedSnapshotStore(memoryArea()).load()).toBeUndefined();
  });
});
