/** Fuzzing at bench scale: the engine with arbitrary headers, the capture with damaged streams. */
import fc from 'fast-check';
import { damagedStreams, replayDamaged } from '../src/capture/testing/fuzz';
import { judge } from '../src/cors';
import { VERDICT_STATUSES } from '../src/cors/verdict-statuses';
import { observation } from '../src/cors/testing/arbitraries';
import { fixtureStreams } from './exchanges';

export interface FuzzResult {
  engineCases: number;
  captureCases: number;
  /** Cases that threw or left an exchange in flight (must be 0). */
  failures: number;
  seconds: number;
}

const STATUSES: ReadonlySet<string> = new Set(VERDICT_STATUSES);

export function benchFuzz(engineCases = 100_000, captureCases = 100_000): FuzzResult {
  const started = performance.now();
  let failures = 0;
  const engine = fc.check(
    fc.property(observation, (obs) => {
      const verdict = judge(obs);
      return STATUSES.has(verdict.status) && verdict.headline.length > 0;
    }),
    { numRuns: engineCases },
  );
  if (engine.failed) {
    failures += 1;
    console.error('engine fuzz failed:', fc.defaultReportMessage(engine));
  }
  const capture = fc.check(
    fc.property(damagedStreams(fixtureStreams()), (stream) => replayDamaged(stream).length === 0),
    { numRuns: captureCases },
  );
  if (capture.failed) {
    failures += 1;
    console.error('capture fuzz failed:', fc.defaultReportMessage(capture));
  }
  return {
    engineCases,
    captureCases,
    failures,
    seconds: Math.round((performance.now() - started) / 1000),
  };
}
