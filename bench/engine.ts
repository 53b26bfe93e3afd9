/**
 * The engine against the unavoidable: judging N recorded exchanges vs structured-cloning
 * the same exchanges (what carrying them to the panel costs at the least). Alternating
 * rounds, medians, one ratio.
 */
import { judge } from '../src/cors';
import { syntheticExchanges } from './exchanges';
import { median, round, timeIt } from './stats';

export interface EngineResult {
  exchanges: number;
  judgedPerSecond: number;
  clonedPerSecond: number;
  /** Judge time / clone time for the same exchanges: the goal is ≤ 0.5. */
  engineToClone: number;
}

export function benchEngine(count = 20_000, rounds = 7): EngineResult {
  const exchanges = syntheticExchanges(count);
  const observations = exchanges.map((e) => e.observation);
  let sink = 0;
  const judgeOnce = () => {
    for (const obs of observations) sink += judge(obs).status.length;
  };
  const cloneOnce = () => {
    sink += (structuredClone(exchanges) as unknown[]).length;
  };
  // Warm up both paths (JIT), then alternate.
  judgeOnce();
  cloneOnce();
  const judged: number[] = [];
  const cloned: number[] = [];
  for (let r = 0; r < rounds; r++) {
    judged.push(timeIt(judgeOnce));
    cloned.push(timeIt(cloneOnce));
  }
  if (sink < 0) throw new Error('unreachable');
  const j = median(judged);
  const c = median(cloned);
  return {
    exchanges: count,
    judgedPerSecond: Math.round((count / j) * 1000),
    clonedPerSecond: Math.round((count / c) * 1000),
    engineToClone: round(j / c),
  };
}
