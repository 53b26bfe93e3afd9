/** What opening a HAR file gives the panel and the CLI. */
import type { ExchangeObservation, Verdict } from '../cors';

/** Who wrote the file: decides which fields can be trusted and what could not be known. */
export type HarSource = 'cors-lens' | 'chrome' | 'firefox' | 'unknown';

export interface ImportedExchange {
  /** Our exchange id for a CORS Lens file; `har:<entry index>` otherwise. */
  readonly id: string;
  /** The entry of the request's first hop (of the preflight, when the request is not in the file). */
  readonly entryIndex: number;
  /** Every entry the exchange is made of: its hops and preflights, in file order. */
  readonly entryIndexes: readonly number[];
  /** When the request started (ms since the epoch), when the file says. */
  readonly startedAt?: number;
  readonly observation: ExchangeObservation;
  /** The engine's verdict, recomputed from the recorded headers. */
  readonly verdict: Verdict;
  /** What the file does not tell, in plain words, and how the engine filled the gap. */
  readonly unknowns: readonly string[];
}

export interface ImportResult {
  /** False when the input is no HAR at all (not JSON, no `log.entries`). */
  readonly ok: boolean;
  /** In the order of the file's entries. */
  readonly exchanges: readonly ImportedExchange[];
  /** How many entries the file lists (0 when it is no HAR), judged or not. */
  readonly entryCount: number;
  /** What was wrong with the file: skipped entries, malformed fields, changed verdicts. */
  readonly problems: readonly string[];
  readonly source: HarSource;
}
