import type { VerdictCounts } from '../../capture/filter';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** "N exchanges, M blocked[, K older dropped]": what e2e tests and users read first. */
export function countsText(counts: VerdictCounts, dropped: number): string {
  const base = `${plural(counts.total, 'exchange')}, ${counts.blocked} blocked`;
  return dropped > 0 ? `${base}, ${dropped} older dropped` : base;
}

/** The status bar under the list, like the Network panel's. */
export function SummaryBar({
  counts,
  dropped,
  shown,
  narrowed,
}: {
  counts: VerdictCounts;
  dropped: number;
  /** Exchanges the filter lets through. */
  shown: number;
  narrowed: boolean;
}) {
  const others = [
    [counts.allowed, 'allowed'],
    [counts.failed, 'failed'],
    [counts.unexplained, 'unexplained'],
    [counts.pending, 'pending'],
    [counts['not-applicable'], 'not CORS'],
  ] as const;
  return (
    <footer class="summary-bar">
      <span data-testid="exchange-counts">{countsText(counts, dropped)}</span>
      {others
        .filter(([n]) => n > 0)
        .map(([n, label]) => (
          <span key={label} class={`summary-${label.replace(' ', '-')}`}>
            {n} {label}
          </span>
        ))}
      {narrowed && <span data-testid="shown-count">{shown} shown</span>}
    </footer>
  );
}
