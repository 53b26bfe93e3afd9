/**
 * The capture against real Chromium: each fixture is the webRequest event stream
 * Chromium 156 gave the extension for one playground scenario, beside Chromium's own
 * verdict (CDP) or the page's outcome. Re-record with `npm run record:streams`.
 */
import { describe, expect, it } from 'vitest';
import {
  loadRecordedStreams,
  replayStream,
  streamEvents,
  type RecordedStream,
} from './testing/recorded-fixtures.node';

interface Fixture extends RecordedStream {
  readonly chromium: ReadonlyArray<{
    readonly corsError?: string;
    readonly failedParameter?: string;
  }> | null;
  readonly pageResults: ReadonlyArray<{ readonly ok: boolean }>;
}

const fixtures = loadRecordedStreams<Fixture>('chromium');

function replay(fixture: Fixture) {
  expect(streamEvents(fixture)).toHaveLength(fixture.events.length);
  return replayStream(fixture, 'chromium');
}

describe('recorded Chromium event streams', () => {
  it('covers every playground scenario', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(40);
  });

  it.each(fixtures.map((f) => [f.scenario, f] as const))(
    '%s: the capture reaches Chromium’s verdict',
    (_name, fixture) => {
      const exchanges = replay(fixture);
      expect(exchanges.every((e) => e.state === 'done')).toBe(true);
      if (fixture.chromium) {
        expect(
          exchanges.map((e) => [
            e.verdict.status,
            e.verdict.failure?.corsError,
            e.verdict.failure?.failedParameter,
          ]),
        ).toEqual(
          fixture.chromium.map((c) =>
            c.corsError === undefined
              ? ['allowed', undefined, undefined]
              : ['blocked', c.corsError, c.failedParameter],
          ),
        );
      } else {
        expect(exchanges.map((e) => e.verdict.status)).toEqual(
          fixture.pageResults.map((r) => (r.ok ? 'allowed' : 'blocked')),
        );
      }
    },
  );
});
