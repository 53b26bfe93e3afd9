import type { FailureCause as Cause } from '../../cors';
import { Sentence, SentenceList, Visible } from './Text';

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
      <h4>What to do</h4>
      <SentenceList items={cause.steps} testId="cause-steps" />
    </section>
  );
}
