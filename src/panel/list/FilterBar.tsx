import type { RefObject } from 'preact';
import { useId } from 'preact/hooks';

/** The filter box and the "Blocked only" toggle, under the toolbar as in DevTools' Network panel. */
export function FilterBar({
  text,
  blockedOnly,
  problems,
  pending = false,
  onText,
  onBlockedOnly,
  inputRef,
  onLeave,
}: {
  text: string;
  blockedOnly: boolean;
  problems: readonly string[];
  /** The list still shows the previous filter's rows while this one is applied. */
  pending?: boolean;
  onText: (text: string) => void;
  onBlockedOnly: (blockedOnly: boolean) => void;
  inputRef: RefObject<HTMLInputElement | null>;
  /** Escape in an empty box: back to the list. */
  onLeave: () => void;
}) {
  const problemId = useId();
  const hintId = useId();
  return (
    <div class="toolbar filter-bar" role="toolbar" aria-label="Filter">
      <input
        ref={inputRef}
        type="search"
        class="filter-box"
        placeholder="Filter (e.g. is:blocked status:4xx)"
        title="Text, or is:blocked|allowed|unexplained|pending|na, method:, origin:, host:, status:404 or 4xx, error:; -key:value negates"
        aria-label="Filter exchanges"
        aria-describedby={problems.length > 0 ? `${problemId} ${hintId}` : hintId}
        aria-invalid={problems.length > 0}
        spellcheck={false}
        autocomplete="off"
        value={text}
        onInput={(event) => {
          onText(event.currentTarget.value);
        }}
        onKeyDown={(event) => {
          if (event.key !== 'Escape') return;
          event.preventDefault();
          if (event.currentTarget.value === '') onLeave();
          else onText('');
        }}
      />
      <span id={hintId} class="visually-hidden">
        Press / to come back here, Escape to clear.
      </span>
      <label>
        <input
          type="checkbox"
          checked={blockedOnly}
          onChange={(event) => {
            onBlockedOnly(event.currentTarget.checked);
          }}
        />
        Blocked only
      </label>
      {pending && (
        <span class="filter-pending" role="status" data-testid="filter-pending">
          Filtering…
        </span>
      )}
      {problems.length > 0 && (
        <span id={problemId} class="filter-problem" role="status">
          {problems.join(' ')}
        </span>
      )}
    </div>
  );
}
