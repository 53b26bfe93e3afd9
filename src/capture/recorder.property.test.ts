import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { WebRequestEvent } from './events';
import type { Exchange } from './exchange';
import { Recorder } from './recorder';
import { API, TAB } from './testing/chromium-events';
import { recordAll } from './testing/record';
import {
  SCENARIO_KINDS,
  SHARED_URL,
  buildScenario,
  type Scenario,
} from './testing/scenario-catalogue';

const BASE = 1_760_000_000_000;
const FAR_FUTURE = BASE + 365 * 24 * 3600 * 1000;

const scenarioSpecs = fc.array(
  fc.record({
    kind: fc.constantFrom(...SCENARIO_KINDS),
    sharedUrl: fc.boolean(),
    // Overlapping clocks: the exchanges run at the same time, as on a busy page.
    offset: fc.integer({ min: 0, max: 40 }),
  }),
  { minLength: 1, maxLength: 6 },
);

interface Spec {
  kind: Scenario['kind'];
  sharedUrl: boolean;
  offset: number;
}

function build(specs: readonly Spec[], allowShared: boolean): Scenario[] {
  return specs.map((spec, i) =>
    buildScenario(spec.kind, {
      url: allowShared && spec.sharedUrl ? SHARED_URL : `${API}/s/${i}`,
      start: BASE + spec.offset,
      firstRequestId: 1000 * (i + 1),
    }),
  );
}

/** Merges the lists in a random order that keeps each list's own order. */
function interleave(lists: ReadonlyArray<readonly WebRequestEvent[]>, keys: readonly number[]) {
  let k = 0;
  const tagged: Array<{ key: number; list: number; event: WebRequestEvent }> = [];
  lists.forEach((events, list) => {
    const mine = events.map(() => keys[k++ % keys.length] ?? 0).sort((a, b) => a - b);
    events.forEach((event, i) => tagged.push({ key: mine[i] ?? 0, list, event }));
  });
  return tagged.sort((a, b) => a.key - b.key || a.list - b.list).map((t) => t.event);
}

function allExchanges(recorder: Recorder): Exchange[] {
  return recorder.tabIds().flatMap((tabId) => [...(recorder.tab(tabId)?.exchanges ?? [])]);
}

/** Which exchange each requestId ended up in; fails if one is in two. */
function owners(exchanges: readonly Exchange[]): Map<string, string> {
  const owner = new Map<string, string>();
  const claim = (requestId: string, exchangeId: string) => {
    const previous = owner.get(requestId);
    if (previous !== undefined && previous !== exchangeId) {
      throw new Error(`request ${requestId} is in ${previous} and in ${exchangeId}`);
    }
    owner.set(requestId, exchangeId);
  };
  for (const exchange of exchanges) {
    claim(exchange.requestId, exchange.id);
    for (const preflight of exchange.preflights) claim(preflight.requestId, exchange.id);
  }
  return owner;
}

const summary = (e: Exchange) => ({
  kind: e.kind,
  status: e.verdict.status,
  corsError: e.verdict.failure?.corsError,
  preflights: e.preflights.map((p) => p.requestId),
  cached: e.cachedFrom !== undefined,
});

describe('capture under arbitrary event order (property)', () => {
  it('interleaving independent exchanges changes none of their verdicts or pairings', () => {
    fc.assert(
      fc.property(
        scenarioSpecs,
        fc.array(fc.integer({ min: 0, max: 1_000_000 }), { minLength: 1, maxLength: 300 }),
        (specs, keys) => {
          const scenarios = build(specs, false);
          const alone = new Map<string, ReturnType<typeof summary>>();
          for (const scenario of scenarios) {
            const recorder = recordAll(scenario.events);
            recorder.expire(FAR_FUTURE);
            for (const e of allExchanges(recorder)) alone.set(e.requestId, summary(e));
          }
          const together = recordAll(
            interleave(
              scenarios.map((s) => s.events),
              keys,
            ),
          );
          together.expire(FAR_FUTURE);
          const exchanges = allExchanges(together);
          expect(exchanges).toHaveLength(alone.size);
          for (const e of exchanges) expect(summary(e)).toEqual(alone.get(e.requestId));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('shuffled, dropped and duplicated events never throw, never split a request, never stay in flight', () => {
    fc.assert(
      fc.property(
        scenarioSpecs,
        fc.array(
          fc.record({
            key: fc.integer({ min: 0, max: 1_000_000 }),
            copies: fc.constantFrom(0, 1, 1, 1, 1, 2, 3),
          }),
          { minLength: 1, maxLength: 300 },
        ),
        fc.boolean(),
        (specs, chaos, preserveLog) => {
          const scenarios = build(specs, true);
          const events = scenarios.flatMap((s) => s.events);
          const stream = events
            .flatMap((event, i) => {
              const { key, copies } = chaos[i % chaos.length] ?? { key: 0, copies: 1 };
              return Array.from({ length: copies }, (_, c) => ({ key: key + c * 7919, event }));
            })
            .sort((a, b) => a.key - b.key)
            .map((x) => x.event);

          const recorder = new Recorder({ preserveLogByDefault: preserveLog });
          stream.forEach((event, i) => {
            recorder.handle(event);
            if (i % 7 === 0) recorder.drainChanges();
          });
          recorder.expire(FAR_FUTURE);

          const exchanges = allExchanges(recorder);
          const owner = owners(exchanges);
          for (const scenario of scenarios) {
            for (const id of scenario.ignoredIds) expect(owner.has(id)).toBe(false);
          }
          // Every exchange of kind `request` is for a distinct requestId.
          const requestIds = exchanges.filter((e) => e.kind === 'request').map((e) => e.requestId);
          expect(new Set(requestIds).size).toBe(requestIds.length);
          for (const e of exchanges) expect(e.state).not.toBe('in-flight');

          // And the state survives a restart exactly.
          const { recorder: restored, error } = Recorder.fromSnapshot(
            JSON.parse(JSON.stringify(recorder.toSnapshot())) as unknown,
            { preserveLogByDefault: preserveLog },
          );
          expect(error).toBeUndefined();
          expect(restored.tab(TAB)).toEqual(recorder.tab(TAB));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('in Chromium’s own order, every request and preflight lands where it belongs', () => {
    fc.assert(
      fc.property(scenarioSpecs, (specs) => {
        const scenarios = build(specs, false);
        const recorder = recordAll(scenarios.flatMap((s) => s.events));
        recorder.expire(FAR_FUTURE);
        const owner = owners(allExchanges(recorder));
        for (const scenario of scenarios) {
          for (const id of scenario.requestIds) expect(owner.get(id)).toBe(`${TAB}:${id}`);
          for (const id of scenario.preflightIds) {
            // A preflight belongs to its scenario's request, or is an orphan of its own.
            const expected = scenario.kind === 'orphan-preflight' ? id : scenario.requestIds[0];
            expect(owner.get(id)).toBe(`${TAB}:${expected}`);
          }
        }
      }),
      { numRuns: 200 },
    );
  });
});
