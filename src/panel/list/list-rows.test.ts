import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Exchange } from '../../capture/exchange';
import { countByVerdict, filterNarrows, parseFilter, withMarkers } from '../../capture/filter';
import type { RowLogChanges as TabLogChanges } from '../../protocol/messages';
import {
  applyLogChanges,
  EMPTY_LOG,
  logFromSnapshot,
  type ExchangeRow,
  type LogState,
} from '../log/log-state';
import {
  countLog,
  deriveRows,
  rowsJob,
  RowsCache,
  type Derivation,
  type LogCounts,
  type RowsJob,
} from './list-rows';
import { marker, sampleExchanges } from './testing';

/** The list as the panel always derived it: the whole log, filtered, markers placed. */
function fromScratch(log: LogState, text: string, blockedOnly: boolean) {
  const filter = parseFilter(text);
  const narrowed = filter.active || blockedOnly;
  const visible = log.exchanges.filter(
    (e) => (!blockedOnly || e.verdict.status === 'blocked') && filter.predicate(e),
  );
  return {
    // These tests' logs hold whole exchanges (a whole exchange is a row).
    rows: withMarkers(visible as Exchange[], log.markers, { dropEmptySections: narrowed }),
    shown: visible.length,
  };
}

const [allowedSample, blockedSample] = sampleExchanges();
if (!allowedSample || !blockedSample) throw new Error('sample exchanges missing');
const allowed: Exchange = allowedSample;
const blocked: Exchange = blockedSample;

/** An exchange of the tab with its own id, seq and a URL made of `word`. */
function exchange(seq: number, isBlocked: boolean, word: string, version = 0): Exchange {
  const base = isBlocked ? blocked : allowed;
  const request = { ...base.observation.request, url: `http://api.test/${word}?v=${version}` };
  return {
    ...base,
    id: `t:${seq}`,
    seq,
    observation: { ...base.observation, request },
  };
}

const word = fc.stringMatching(/^[abc]{0,4}$/);
const filterText = fc.constantFrom(
  '',
  'a',
  'ab',
  'abc',
  'b',
  'ab c',
  'is:blocked',
  'is:blocked a',
  '-is:blocked',
  'v=1',
  '"a b"',
);

type Op =
  | { kind: 'append'; items: Array<{ blocked: boolean; word: string }>; markers: number }
  | { kind: 'update'; at: number; blocked: boolean; word: string }
  | { kind: 'remove'; at: number }
  | { kind: 'late'; word: string }
  | { kind: 'clear' }
  | { kind: 'filter'; text: string; blockedOnly: boolean };

const op: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('append' as const),
      items: fc.array(fc.record({ blocked: fc.boolean(), word }), { maxLength: 6 }),
      markers: fc.integer({ min: 0, max: 2 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('update' as const),
      at: fc.nat(),
      blocked: fc.boolean(),
      word,
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('remove' as const), at: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('late' as const), word }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('clear' as const) }) },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('filter' as const),
      text: filterText,
      blockedOnly: fc.boolean(),
    }),
  },
);

const NO_CHANGE: TabLogChanges = {
  cleared: false,
  removed: [],
  upserts: [],
  markers: [],
  stats: null,
};

