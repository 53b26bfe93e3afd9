import { describe, expect, it } from 'vitest';
import { LIST_WIDTH } from '../store/ui-slice';
import { splitAfterKey, splitAtPointer } from './split';

describe('splitAfterKey', () => {
  it.each<[string, boolean, number, number | null]>([
    ['ArrowLeft', false, 40, 38],
    ['ArrowRight', false, 40, 42],
    ['ArrowLeft', true, 40, 30],
    ['ArrowRight', true, 75, LIST_WIDTH.max],
    ['ArrowLeft', false, LIST_WIDTH.min, LIST_WIDTH.min],
    ['Home', false, 50, LIST_WIDTH.min],
    ['End', false, 50, LIST_WIDTH.max],
    ['Enter', false, 50, null],
  ])('%s (shift %s) from %i → %j', (key, shift, from, to) => {
    expect(splitAfterKey(from, key, shift)).toBe(to);
  });
});

describe('splitAtPointer', () => {
  it('is the pointer’s share of the width, within bounds', () => {
    expect(splitAtPointer(550, 50, 1000)).toBe(50);
    expect(splitAtPointer(0, 50, 1000)).toBe(LIST_WIDTH.min);
    expect(splitAtPointer(5000, 50, 1000)).toBe(LIST_WIDTH.max);
    expect(splitAtPointer(10, 0, 0)).toBe(LIST_WIDTH.initial);
  });
});
