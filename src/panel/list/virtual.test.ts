import { describe, expect, it } from 'vitest';
import { isAtBottom, ROW_HEIGHT, scrollToReveal, visibleWindow } from './virtual';

const R = ROW_HEIGHT;

describe('visibleWindow', () => {
  it('renders the rows in view plus the overscan on each side, clamped to the list', () => {
    // 10 rows fit below the header.
    const viewport = { scrollTop: 0, height: 11 * R };
    expect(visibleWindow(100_000, viewport, 0)).toEqual({ start: 0, end: 10 });
    expect(visibleWindow(100_000, viewport, 5)).toEqual({ start: 0, end: 15 });
    expect(visibleWindow(100_000, { ...viewport, scrollTop: 500 * R }, 5)).toEqual({
      start: 495,
      end: 515,
    });
    expect(visibleWindow(100_000, { ...viewport, scrollTop: 99_990 * R }, 5)).toEqual({
      start: 99_985,
      end: 100_000,
    });
  });

  it('counts a partly scrolled row as visible', () => {
    expect(visibleWindow(1000, { scrollTop: 10.5 * R, height: 11 * R }, 0)).toEqual({
      start: 10,
      end: 21,
    });
  });

  it('handles empty lists, short lists and positions past the end', () => {
    expect(visibleWindow(0, { scrollTop: 0, height: 500 })).toEqual({ start: 0, end: 0 });
    expect(visibleWindow(3, { scrollTop: 0, height: 500 })).toEqual({ start: 0, end: 3 });
    expect(visibleWindow(3, { scrollTop: 10_000, height: 500 })).toEqual({ start: 3, end: 3 });
    expect(visibleWindow(3, { scrollTop: -50, height: 0 })).toEqual({ start: 0, end: 3 });
  });

  it('never renders more than the viewport and overscan, however long the list', () => {
    for (const scrollTop of [0, 1, 12_345, 2_000_000]) {
      const { start, end } = visibleWindow(100_000, { scrollTop, height: 800 }, 12);
      expect(end - start).toBeLessThanOrEqual(Math.ceil(800 / R) + 1 + 24);
    }
  });
});

describe('scrollToReveal', () => {
  const viewport = { scrollTop: 100 * R, height: 11 * R }; // Rows 100…109 in view.
  it('leaves a visible row where it is', () => {
    expect(scrollToReveal(100, viewport)).toBeNull();
    expect(scrollToReveal(109, viewport)).toBeNull();
  });
  it('scrolls up to put a row above the view just under the header', () => {
    expect(scrollToReveal(99, viewport)).toBe(99 * R);
    expect(scrollToReveal(0, viewport)).toBe(0);
  });
  it('scrolls down to put a row below the view at the bottom', () => {
    expect(scrollToReveal(110, viewport)).toBe(101 * R);
    const revealed = scrollToReveal(5000, viewport) ?? -1;
    expect(visibleWindow(10_000, { ...viewport, scrollTop: revealed }, 0).end - 1).toBe(5000);
  });
});

describe('isAtBottom', () => {
  it('is true at the end, within half a row', () => {
    expect(isAtBottom(900, 100, 1000)).toBe(true);
    expect(isAtBottom(890, 100, 1000)).toBe(true);
    expect(isAtBottom(850, 100, 1000)).toBe(false);
    expect(isAtBottom(0, 0, 0)).toBe(true);
    // A list shorter than its viewport is at its end.
    expect(isAtBottom(0, 500, 300)).toBe(true);
  });
});
