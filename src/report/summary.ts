/** Counts of verdicts and errors, for `log._cors`, the Markdown report and the CLI. */
import type { Verdict, VerdictStatus } from '../cors';
import type { VerdictCounts } from './har-types';

/** The order in which statuses are listed everywhere: failures first. */
export const VERDICT_ORDER: readonly VerdictStatus[] = [
  'blocked',
  'failed',
  'unexplained',
  'pending',
  'allowed',
  'not-applicable',
];

/** The error a failed exchange is counted under: Chromium's CorsError name, or the browser's error. */
export function errorKey(verdict: Verdict): string | null {
  if (verdict.status === 'blocked') return verdict.failure?.corsError ?? null;
  if (verdict.status === 'failed') return verdict.cause?.error ?? null;
  if (verdict.status === 'unexplained') return verdict.unexplained?.error ?? null;
  return null;
}

/**
 * `scrub` passes each error through the report's redactor: a page's TypeError may quote
 * the URL it refused, credentials and all.
 */
export function countVerdicts(
  verdicts: readonly Verdict[],
  scrub: (error: string) => string = (error) => error,
): VerdictCounts {
  const byVerdict: Partial<Record<VerdictStatus, number>> = {};
  const byError: Record<string, number> = {};
  for (const verdict of verdicts) {
    byVerdict[verdict.status] = (byVerdict[verdict.status] ?? 0) + 1;
    const found = errorKey(verdict);
    const key = found === null ? null : scrub(found);
    if (key !== null) byError[key] = (byError[key] ?? 0) + 1;
  }
  return { byVerdict, byError };
}

/** "2 blocked, 1 allowed": the non-zero counts in VERDICT_ORDER. */
export function describeCounts(counts: VerdictCounts): string {
  const parts = VERDICT_ORDER.flatMap((status) => {
    const n = counts.byVerdict[status] ?? 0;
    return n > 0 ? [`${n} ${status}`] : [];
  });
  return parts.length > 0 ? parts.join(', ') : 'none';
}
