import { describe, expect, it } from 'vitest';
import type { Exchange } from '../../capture/exchange';
import type { ListRow } from './list-row';
import type { NavigationMarker } from '../../capture/tab-log';
import { moveSelection } from './navigation';

/** `e` an exchange, `m` a navigation marker. */
const rowsOf = (shape: string): ListRow[] =>
  shape.split('').map((c, seq) =>
    c === 'm'
      ? ({
          kind: 'navigation',
          tabId: 1,
          url: 'http://a/',
          at: 0,
          seq,
        } satisfies NavigationMarker)
      : ({ kind: 'request', id: String(seq), seq } as unknown as Exchange),
  );

describe('moveSelection', () => {
  const rows = rowsOf('meemeeem');
  it.each<[string, number, number]>([
    ['ArrowDown', -1, 1],
    ['ArrowDown', 1, 2],
    ['ArrowDown', 2, 4],
    ['ArrowDown', 6, 6],
    ['ArrowUp', -1, 6],
    ['ArrowUp', 4, 2],
    ['ArrowUp', 1, 1],
    ['Home', 5, 1],
    ['Home', -1, 1],
    ['End', 1, 6],
    ['PageDown', 1, 4],
    ['PageDown', 4, 6],
    ['PageDown', -1, 4],
    ['PageUp', 6, 2],
    ['PageUp', 2, 1],
    ['PageUp', -1, 1],
  ])('%s from %i goes to %i (markers skipped)', (key, from, to) => {
    expect(moveSelection(rows, from, key as 'ArrowDown', 3)).toBe(to);
  });

  it('selects nothing when there is no exchange', () => {
    expect(moveSelection([], -1, 'ArrowDown', 10)).toBe(-1);
    expect(moveSelection(rowsOf('mm'), -1, 'End', 10)).toBe(-1);
    expect(moveSelection(rowsOf('mm'), -1, 'PageDown', 10)).toBe(-1);
  });
});
