/**
 * Opening a large report: the import of a browser's HAR (pairing every preflight with its
 * request, chaining redirects, judging each exchange) must cost the same per entry at 16k
 * entries as at 1k, and a 50 MB file must open in seconds from the CLI. Each figure is
 * measured in this run; the scaling is per entry against the 1k file of the same run.
 */
import { runCli } from '../src/report/cli';
import { importHar } from '../src/report/har-import';
import { chromeHar, chromeHarOfSize, craftedHar } from './har-files';
import { median, round, timeIt } from './stats';

export interface ImportSize {
  readonly entries: number;
  readonly bytes: number;
  /** Median time to JSON.parse and import the file. */
  readonly ms: number;
  readonly perEntryUs: number;
}

export interface ImportResult {
  readonly sizes: readonly ImportSize[];
  /** Per-entry cost at the largest size over the per-entry cost at the smallest. */
  readonly scaling: number;
  readonly crafted: {
    readonly pairs: number;
    readonly bytes: number;
    readonly ms: number;
    /** Its per-entry cost over the smallest realistic file's. */
    readonly perEntryOverFirst: number;
  };
  /** `cors-lens --json` on a file of about 50 MB, from its text to its output. */
  readonly cli: {
    readonly bytes: number;
    readonly entries: number;
    readonly ms: number;
    readonly exitCode: number;
  };
}

function timeImport(text: string, rounds: number): number {
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    times.push(
      timeIt(() => {
        const result = importHar(JSON.parse(text));
        if (result.exchanges.length === 0) throw new Error('the bench file imported to nothing');
      }),
    );
  }
  return median(times);
}

export function benchImport(
  sizes: readonly number[],
  options: { rounds: number; craftedPairs: number; cliBytes: number },
): ImportResult {
  // One import first, so the 1k figure is not the one paying for the JIT's warm-up.
  timeImport(chromeHar(500), 1);
  const measured = sizes.map((entries): ImportSize => {
    const text = chromeHar(entries);
    const ms = timeImport(text, options.rounds);
    return {
      entries,
      bytes: text.length,
      ms: round(ms, 1),
      perEntryUs: round((ms * 1000) / entries, 1),
    };
  });
  const first = measured[0];
  const last = measured.at(-1);
  const scaling = first && last ? round(last.perEntryUs / first.perEntryUs, 2) : Number.NaN;
  const craftedText = craftedHar(options.craftedPairs);
  const craftedMs = timeImport(craftedText, options.rounds);
  const craftedPerEntryUs = (craftedMs * 1000) / (2 * options.craftedPairs);
  const crafted = {
    pairs: options.craftedPairs,
    bytes: craftedText.length,
    ms: round(craftedMs, 1),
    perEntryOverFirst: first ? round(craftedPerEntryUs / first.perEntryUs, 2) : Number.NaN,
  };
  const big = chromeHarOfSize(options.cliBytes);
  let exitCode = -1;
  const cliMs = timeIt(() => {
    exitCode = runCli(['--json', 'report.har'], big.text).exitCode;
  });
  return {
    sizes: measured,
    scaling,
    crafted,
    cli: { bytes: big.text.length, entries: big.entries, ms: round(cliMs, 0), exitCode },
  };
}
