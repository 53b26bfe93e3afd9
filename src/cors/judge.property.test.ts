import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CORS_ERRORS } from './catalogue';
import { judge } from './judge';
import { VERDICT_STATUSES } from './verdict-statuses';
import { corsUnsafeHeaders } from './safelist';
import { headerList, observation } from './testing/arbitraries';
import type { HttpHeader } from './types';

const runs = { numRuns: 2000 };

describe('the engine never throws and always decides', () => {
  it('any observation gets a verdict with a known status and a headline', () => {
    fc.assert(
      fc.property(observation, (obs) => {
        const verdict = judge(obs);
        expect(VERDICT_STATUSES).toContain(verdict.status);
        // A named failure that is not CORS: the browser failed it, and the card says why.
        if (verdict.status === 'failed') {
          expect(obs.outcome.kind).toBe('failed');
          expect(verdict.cause?.steps.length).toBeGreaterThan(0);
          expect(verdict.failure).toBeUndefined();
        }
        expect(typeof verdict.headline).toBe('string');
        expect(verdict.headline.length).toBeGreaterThan(0);
      }),
      runs,
    );
  });

  it('never contradicts the browser: blocked only when the browser failed it with a CORS error', () => {
    fc.assert(
      fc.property(observation, (obs) => {
        const verdict = judge(obs);
        // Firefox reports a response it then blocks as completed: there the replay decides.
        const completedMeansAllowed = obs.browser !== 'firefox';
        if (verdict.status === 'blocked') {
          if (completedMeansAllowed) expect(obs.outcome.kind).toBe('failed');
          else expect(obs.outcome.kind).not.toBe('in-flight');
          expect(verdict.failure).toBeDefined();
          expect(CORS_ERRORS[verdict.failure?.corsError ?? 'InvalidResponse']).toBeDefined();
        }
        if (obs.outcome.kind === 'completed' && completedMeansAllowed)
          expect(['allowed', 'not-applicable']).toContain(verdict.status);
      }),
      runs,
    );
  });

  it('is deterministic and JSON-safe (it crosses to the panel and into reports)', () => {
    fc.assert(
      fc.property(observation, (obs) => {
        const verdict = judge(obs);
        expect(JSON.parse(JSON.stringify(verdict))).toEqual(verdict);
        expect(judge(obs)).toEqual(verdict);
      }),
      { numRuns: 500 },
    );
  });

  it('the set of unsafe header names does not depend on header order; duplicates count once', () => {
    fc.assert(
      fc.property(headerList, fc.integer(), (list, seed) => {
        const shuffled = [...list].sort(
          (a, b) => ((a.name.length * 31 + seed) % 7) - ((b.name.length * 31 + seed) % 7),
        );
        const names = (l: readonly HttpHeader[]) =>
          new Set(corsUnsafeHeaders(l).map((h) => h.name));
        const once = corsUnsafeHeaders([...list, ...list]).map((h) => h.name);
        expect(new Set(once).size).toBe(once.length);
        // Order can change which duplicate value is judged, so compare on de-duplicated lists.
        const dedupe = (l: readonly HttpHeader[]) =>
          l.filter(
            (h, i) => l.findIndex((o) => o.name.toLowerCase() === h.name.toLowerCase()) === i,
          );
        const unique = dedupe(list);
        expect(names(dedupe(shuffled))).toEqual(
          names(unique.filter((h) => dedupe(shuffled).includes(h))),
        );
      }),
      runs,
    );
  });
});
