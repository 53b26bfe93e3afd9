/**
 * The exchanges of the tab, oldest first, as a virtualized grid: fixed-height
 * rows, only the window in view (plus overscan) is in the DOM, spacers stand
 * for the rest. Follows new rows while scrolled to the end. One focus stop:
 * the grid itself, with the selected row as its active descendant.
 */
import type { RefObject } from 'preact';
import { useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { isMarker, type ListRow } from './list-row';
import { COLUMNS, ExchangeRow, MarkerRow, rowDomId } from './ExchangeRow';
import { isNavigationKey, moveSelection } from './navigation';
import { isAtBottom, ROW_HEIGHT, scrollToReveal, visibleWindow } from './virtual';

export interface ExchangeListProps {
  readonly rows: readonly ListRow[];
  /** The rows are those of the previous filter while a new one is applied. */
  readonly busy?: boolean;
  /** Why `rows` may be empty: nothing recorded, or the filter hides everything. */
  readonly emptyText: string;
  readonly selectedId: string | null;
  readonly detailsOpen: boolean;
  /** A click: select and show the details. */
  readonly onPick: (id: string) => void;
  /** The keyboard moved the selection. */
  readonly onMove: (id: string) => void;
  /** Enter: show the selected exchange's details and move focus there. */
  readonly onOpenDetails: () => void;
  /** Escape: hide the details. */
  readonly onCloseDetails: () => void;
  /** The grid (the list's focus stop), for whoever returns focus to it. */
  readonly gridRef: RefObject<HTMLTableElement | null>;
}

function Spacer({ rows }: { rows: number }) {
  if (rows <= 0) return null;
  return (
    <tr class="spacer" aria-hidden="true">
      <td colSpan={COLUMNS.length} style={{ height: `${rows * ROW_HEIGHT}px` }} />
    </tr>
  );
}

export function ExchangeList(props: ExchangeListProps) {
  const { rows, selectedId, gridRef } = props;
  const scrollRef = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(() => window.innerHeight);
  /** Stay at the end as rows arrive: true until the user scrolls up, again once back at the end. */
  const follow = useRef(true);

  const selectedIndex = useMemo(
    () =>
      selectedId === null ? -1 : rows.findIndex((row) => !isMarker(row) && row.id === selectedId),
    [rows, selectedId],
  );
  /** The rows last laid out, to tell new rows from a re-render. */
  const laidOut = useRef(rows);
  // New rows while following: render the end of the list right away, where the scroll is
  // about to go, rather than the old window first (a second layout of ~50 new rows per batch).
  const top =
    follow.current && rows !== laidOut.current
      ? Math.max(0, (rows.length + 1) * ROW_HEIGHT - height)
      : scrollTop;
  const { start, end } = visibleWindow(rows.length, { scrollTop: top, height });

  const scrollTo = (top: number) => {
    const el = scrollRef.current;
    if (!el) return;
    el.scrollTop = top;
    setScrollTop(el.scrollTop);
  };

  // Measure the viewport, and again whenever the panel is resized.
  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    const measure = () => {
      if (el.clientHeight > 0) setHeight(el.clientHeight);
    };
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => {
      observer.disconnect();
    };
  }, []);

  useLayoutEffect(() => {
    laidOut.current = rows;
    const el = scrollRef.current;
    if (el && follow.current) scrollTo(el.scrollHeight);
  }, [rows]);

  // Keep the selected row in view when the selection moves.
  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!el || selectedIndex === -1) return;
    const top = scrollToReveal(selectedIndex, {
      scrollTop: el.scrollTop,
      height: el.clientHeight || height,
    });
    if (top !== null) scrollTo(top);
    // Only a new selection scrolls, not new rows.
  }, [selectedId]);

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    if (isNavigationKey(event.key)) {
      event.preventDefault();
      const page = Math.max(1, Math.floor(height / ROW_HEIGHT) - 2);
      const next = rows[moveSelection(rows, selectedIndex, event.key, page)];
      if (next !== undefined && !isMarker(next)) props.onMove(next.id);
    } else if (event.key === 'Enter' && selectedIndex !== -1) {
      event.preventDefault();
      props.onOpenDetails();
    } else if (event.key === 'Escape' && props.detailsOpen) {
      event.preventDefault();
      props.onCloseDetails();
    }
  };

  const selectedInWindow = selectedIndex >= start && selectedIndex < end && selectedId !== null;
  return (
    <div
      class="list-scroll"
      ref={scrollRef}
      onScroll={(event) => {
        const el = event.currentTarget;
        follow.current = isAtBottom(el.scrollTop, el.clientHeight, el.scrollHeight);
        setScrollTop(el.scrollTop);
      }}
    >
      <table
        ref={gridRef}
        class="exchange-grid"
        role="grid"
        tabIndex={0}
        aria-label="Cross-origin exchanges"
        aria-rowcount={rows.length + 1}
        aria-busy={props.busy === true}
        aria-colcount={COLUMNS.length}
        aria-activedescendant={selectedInWindow ? rowDomId(selectedId) : undefined}
        onKeyDown={onKeyDown}
      >
        <colgroup>
          {COLUMNS.map((column) => (
            <col key={column.key} class={`col-${column.key}`} />
          ))}
        </colgroup>
        <thead>
          <tr aria-rowindex={1}>
            {COLUMNS.map((column) => (
              <th key={column.key} scope="col" class={column.key}>
                {'hidden' in column ? (
                  <span class="visually-hidden">{column.label}</span>
                ) : (
                  column.label
                )}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          <Spacer rows={start} />
          {rows
            .slice(start, end)
            .map((row, offset) =>
              isMarker(row) ? (
                <MarkerRow key={`m${row.seq}`} marker={row} index={start + offset} />
              ) : (
                <ExchangeRow
                  key={row.id}
                  exchange={row}
                  index={start + offset}
                  selected={row.id === selectedId}
                  onSelect={props.onPick}
                />
              ),
            )}
          <Spacer rows={rows.length - end} />
        </tbody>
      </table>
      {rows.length === 0 && <p class="list-empty">{props.emptyText}</p>}
    </div>
  );
}
