import { describe, expect, it } from 'vitest';
import type { TabLogChanges } from '../../protocol/messages';
import { manyExchanges } from '../list/testing';
import { applyLogChanges, EMPTY_LOG, logFromSnapshot } from './log-state';

const changes = (patch: Partial<TabLogChanges>): TabLogChanges => ({
  cleared: false,
  removed: [],
  upserts: [],
  markers: [],
  stats: null,
  ...patch,
});

describe('the log as the panel holds it', () => {
  const [a, b, c, d] = manyExchanges(4);
  if (!a || !b || !c || !d) throw new Error('exchanges missing');

  it('grows a slice at a time, in the same array (a slice costs the slice)', () => {
    const first = logFromSnapshot({
      exchanges: [b, a],
      markers: [],
      stats: { tabId: 7, size: 2, dropped: 0, preserveLog: true },
    });
    expect(first.exchanges).toEqual([a, b]);
    const second = applyLogChanges(first, changes({ upserts: [c, d] }));
    expect(second.exchanges).toEqual([a, b, c, d]);
    expect(second.exchanges).toBe(first.exchanges);
    expect(second.byId.get(d.id)).toBe(d);
  });

  it('makes a new array for anything but growth, and never changes a log it did not make', () => {
    const base = applyLogChanges(EMPTY_LOG, changes({ upserts: [a, b] }));
    const grown = applyLogChanges(base, changes({ upserts: [c] }));
    expect(grown.exchanges).toEqual([a, b, c]);
    const literal = { byId: new Map([[a.id, a]]), exchanges: [a], markers: [], stats: null };
    const fromLiteral = applyLogChanges(literal, changes({ upserts: [b] }));
    expect(fromLiteral.exchanges).toEqual([a, b]);
    expect(literal.exchanges).toEqual([a]);
    expect(literal.byId.size).toBe(1);

    const updated = applyLogChanges(grown, changes({ upserts: [{ ...b, note: 'later' }] }));
    expect(updated.exchanges).not.toBe(grown.exchanges);
    expect(updated.exchanges.map((e) => e.note)).toEqual([a.note, 'later', c.note]);
    const removed = applyLogChanges(updated, changes({ removed: [a.id] }));
    expect(removed.exchanges.map((e) => e.id)).toEqual([b.id, c.id]);
    expect(EMPTY_LOG.exchanges).toEqual([]);
    expect(EMPTY_LOG.byId.size).toBe(0);
  });
});