describe('the list rows, kept up to date as the log grows and the filter changes', () => {
  it('are always those derived from scratch, whatever the steps taken', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(op, fc.boolean()), { maxLength: 25 }),
        fc.integer({ min: 1, max: 5 }),
        (ops, chunk) => {
          let log: LogState = EMPTY_LOG;
          /** What the log should hold: each id's latest version. */
          const model = new Map<string, ExchangeRow>();
          const apply = (changes: TabLogChanges) => {
            if (changes.cleared) model.clear();
            for (const id of changes.removed) model.delete(id);
            for (const e of changes.upserts) model.set(e.id, e);
            log = applyLogChanges(log, changes);
          };
          let seq = 10;
          let text = '';
          let blockedOnly = false;
          const cache = new RowsCache();
          let counts: LogCounts | undefined;
          let job: RowsJob | undefined;
          /** Every version made, with what it held then: none may change later. */
          const versions: Array<[LogState, ExchangeRow[]]> = [];
          for (const [step, exportToo] of ops) {
            if (step.kind === 'append') {
              const upserts: Exchange[] = [];
              const markers = [];
              for (const item of step.items) {
                for (let m = 0; m < step.markers; m++) markers.push(marker(seq++));
                upserts.push(exchange(seq++, item.blocked, item.word));
              }
              apply({ ...NO_CHANGE, upserts, markers });
            } else if (step.kind === 'update' && log.exchanges.length > 0) {
              const old = log.exchanges[step.at % log.exchanges.length];
              if (old) {
                const upserts = [exchange(old.seq, step.blocked, step.word, 1)];
                apply({ ...NO_CHANGE, upserts });
              }
            } else if (step.kind === 'remove' && log.exchanges.length > 0) {
              const old = log.exchanges[step.at % log.exchanges.length];
              if (old) {
                apply({ ...NO_CHANGE, removed: [old.id] });
                expect(log.byId.get(old.id)).toBeUndefined();
              }
            } else if (step.kind === 'late') {
              // An exchange older than the newest: it joins the middle.
              const upserts = [exchange(seq - 0.5, false, step.word)];
              apply({ ...NO_CHANGE, upserts });
            } else if (step.kind === 'clear') {
              apply({ ...NO_CHANGE, cleared: true });
            } else if (step.kind === 'filter') {
              text = step.text;
              blockedOnly = step.blockedOnly;
            }
            // The log: every exchange in its latest version, oldest first.
            const inOrder = [...model.values()].sort((a, b) => a.seq - b.seq);
            expect(log.exchanges).toEqual(inOrder);
            for (const e of inOrder) expect(log.byId.get(e.id)).toEqual(e);
            versions.push([log, [...log.exchanges]]);
            const expected = fromScratch(log, text, blockedOnly);
            // An export may derive the same rows at once, from the same recent ones.
            if (exportToo) {
              const exported = cache.remember(deriveRows(log, text, blockedOnly, cache));
              expect(exported.rows).toEqual(expected.rows);
            }
            // The panel's way: the same job while it follows this log and filter, else a new one
            // from the recent derivations; a few exchanges per step.
            if (!job?.follow(log, text, blockedOnly)) job = rowsJob(log, text, blockedOnly, cache);
            let derived: Derivation | undefined;
            while (!(derived = job.step(chunk)));
            cache.remember(derived);
            expect(derived.rows).toEqual(expected.rows);
            expect(derived.shown).toBe(expected.shown);
            counts = countLog(log, counts);
            expect(counts.counts).toEqual(countByVerdict(log.exchanges));
          }
          for (const [version, held] of versions) expect(version.exchanges).toEqual(held);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('extend the previous rows when a slice arrives, without searching the log again', () => {
    const first = Array.from({ length: 100 }, (_, i) => exchange(i, i % 3 === 0, 'ab'));
    let log = logFromSnapshot({
      exchanges: first,
      markers: [],
      stats: { tabId: 1, size: 100, dropped: 0, preserveLog: true },
    });
    const before = deriveRows(log, 'is:blocked', false);
    const more = Array.from({ length: 10 }, (_, i) => exchange(100 + i, true, 'ab'));
    log = applyLogChanges(log, { ...NO_CHANGE, upserts: more });
    const cache = new RowsCache();
    cache.remember(before);
    const job = rowsJob(log, 'is:blocked', false, cache);
    // Ten exchanges to look at, not 110.
    expect(job.step(9)).toBeUndefined();
    const after = job.step(1);
    expect(after?.shown).toBe(before.shown + 10);
    expect(after?.rows).toEqual(fromScratch(log, 'is:blocked', false).rows);
  });

  it('stay right when two jobs extend the same rows (the list and an export)', () => {
    const first = Array.from({ length: 20 }, (_, i) => exchange(i, i % 2 === 0, 'ab'));
    let log = logFromSnapshot({
      exchanges: first,
      markers: [marker(5)],
      stats: { tabId: 1, size: 20, dropped: 0, preserveLog: true },
    });
    // The list's job, which goes on as the log grows.
    const list = rowsJob(log, 'ab', false);
    const listed = list.step(Number.POSITIVE_INFINITY);
    if (!listed) throw new Error('not done');
    const more = Array.from({ length: 10 }, (_, i) => exchange(100 + i, i % 3 === 0, 'ab'));
    log = applyLogChanges(log, { ...NO_CHANGE, upserts: more });
    // An export extends the list's rows first...
    const cache = new RowsCache();
    cache.remember(listed);
    const exported = deriveRows(log, 'ab', false, cache);
    const expected = fromScratch(log, 'ab', false);
    expect(exported.rows).toEqual(expected.rows);
    // ...and the list's job, stepping again, does not add the new exchanges a second time.
    expect(list.follow(log, 'ab', false)).toBe(true);
    let again: Derivation | undefined;
    while (!(again = list.step(3)));
    expect(again.rows).toEqual(expected.rows);
    expect(again.shown).toBe(expected.shown);
  });

  it('search only what a shorter text let through when a character is typed', () => {
    const log = logFromSnapshot({
      exchanges: Array.from({ length: 100 }, (_, i) => exchange(i, false, i < 5 ? 'zx' : 'c')),
      markers: [],
      stats: { tabId: 1, size: 100, dropped: 0, preserveLog: true },
    });
    const typed = deriveRows(log, 'z', false);
    expect(typed.shown).toBe(5);
    const cache = new RowsCache();
    cache.remember(typed);
    const job = rowsJob(log, 'zx', false, cache);
    expect(job.step(5)?.shown).toBe(5);
  });
});

describe('whether a filter text narrows another', () => {
  it('holds for text typed at the end of the last word, or a word added', () => {
    expect(filterNarrows('', 'a')).toBe(true);
    expect(filterNarrows('pre', 'pref')).toBe(true);
    expect(filterNarrows('is:blocked pre', 'is:blocked pref')).toBe(true);
    expect(filterNarrows('pre', 'pre is:blocked')).toBe(true);
    expect(filterNarrows('pref', 'pre')).toBe(false);
    expect(filterNarrows('is:blo', 'is:bloc')).toBe(false);
    expect(filterNarrows('localhost', 'localhost:8')).toBe(false);
    expect(filterNarrows('pre x', 'prefx x')).toBe(false);
  });

  it('never claims it when some exchange would pass the longer text and not the shorter', () => {
    const texts = fc.stringMatching(/^[ab :"-]{0,6}$/).map((t) => t.replaceAll('-', 'is:'));
    const exchanges = ['a', 'b', 'ab', 'a b', 'ba', ''].flatMap((w, i) => [
      exchange(i, false, w),
      exchange(i + 10, true, w),
    ]);
    fc.assert(
      fc.property(texts, texts, (previous, next) => {
        if (!filterNarrows(previous, next)) return;
        const before = parseFilter(previous);
        const after = parseFilter(next);
        for (const e of exchanges) if (after.predicate(e)) expect(before.predicate(e)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});
