import type { FailureCause as Cause } from '../../cors';
import { CopyButton } from './CopyButton';
import { LongValue, Sentence, SentenceList, Visible } from './Text';

/** A failure that is not CORS, named: what blocked it, the header that decided, what to do. */
export function FailureCause({ cause }: { cause: Cause }) {
  return (
    <section class="card-section" aria-label="What blocked it" data-cause={cause.id}>
      <h3>What blocked it</h3>
      <p>
        <code>
          <Visible value={cause.error} />
        </code>
        : <Sentence text={cause.meaning} />
      </p>
      {cause.header && (
        <p data-testid="cause-header">
          Decided by{' '}
          <code>
            <Visible value={`${cause.header.name}: ${cause.header.value}`} />
          </code>{' '}
          on <Visible value={cause.url} />
        </p>
      )}
      {cause.send && (
        <div class="fix-response" data-testid="cause-send">
          <p>
            Send instead, on <Visible value={cause.url} />:
          </p>
          <pre class="card-code">
            <code>
              <LongValue value={`${cause.send.name}: ${cause.send.value}`} limit={4000} multiline />
            </code>
          </pre>
          <div class="card-actions">
            <CopyButton text={`${cause.send.name}: ${cause.send.value}`} label="Copy header line" />
          </div>
        </div>
      )}
      <h4>What to do</h4>
      <SentenceList items={cause.steps} testId="cause-steps" />
    </section>
  );
}
