import { describe, expect, it } from 'vitest';
import type { RowLogChanges } from '../../protocol/messages';
import { rowOf } from '../../protocol/exchange-row';
import { manyExchanges } from '../list/testing';
import { applyLogChanges, EMPTY_LOG, logFromSnapshot } from './log-state';

const changes = (patch: Partial<RowLogChanges>): RowLogChanges => ({
  cleared: false,
  removed: [],
  upserts: [],
  markers: [],
  stats: null,
  ...patch,
});

describe('the log as the panel holds it', () => {
  const [a, b, c, d] = manyExchanges(4).map(rowOf);
  if (!a || !b || !c || !d) throw new Error('exchanges missing');

  it('is a value: a new version leaves the one before as it was', () => {
    const first = logFromSnapshot({
      exchanges: [b, a],
      markers: [],
      stats: { tabId: 7, size: 2, dropped: 0, preserveLog: true },
    });
    expect(first.exchanges).toEqual([a, b]);
    const second = applyLogChanges(first, changes({ upserts: [c, d] }));
    expect(second.exchanges).toEqual([a, b, c, d]);
    expect(first.exchanges).toEqual([a, b]);
    expect(first.byId.get(d.id)).toBeUndefined();
    expect(second.byId.get(d.id)).toBe(d);

    const updated = applyLogChanges(second, changes({ upserts: [{ ...b, finalUrl: 'later' }] }));
    expect(updated.exchanges.map((e) => e.finalUrl)).toEqual([
      a.finalUrl,
      'later',
      c.finalUrl,
      d.finalUrl,
    ]);
    expect(second.byId.get(b.id)).toBe(b);
    const removed = applyLogChanges(updated, changes({ removed: [a.id] }));
    expect(removed.exchanges.map((e) => e.id)).toEqual([b.id, c.id, d.id]);
    expect(removed.byId.get(a.id)).toBeUndefined();
    expect(updated.byId.get(a.id)).toBe(a);
    const cleared = applyLogChanges(removed, changes({ cleared: true, upserts: [d] }));
    expect(cleared.exchanges).toEqual([d]);
    expect(cleared.byId.get(b.id)).toBeUndefined();
    expect(EMPTY_LOG.exchanges).toEqual([]);
  });

  it('keeps one lineage while it only grows at its end, and starts another on any other change', () => {
    const base = applyLogChanges(EMPTY_LOG, changes({ upserts: [a, b] }));
    const grown = applyLogChanges(base, changes({ upserts: [c] }));
    expect(grown.lineage).toBe(base.lineage);
    // Growing an older version again would branch the lineage: it gets one of its own.
    const branch = applyLogChanges(base, changes({ upserts: [d] }));
    expect(branch.lineage).not.toBe(base.lineage);
    expect(grown.exchanges).toEqual([a, b, c]);
    const updated = applyLogChanges(grown, changes({ upserts: [{ ...a, finalUrl: 'x' }] }));
    expect(updated.lineage).not.toBe(grown.lineage);
    const late = applyLogChanges(updated, changes({ upserts: [{ ...d, id: 'late', seq: -1 }] }));
    expect(late.lineage).not.toBe(updated.lineage);
    expect(late.exchanges[0]?.id).toBe('late');
    // A log made elsewhere (a test's literal) has no lineage; growing it makes one.
    const literal = { byId: new Map([[a.id, a]]), exchanges: [a], markers: [], stats: null };
    const fromLiteral = applyLogChanges(literal, changes({ upserts: [b] }));
    expect(fromLiteral.exchanges).toEqual([a, b]);
    expect(literal.exchanges).toEqual([a]);
    expect(fromLiteral.byId.get(a.id)).toBe(a);
  });

  it('keeps the later of two versions of an id in one batch', () => {
    const log = applyLogChanges(EMPTY_LOG, changes({ upserts: [a, { ...a, finalUrl: 'second' }] }));
    expect(log.exchanges.map((e) => e.finalUrl)).toEqual(['second']);
  });
});
