import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isWebRequestEvent, type WebRequestEvent } from './events';
import { damagedStreams, replayDamaged } from './testing/fuzz';

const DIR = resolve(import.meta.dirname, 'fixtures', 'chromium');
const streams = readdirSync(DIR)
  .filter((name) => name.endsWith('.json'))
  .map((name) => JSON.parse(readFileSync(resolve(DIR, name), 'utf8')) as { events: unknown[] })
  .map((f) => f.events.filter((e): e is WebRequestEvent => isWebRequestEvent(e)));

describe('recorded streams, shuffled, dropped and duplicated (100,000 cases in `npm run bench`)', () => {
  it('never throws and leaves no exchange in flight once time has passed', () => {
    fc.assert(
      fc.property(damagedStreams(streams), (stream) => {
        expect(replayDamaged(stream)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});
