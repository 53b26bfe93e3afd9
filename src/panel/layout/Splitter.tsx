import type { RefObject } from 'preact';
import { LIST_WIDTH } from '../store/ui-slice';
import { splitAfterKey, splitAtPointer } from './split';

/**
 * The draggable border between the list and the details (WAI-ARIA window
 * splitter): its value is the list's width in percent; arrow keys move it
 * (Shift: by 10), Home/End to the bounds.
 */
export function Splitter({
  value,
  onChange,
  containerRef,
  controls,
}: {
  value: number;
  onChange: (percent: number) => void;
  /** The element whose width the percent is of. */
  containerRef: RefObject<HTMLElement | null>;
  /** Id of the pane the splitter resizes. */
  controls: string;
}) {
  const follow = (event: PointerEvent) => {
    const box = containerRef.current?.getBoundingClientRect();
    if (box) onChange(splitAtPointer(event.clientX, box.left, box.width));
  };
  return (
    <div
      class="splitter"
      role="separator"
      tabIndex={0}
      aria-orientation="vertical"
      aria-label="Resize the exchange list"
      aria-controls={controls}
      aria-valuenow={value}
      aria-valuemin={LIST_WIDTH.min}
      aria-valuemax={LIST_WIDTH.max}
      onKeyDown={(event) => {
        const next = splitAfterKey(value, event.key, event.shiftKey);
        if (next === null) return;
        event.preventDefault();
        onChange(next);
      }}
      onPointerDown={(event) => {
        event.preventDefault();
        event.currentTarget.setPointerCapture(event.pointerId);
        event.currentTarget.focus();
      }}
      onPointerMove={(event) => {
        if (event.currentTarget.hasPointerCapture(event.pointerId)) follow(event);
      }}
    />
  );
}
