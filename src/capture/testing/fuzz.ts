/**
 * Fuzzing the capture: real event streams (recorded from Chromium) mixed, shuffled, with
 * events dropped and duplicated, must never throw, and once time has passed no exchange
 * may stay in flight. Shared by a unit test (a few hundred cases) and the bench (100,000).
 */
import fc from 'fast-check';
import type { WebRequestEvent } from '../events';
import { Recorder } from '../recorder';

const FAR_FUTURE = 4_000_000_000_000;

export interface FuzzedStream {
  readonly events: WebRequestEvent[];
}

/** Streams picked from `streams`, their request ids made distinct, then damaged. */
export function damagedStreams(
  streams: ReadonlyArray<readonly WebRequestEvent[]>,
): fc.Arbitrary<FuzzedStream> {
  return fc
    .record({
      picks: fc.array(fc.nat({ max: streams.length - 1 }), { minLength: 1, maxLength: 6 }),
      keys: fc.array(fc.nat(), { minLength: 1, maxLength: 64 }),
      damage: fc.array(fc.constantFrom('keep', 'keep', 'keep', 'drop', 'duplicate'), {
        minLength: 1,
        maxLength: 64,
      }),
      shuffle: fc.boolean(),
    })
    .map(({ picks, keys, damage, shuffle }) => {
      const events = picks.flatMap((pick, n) =>
        (streams[pick] ?? []).map((e) => ({ ...e, requestId: `${n}-${e.requestId}` })),
      );
      const damaged = events.flatMap((event, i) => {
        const what = damage[i % damage.length];
        return what === 'drop' ? [] : what === 'duplicate' ? [event, event] : [event];
      });
      const ordered = shuffle
        ? damaged
            .map((event, i) => ({ event, key: keys[i % keys.length] ?? 0, i }))
            .sort((a, b) => a.key - b.key || a.i - b.i)
            .map((t) => t.event)
        : damaged;
      return { events: ordered };
    });
}

/** Feeds the events, lets time pass, and returns the exchanges left in flight (must be none). */
export function replayDamaged({ events }: FuzzedStream): string[] {
  const recorder = new Recorder();
  events.forEach((event, i) => {
    recorder.handle(event);
    if (i % 7 === 6) recorder.drainChanges();
  });
  recorder.drainChanges();
  recorder.expire(FAR_FUTURE);
  recorder.drainChanges();
  return recorder
    .tabIds()
    .flatMap((tabId) => recorder.tab(tabId)?.exchanges ?? [])
    .filter((e) => e.state === 'in-flight')
    .map((e) => e.id);
}
