/**
 * The engine against the unavoidable: judging N recorded exchanges vs structured-cloning
 * the same exchanges (what carrying them to the panel costs at the least). Alternating
 * rounds, medians, one ratio.
 *
 * The engine is measured as the extension runs it: src/cors bundled by esbuild into one
 * plain module. Importing the TypeScript through tsx would add its keepNames `__name()`
 * calls to every function, a few percent of the time that the production bundle never pays.
 */
import { buildSync } from 'esbuild';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { ExchangeObservation, Verdict } from '../src/cors';
import type { Exchange } from '../src/capture';
import { syntheticExchanges } from './exchanges';
import { median, round, timeIt } from './stats';

export interface EngineResult {
  exchanges: number;
  judgedPerSecond: number;
  clonedPerSecond: number;
  /** Judge time / clone time for the same exchanges: the goal is ≤ 0.5. */
  engineToClone: number;
  /** Cloning just the verdicts / cloning the exchanges: a floor, the verdicts must be built. */
  verdictCloneToClone: number;
  /** The verdicts' share of the exchanges' JSON size. */
  verdictBytesShare: number;
}

type Judge = (obs: ExchangeObservation) => Verdict;

/** `judge` from a production-like bundle of src/cors (CommonJS, so loading stays synchronous). */
export function bundledJudge(): Judge {
  const dir = mkdtempSync(join(tmpdir(), 'cors-lens-engine-'));
  const outfile = join(dir, 'engine.cjs');
  try {
    buildSync({
      entryPoints: [resolve(import.meta.dirname, '..', 'src', 'cors', 'index.ts')],
      bundle: true,
      format: 'cjs',
      platform: 'neutral',
      target: 'es2022',
      outfile,
      logLevel: 'warning',
    });
    const engine = createRequire(import.meta.url)(outfile) as { judge: Judge };
    return engine.judge;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function benchEngine(count = 20_000, rounds = 7): EngineResult {
  const judge = bundledJudge();
  // Deep copies: the synthetic exchanges share their template's objects, which a clone
  // would copy once and reference after; the worker's exchanges share nothing.
  const exchanges = JSON.parse(JSON.stringify(syntheticExchanges(count))) as Exchange[];
  const observations = exchanges.map((e) => e.observation);
  let sink = 0;
  const judgeOnce = () => {
    for (const obs of observations) sink += judge(obs).status.length;
  };
  const cloneOnce = () => {
    sink += (structuredClone(exchanges) as unknown[]).length;
  };
  // A floor for the engine: whatever it does, it must build each verdict's objects.
  const verdicts = exchanges.map((e) => e.verdict);
  const cloneVerdictsOnce = () => {
    sink += (structuredClone(verdicts) as unknown[]).length;
  };
  // Warm up both paths (JIT), then alternate.
  judgeOnce();
  cloneOnce();
  cloneVerdictsOnce();
  const judged: number[] = [];
  const cloned: number[] = [];
  const verdictsCloned: number[] = [];
  for (let r = 0; r < rounds; r++) {
    judged.push(timeIt(judgeOnce));
    cloned.push(timeIt(cloneOnce));
    verdictsCloned.push(timeIt(cloneVerdictsOnce));
  }
  if (sink < 0) throw new Error('unreachable');
  const j = median(judged);
  const c = median(cloned);
  return {
    exchanges: count,
    judgedPerSecond: Math.round((count / j) * 1000),
    clonedPerSecond: Math.round((count / c) * 1000),
    engineToClone: round(j / c),
    verdictCloneToClone: round(median(verdictsCloned) / c),
    verdictBytesShare: round(JSON.stringify(verdicts).length / JSON.stringify(exchanges).length, 2),
  };
}
