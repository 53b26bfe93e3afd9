import { useMemo } from 'preact/hooks';
import type { ExchangeObservation, Fix, Verdict } from '../../cors';
import { serverSnippets, snippetInputFor } from '../../cors/snippets';
import { CopyButton } from './CopyButton';
import { Snippets } from './Snippets';
import { LongValue, Sentence } from './Text';
import { fixOnText, headerLines } from './verdict-text';

/** The fix: the exact header lines, the steps around them, then server snippets. */
export function FixSection({
  fix,
  observation,
  verdict,
}: {
  fix: Fix;
  observation: ExchangeObservation;
  verdict: Verdict;
}) {
  const lines = headerLines(fix);
  const snippets = useMemo(() => {
    const input = snippetInputFor(observation, verdict);
    return input ? serverSnippets(input) : [];
  }, [observation, verdict]);
  return (
    <section class="card-section" aria-label="The fix">
      <h3>The fix</h3>
      {fix.headers.length > 0 && (
        <>
          <p>{fixOnText(fix.on)}</p>
          <pre class="card-code" data-testid="fix-headers">
            <code>
              <LongValue value={lines} limit={4000} multiline />
            </code>
          </pre>
          <CopyButton text={lines} label="Copy fix headers" />
        </>
      )}
      {fix.steps.length > 0 && (
        <ul class="card-list" data-testid="fix-steps">
          {fix.steps.map((step, i) => (
            <li key={i}>
              <Sentence text={step} />
            </li>
          ))}
        </ul>
      )}
      {snippets.length > 0 && (
        <>
          <h4>Server configuration</h4>
          <Snippets snippets={snippets} />
        </>
      )}
    </section>
  );
}
