import type { ComponentChildren } from 'preact';
import { useId, useRef, useState } from 'preact/hooks';
import { isVerifiedStack, verificationText, type ServerSnippet } from '../../cors/snippets';
import { CopyButton } from './CopyButton';
import { Sentence, SentenceList, Visible } from './Text';

/** Short tab names; the snippet's own name heads its panel. */
const TAB_NAME: Record<ServerSnippet['id'], string> = {
  express: 'Express',
  fastify: 'Fastify',
  koa: 'Koa',
  flask: 'Flask',
  django: 'Django',
  spring: 'Spring',
  aspnet: 'ASP.NET Core',
  'go-rs-cors': 'Go',
  rails: 'Rails',
  nginx: 'nginx',
  apache: 'Apache',
};

export function tabName(snippet: ServerSnippet): string {
  return TAB_NAME[snippet.id];
}

/** A first tab before the stacks': the fix as plain header lines, for any server. */
export interface LeadTab {
  readonly id: string;
  readonly label: string;
  readonly body: ComponentChildren;
}

/**
 * The fix in the server's vocabulary: one tab per stack (arrow keys move between them),
 * after an optional lead tab (the header lines). One picker rather than lines then a
 * picker below them, so a panel docked at the bottom shows it unscrolled; every panel
 * stays in the page.
 */
export function Snippets({
  snippets,
  lead,
}: {
  snippets: readonly ServerSnippet[];
  lead?: LeadTab;
}) {
  const [selected, setSelected] = useState(0);
  const base = useId();
  const tabs = useRef<Array<HTMLButtonElement | null>>([]);
  const offset = lead ? 1 : 0;
  const count = snippets.length + offset;

  const move = (to: number) => {
    const next = (to + count) % count;
    setSelected(next);
    tabs.current[next]?.focus();
  };
  const onKeyDown = (event: KeyboardEvent) => {
    const keys: Record<string, number> = {
      ArrowRight: selected + 1,
      ArrowLeft: selected - 1,
      Home: 0,
      End: count - 1,
    };
    const to = keys[event.key];
    if (to === undefined) return;
    event.preventDefault();
    move(to);
  };

  const tab = (i: number, id: string, label: string, snippetId?: string) => (
    <button
      key={id}
      ref={(el) => {
        tabs.current[i] = el;
      }}
      type="button"
      role="tab"
      id={`${base}-tab-${id}`}
      aria-selected={i === selected}
      aria-controls={`${base}-panel-${id}`}
      tabIndex={i === selected ? 0 : -1}
      class="card-tab"
      data-snippet-tab={snippetId}
      onClick={() => {
        setSelected(i);
      }}
    >
      {label}
    </button>
  );

  return (
    <div class="card-snippets">
      <div class="card-tabs" role="tablist" aria-label="Server" onKeyDown={onKeyDown}>
        {lead && tab(0, lead.id, lead.label)}
        {snippets.map((snippet, i) => tab(i + offset, snippet.id, tabName(snippet), snippet.id))}
      </div>
      {lead && (
        <div
          role="tabpanel"
          id={`${base}-panel-${lead.id}`}
          aria-labelledby={`${base}-tab-${lead.id}`}
          hidden={selected !== 0}
          class="card-tabpanel"
          data-fix-lines=""
        >
          {lead.body}
        </div>
      )}
      {snippets.map((snippet, i) => (
        <div
          key={snippet.id}
          role="tabpanel"
          id={`${base}-panel-${snippet.id}`}
          aria-labelledby={`${base}-tab-${snippet.id}`}
          hidden={i + offset !== selected}
          class="card-tabpanel"
          data-snippet={snippet.id}
        >
          <h4>{snippet.name}</h4>
          <p class="card-verified" data-verified={String(isVerifiedStack(snippet.id))}>
            <Sentence text={verificationText(snippet.id)} />
          </p>
          <pre class="card-code">
            <code>
              <Visible value={snippet.code} multiline />
            </code>
          </pre>
          <CopyButton text={snippet.code} label={`Copy ${tabName(snippet)} snippet`} />
          <p class="card-pitfall">
            <strong>Pitfall:</strong> <Sentence text={snippet.pitfall} />
          </p>
          {snippet.notes && snippet.notes.length > 0 && <SentenceList items={snippet.notes} />}
        </div>
      ))}
    </div>
  );
}
