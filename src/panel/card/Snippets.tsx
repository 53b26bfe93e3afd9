import { useId, useRef, useState } from 'preact/hooks';
import { isVerifiedStack, verificationText, type ServerSnippet } from '../../cors/snippets';
import { CopyButton } from './CopyButton';
import { Sentence, Visible } from './Text';

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

/** Server snippets as tabs (arrow keys move between them); every panel stays in the page. */
export function Snippets({ snippets }: { snippets: readonly ServerSnippet[] }) {
  const [selected, setSelected] = useState(0);
  const base = useId();
  const tabs = useRef<Array<HTMLButtonElement | null>>([]);

  const move = (to: number) => {
    const next = (to + snippets.length) % snippets.length;
    setSelected(next);
    tabs.current[next]?.focus();
  };
  const onKeyDown = (event: KeyboardEvent) => {
    const keys: Record<string, number> = {
      ArrowRight: selected + 1,
      ArrowLeft: selected - 1,
      Home: 0,
      End: snippets.length - 1,
    };
    const to = keys[event.key];
    if (to === undefined) return;
    event.preventDefault();
    move(to);
  };

  return (
    <div class="card-snippets">
      <div class="card-tabs" role="tablist" aria-label="Server" onKeyDown={onKeyDown}>
        {snippets.map((snippet, i) => (
          <button
            key={snippet.id}
            ref={(el) => {
              tabs.current[i] = el;
            }}
            type="button"
            role="tab"
            id={`${base}-tab-${snippet.id}`}
            aria-selected={i === selected}
            aria-controls={`${base}-panel-${snippet.id}`}
            tabIndex={i === selected ? 0 : -1}
            class="card-tab"
            data-snippet-tab={snippet.id}
            onClick={() => {
              setSelected(i);
            }}
          >
            {tabName(snippet)}
          </button>
        ))}
      </div>
      {snippets.map((snippet, i) => (
        <div
          key={snippet.id}
          role="tabpanel"
          id={`${base}-panel-${snippet.id}`}
          aria-labelledby={`${base}-tab-${snippet.id}`}
          hidden={i !== selected}
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
          {snippet.notes && snippet.notes.length > 0 && (
            <ul class="card-list">
              {snippet.notes.map((note, j) => (
                <li key={j}>
                  <Sentence text={note} />
                </li>
              ))}
            </ul>
          )}
        </div>
      ))}
    </div>
  );
}
