/**
 * What the panel's list holds per exchange: the fields it shows, filters on and counts, and
 * no more. A whole exchange (headers, fix, snippets, warnings) is several kilobytes; a log of
 * 100,000 of them held whole took over 500 MB in the panel. The worker sends rows, and the
 * panel asks for whole exchanges when it needs them (the selected one, an export).
 *
 * A row keeps the Exchange's own paths (`observation.request.url`, `verdict.status`…), so that
 * a whole Exchange is also a row: an opened report's exchanges, held by the panel, are shown
 * as they are, and the filter (capture/filter.ts) reads both alike.
 */
import type { Exchange, ExchangeKind } from '../capture/exchange';
import type { FilterSubject } from '../capture/filter';
import type { Outcome } from '../cors';
import type { Guard } from './validate';
import { isFiniteNumber, isRecord, isString } from './validate';

export interface ExchangeRow extends FilterSubject {
  readonly id: string;
  readonly seq: number;
  readonly kind: ExchangeKind;
  /** The exchange whose preflight the browser reused (the list's data-cached-from). */
  readonly cachedFrom?: string;
  readonly timings: { readonly startedAt: number; readonly endedAt?: number };
  readonly observation: FilterSubject['observation'] & { readonly outcome: Outcome };
  readonly verdict: FilterSubject['verdict'] & {
    readonly preflight: {
      readonly needed: boolean;
      readonly seen: 'sent' | 'cached' | 'none';
      readonly cache?: { readonly note: string };
    };
    readonly failure?: NonNullable<FilterSubject['verdict']['failure']> & {
      readonly failedParameter: string;
    };
  };
}

/** Only what is there: an absent optional field stays absent (no `undefined` on the wire). */
const maybe = <K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> =>
  (value === undefined ? {} : { [key]: value }) as Partial<Record<K, V>>;

/** The row of an exchange (run by the worker before sending, and by tests). */
export function rowOf(exchange: Exchange): ExchangeRow {
  const { observation, verdict, timings } = exchange;
  const { failure, unexplained, cause, preflight } = verdict;
  return {
    id: exchange.id,
    seq: exchange.seq,
    kind: exchange.kind,
    finalUrl: exchange.finalUrl,
    ...maybe('cachedFrom', exchange.cachedFrom),
    timings: { startedAt: timings.startedAt, ...maybe('endedAt', timings.endedAt) },
    observation: {
      initiatorOrigin: observation.initiatorOrigin,
      request: { url: observation.request.url, method: observation.request.method },
      ...maybe(
        'response',
        observation.response ? { status: observation.response.status } : undefined,
      ),
      outcome: observation.outcome,
    },
    verdict: {
      status: verdict.status,
      headline: verdict.headline,
      preflight: {
        needed: preflight.needed,
        seen: preflight.seen,
        ...maybe('cache', preflight.cache ? { note: preflight.cache.note } : undefined),
      },
      ...maybe(
        'failure',
        failure && {
          corsError: failure.corsError,
          firefoxReason: failure.firefoxReason,
          failedParameter: failure.failedParameter,
          stage: failure.stage,
          httpStatus: failure.httpStatus,
        },
      ),
      ...maybe('unexplained', unexplained && { error: unexplained.error }),
      ...maybe('cause', cause && { id: cause.id, error: cause.error }),
    },
  };
}

/**
 * Rows come from our own worker: a shallow check of the fields the list reads every frame
 * keeps a stale or broken message from reaching the UI.
 */
export const isExchangeRow: Guard<ExchangeRow> = (x: unknown): x is ExchangeRow =>
  isRecord(x) &&
  isString(x.id) &&
  isFiniteNumber(x.seq) &&
  isString(x.finalUrl) &&
  isRecord(x.timings) &&
  isFiniteNumber(x.timings.startedAt) &&
  isRecord(x.verdict) &&
  isString(x.verdict.status) &&
  isString(x.verdict.headline) &&
  isRecord(x.verdict.preflight) &&
  isRecord(x.observation) &&
  isString(x.observation.initiatorOrigin) &&
  isRecord(x.observation.outcome) &&
  isRecord(x.observation.request) &&
  isString(x.observation.request.url) &&
  isString(x.observation.request.method);
