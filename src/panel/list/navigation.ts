import { isMarker, type ListRow } from './list-row';

export type NavigationKey = 'ArrowUp' | 'ArrowDown' | 'Home' | 'End' | 'PageUp' | 'PageDown';

export const isNavigationKey = (key: string): key is NavigationKey =>
  ['ArrowUp', 'ArrowDown', 'Home', 'End', 'PageUp', 'PageDown'].includes(key);

/** The nearest exchange row from `from` going by `step` (±1), or -1. */
function seek(rows: readonly ListRow[], from: number, step: 1 | -1): number {
  for (let i = from; i >= 0 && i < rows.length; i += step) {
    const row = rows[i];
    if (row !== undefined && !isMarker(row)) return i;
  }
  return -1;
}

/**
 * The row a key moves the selection to: exchanges only (navigation markers are
 * skipped). `current` is the selected row's index, -1 when none is shown.
 * Returns -1 when there is no exchange to select; stays put at either end.
 */
export function moveSelection(
  rows: readonly ListRow[],
  current: number,
  key: NavigationKey,
  pageSize: number,
): number {
  const last = rows.length - 1;
  const page = Math.max(1, pageSize);
  const or = (found: number, fallback: number) => (found === -1 ? fallback : found);
  switch (key) {
    case 'Home':
      return seek(rows, 0, 1);
    case 'End':
      return seek(rows, last, -1);
    case 'ArrowDown':
      return current === -1 ? seek(rows, 0, 1) : or(seek(rows, current + 1, 1), current);
    case 'ArrowUp':
      return current === -1 ? seek(rows, last, -1) : or(seek(rows, current - 1, -1), current);
    case 'PageDown': {
      const target = Math.min(last, Math.max(current, 0) + page);
      return or(seek(rows, target, 1), or(seek(rows, target, -1), current));
    }
    case 'PageUp': {
      const target = current === -1 ? 0 : Math.max(0, current - page);
      return or(seek(rows, target, -1), or(seek(rows, target, 1), current));
    }
  }
}
