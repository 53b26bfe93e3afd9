/**
 * The list's virtual window: fixed-height rows, so which rows to render is
 * arithmetic on the scroll position; everything else is a spacer.
 */

/** Every row of the list (and its header) is this tall, in CSS pixels (panel.css agrees). */
export const ROW_HEIGHT = 22;
/** Rows rendered beyond each edge of the viewport, so fast scrolling shows no gap. */
export const OVERSCAN = 12;

export interface Viewport {
  /** The scroll container's scrollTop. */
  readonly scrollTop: number;
  /** The scroll container's client height (the sticky header included). */
  readonly height: number;
  readonly rowHeight?: number;
  /** Height of the sticky header above the first row. */
  readonly headerHeight?: number;
}

/** Rows `[start, end)` to render for `count` rows. */
export function visibleWindow(
  count: number,
  viewport: Viewport,
  overscan = OVERSCAN,
): { start: number; end: number } {
  const row = viewport.rowHeight ?? ROW_HEIGHT;
  const header = viewport.headerHeight ?? row;
  const top = Math.max(0, viewport.scrollTop);
  const first = Math.floor(top / row);
  const last = Math.ceil((top + Math.max(0, viewport.height - header)) / row);
  const start = Math.min(count, Math.max(0, first - overscan));
  const end = Math.min(count, Math.max(start, last + overscan));
  return { start, end };
}

/** The scrollTop that brings row `index` fully into view, or null when it is already. */
export function scrollToReveal(index: number, viewport: Viewport): number | null {
  const row = viewport.rowHeight ?? ROW_HEIGHT;
  const header = viewport.headerHeight ?? row;
  // Content coordinates: the header takes [0, header), row i [header + i*row, header + (i+1)*row).
  const rowTop = index * row; // Visible under the sticky header from scrollTop = rowTop.
  const rowBottom = header + (index + 1) * row;
  if (rowTop < viewport.scrollTop) return rowTop;
  if (rowBottom > viewport.scrollTop + viewport.height) {
    return Math.max(0, rowBottom - viewport.height);
  }
  return null;
}

/**
 * Whether the list is scrolled to its end, so new rows should keep it there.
 * Half a row of slack absorbs fractional scroll positions (zoom, DPI).
 */
export function isAtBottom(
  scrollTop: number,
  clientHeight: number,
  scrollHeight: number,
  slack = ROW_HEIGHT / 2,
): boolean {
  return scrollTop + clientHeight >= scrollHeight - slack;
}
