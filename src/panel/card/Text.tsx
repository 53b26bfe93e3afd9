/** Data from the network, rendered as text only: invisible characters escaped, long values cut. */
import { useState } from 'preact/hooks';
import { characters, inlineCode, truncate, visibleSegments, TRUNCATE_AT } from './visible-text';

/** A value with its invisible characters shown as `\u0001` escapes; `multiline` keeps line feeds and tabs. */
export function Visible({ value, multiline = false }: { value: string; multiline?: boolean }) {
  return (
    <>
      {visibleSegments(value, multiline).map((segment, i) =>
        segment.escaped ? (
          <span key={i} class="card-ctl" title="invisible character">
            {segment.text}
          </span>
        ) : (
          segment.text
        ),
      )}
    </>
  );
}

/** A value that may be huge (a 64 KB header): cut at first, with a toggle to show it all. */
export function LongValue({
  value,
  limit = TRUNCATE_AT,
  multiline = false,
}: {
  value: string;
  limit?: number;
  multiline?: boolean;
}) {
  const [open, setOpen] = useState(false);
  const { text, cut } = truncate(value, limit);
  if (!cut) return <Visible value={value} multiline={multiline} />;
  return (
    <>
      <Visible value={open ? value : text} multiline={multiline} />
      {!open && <span class="card-ellipsis">…</span>}{' '}
      <button
        type="button"
        class="card-link card-expand"
        aria-expanded={open}
        onClick={() => {
          setOpen(!open);
        }}
      >
        {open ? 'Show less' : `Show all ${characters(value.length)}`}
      </button>
    </>
  );
}

/** One of the engine's sentences, its `backtick` spans shown as code. */
export function Sentence({ text }: { text: string }) {
  return (
    <>
      {inlineCode(text).map((part, i) =>
        part.code ? (
          <code key={i}>
            <LongValue value={part.text} />
          </code>
        ) : (
          <LongValue key={i} value={part.text} limit={2000} />
        ),
      )}
    </>
  );
}

/** A bulleted list of sentences (steps, causes, notes), each with its `code` spans. */
export function SentenceList({ items, testId }: { items: readonly string[]; testId?: string }) {
  return (
    <ul class="card-list" data-testid={testId}>
      {items.map((text, i) => (
        <li key={i}>
          <Sentence text={text} />
        </li>
      ))}
    </ul>
  );
}
