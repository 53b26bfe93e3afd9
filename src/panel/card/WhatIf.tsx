/**
 * What if the server sent something else? Each response of the exchange as editable
 * header lines and a status; the engine's verdict on the edited exchange at once, with the
 * fix lines it would still need; "Copy as fix" turns the edits into a fix to hand over.
 */
import { useMemo, useState } from 'preact/hooks';
import type { ExchangeObservation, Verdict } from '../../cors';
import { fixAsText, responseFixTitle } from '../../cors/fix-text';
import { CopyButton } from './CopyButton';
import { Sentence } from './Text';
import { headerLines } from './verdict-text';
import {
  changesFrom,
  editableResponses,
  editsWithFix,
  fixFromEdits,
  headersAsText,
  whatIf,
  type EditableResponse,
  type ResponseEdit,
} from './what-if';

function title(r: EditableResponse): string {
  return responseFixTitle({
    stage: r.stage,
    hop: r.hop,
    url: r.url,
    seen: r.seen,
    set: [],
    keep: [],
    remove: [],
  });
}

function Editor({
  response,
  edit,
  onEdit,
}: {
  response: EditableResponse;
  edit: ResponseEdit;
  onEdit: (edit: ResponseEdit) => void;
}) {
  return (
    <fieldset class="what-if-response" data-key={response.key}>
      <legend>
        <Sentence text={title(response)} />
      </legend>
      <label class="what-if-status">
        Status{' '}
        <input
          type="text"
          inputMode="numeric"
          size={4}
          value={edit.status}
          onInput={(e) => {
            onEdit({ ...edit, status: e.currentTarget.value });
          }}
        />
      </label>
      <label class="what-if-headers">
        Response headers, one <code>Name: value</code> per line
        <textarea
          rows={Math.min(12, Math.max(3, edit.headers.split('\n').length + 1))}
          spellcheck={false}
          value={edit.headers}
          onInput={(e) => {
            onEdit({ ...edit, headers: e.currentTarget.value });
          }}
        />
      </label>
    </fieldset>
  );
}

export function WhatIf({
  observation,
  verdict,
}: {
  observation: ExchangeObservation;
  verdict: Verdict;
}) {
  const responses = useMemo(() => editableResponses(observation, verdict), [observation, verdict]);
  const original = useMemo(() => {
    const edits: Record<string, ResponseEdit> = {};
    for (const r of responses) {
      edits[r.key] = { status: String(r.status), headers: headersAsText(r.headers) };
    }
    return edits;
  }, [responses]);
  const [edits, setEdits] = useState<Record<string, ResponseEdit>>(original);
  const { changes, problems } = useMemo(() => changesFrom(responses, edits), [responses, edits]);
  const result = useMemo(
    () => whatIf(observation, verdict, changes),
    [observation, verdict, changes],
  );
  const asFix = useMemo(() => fixFromEdits(responses, edits), [responses, edits]);
  const stillNeeded = result.verdict.failure?.fix;
  if (responses.length === 0) return null;

  return (
    <details class="card-section what-if" data-testid="what-if">
      <summary>What if the server sent…</summary>
      <p>
        Edit the responses below: the verdict follows at once. Start from what was received, or from
        the fix.
      </p>
      <div class="card-actions">
        <button
          type="button"
          class="card-button"
          onClick={() => {
            setEdits({ ...original, ...editsWithFix(responses, verdict.failure?.fix ?? NO_FIX) });
          }}
          disabled={!verdict.failure?.fix.byHeaders}
        >
          Start from the fix
        </button>
        <button
          type="button"
          class="card-button"
          onClick={() => {
            setEdits(original);
          }}
        >
          Reset to what was received
        </button>
      </div>
      {responses.map((r) => (
        <Editor
          key={r.key}
          response={r}
          edit={edits[r.key] ?? { status: String(r.status), headers: '' }}
          onEdit={(edit) => {
            setEdits((all) => ({ ...all, [r.key]: edit }));
          }}
        />
      ))}
      {problems.length > 0 && (
        <ul class="card-list card-missing" data-testid="what-if-problems">
          {problems.map((p, i) => (
            <li key={i}>
              <Sentence text={p} />
            </li>
          ))}
        </ul>
      )}
      <p
        class={result.passes ? 'fix-check fix-check-passed' : 'fix-check fix-check-failed'}
        data-testid="what-if-verdict"
        role="status"
      >
        <Sentence
          text={
            result.passes
              ? 'With these responses this request passes.'
              : `Still blocked: ${result.verdict.failure?.summary ?? result.verdict.headline}${
                  result.verdict.failure ? ` (${result.verdict.failure.corsError})` : ''
                }.`
          }
        />
      </p>
      {!result.passes && stillNeeded?.byHeaders && (
        <>
          <p>What these responses would still need:</p>
          <pre class="card-code" data-testid="what-if-fix">
            <code>{headerLines(stillNeeded)}</code>
          </pre>
        </>
      )}
      {asFix.byHeaders && <CopyButton text={fixAsText(asFix)} label="Copy edits as fix" />}
    </details>
  );
}

const NO_FIX = { byHeaders: false, responses: [], steps: [] } as const;
