/**
 * The capture against real Chromium: each fixture is the webRequest event stream
 * Chromium 156 gave the extension for one playground scenario, beside Chromium's own
 * verdict (CDP) or the page's outcome. Re-record with `npm run record:streams`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isWebRequestEvent, type WebRequestEvent } from './events';
import { Recorder } from './recorder';

interface Fixture {
  readonly scenario: string;
  readonly origins: { readonly page: string; readonly api: string; readonly third: string };
  readonly chromium: ReadonlyArray<{
    readonly corsError?: string;
    readonly failedParameter?: string;
  }> | null;
  readonly pageResults: ReadonlyArray<{ readonly ok: boolean }>;
  readonly events: readonly unknown[];
}

const DIR = resolve(import.meta.dirname, 'fixtures', 'chromium');
const fixtures: Fixture[] = readdirSync(DIR)
  .filter((name) => name.endsWith('.json'))
  .sort()
  .map((name) => JSON.parse(readFileSync(resolve(DIR, name), 'utf8')) as Fixture);

function replay(fixture: Fixture) {
  const events = fixture.events.filter((e): e is WebRequestEvent => isWebRequestEvent(e));
  expect(events).toHaveLength(fixture.events.length);
  const recorder = new Recorder();
  for (const event of events) recorder.handle(event);
  const prefix = `${fixture.origins.api}/s/${fixture.scenario}`;
  return recorder
    .tabIds()
    .flatMap((tabId) => recorder.tab(tabId)?.exchanges ?? [])
    .filter((e) => e.observation.request.url.startsWith(prefix))
    .sort((a, b) => a.seq - b.seq);
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
