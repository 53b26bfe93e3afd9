import { clampListWidth, LIST_WIDTH } from '../store/ui-slice';

/** Percent a splitter moves per arrow key, and with Shift. */
export const SPLIT_STEP = 2;
export const SPLIT_BIG_STEP = 10;

/** The list width a key on the splitter gives, or null when the key is not the splitter's. */
export function splitAfterKey(width: number, key: string, shift = false): number | null {
  const step = shift ? SPLIT_BIG_STEP : SPLIT_STEP;
  switch (key) {
    case 'ArrowLeft':
    case 'ArrowUp':
      return clampListWidth(width - step);
    case 'ArrowRight':
    case 'ArrowDown':
      return clampListWidth(width + step);
    case 'Home':
      return LIST_WIDTH.min;
    case 'End':
      return LIST_WIDTH.max;
    default:
      return null;
  }
}

/** The list width for a pointer at `x` over a container spanning `left`…`left + width`. */
export function splitAtPointer(x: number, left: number, width: number): number {
  if (width <= 0) return LIST_WIDTH.initial;
  return clampListWidth(((x - left) / width) * 100);
}
