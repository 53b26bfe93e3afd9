import { useMemo } from 'preact/hooks';
import type { ExchangeObservation, Fix, ResponseFix, Verdict } from '../../cors';
import { fixCheck } from '../../cors/fix-check';
import { callFixText, fixAsText, headerLineText, responseFixTitle } from '../../cors/fix-text';
import { serverSnippets, snippetInputFor } from '../../cors/snippets';
import { CopyButton } from './CopyButton';
import { Snippets } from './Snippets';
import { LongValue, Sentence, SentenceList } from './Text';
import { headerLines } from './verdict-text';

function Lines({ lines, testId }: { lines: ResponseFix['set']; testId: string }) {
  return (
    <pre class="card-code" data-testid={testId}>
      <code>
        <LongValue value={lines.map(headerLineText).join('\n')} limit={4000} multiline />
      </code>
    </pre>
  );
}

/** One response to change: which, then the lines to send, to keep sending and to drop. */
function ResponseChange({ response }: { response: ResponseFix }) {
  return (
    <div class="fix-response" data-stage={response.stage}>
      <p>
        <Sentence text={`${responseFixTitle(response)}.`} />
      </p>
      {response.set.length > 0 && <Lines lines={response.set} testId="fix-headers" />}
      {response.keep.length > 0 && (
        <>
          <p class="fix-label">Already right: keep sending</p>
          <Lines lines={response.keep} testId="fix-keep" />
        </>
      )}
      {response.remove.length > 0 && (
        <>
          <p class="fix-label">Remove</p>
          <Lines lines={response.remove} testId="fix-remove" />
        </>
      )}
    </div>
  );
}

/** A fix in the page's own code: the fetch() options to pass, ready to paste. */
function CallChange({ text }: { text: string }) {
  return (
    <div class="fix-response" data-testid="fix-call">
      <p>
        <Sentence text="Change the page's call: pass these fetch() options." />
      </p>
      <pre class="card-code">
        <code>{text}</code>
      </pre>
      <div class="card-actions">
        <CopyButton text={text} label="Copy fetch() options" />
      </div>
    </div>
  );
}

/** The fix: every response to change, the engine's own check of it, the steps, then server snippets. */
export function FixSection({
  fix,
  observation,
  verdict,
}: {
  fix: Fix;
  observation: ExchangeObservation;
  verdict: Verdict;
}) {
  const check = useMemo(() => fixCheck(observation, verdict), [observation, verdict]);
  const snippets = useMemo(() => {
    const input = snippetInputFor(observation, verdict);
    return input ? serverSnippets(input) : [];
  }, [observation, verdict]);
  const lines = fix.byHeaders ? (
    <>
      <div class="card-actions">
        <CopyButton text={headerLines(fix)} label="Copy fix headers" />
        <CopyButton text={fixAsText(fix)} label="Copy as fix" />
      </div>
      {fix.responses.map((response) => (
        <ResponseChange key={`${response.stage}-${response.hop}`} response={response} />
      ))}
    </>
  ) : null;
  return (
    <section class="card-section" aria-label="The fix">
      <h3>The fix</h3>
      {fix.byHeaders && (
        <p
          class={check.passes ? 'fix-check fix-check-passed' : 'fix-check fix-check-failed'}
          data-testid="fix-check"
        >
          <Sentence text={check.explanation} />
        </p>
      )}
      {/* The picker before the lines: a panel docked at the bottom shows both unscrolled. */}
      {snippets.length > 0 ? (
        <Snippets
          snippets={snippets}
          lead={lines ? { id: 'headers', label: 'Header lines', body: lines } : undefined}
        />
      ) : (
        lines
      )}
      {fix.call && <CallChange text={callFixText(fix.call)} />}
      {fix.steps.length > 0 && <SentenceList items={fix.steps} testId="fix-steps" />}
    </section>
  );
}
