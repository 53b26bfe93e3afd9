import type { UnexplainedFailure } from '../../cors';
import { Sentence, SentenceList, Visible } from './Text';

/** A failure no CORS rule explains: what the browser said, what it means, what may cause it. */
export function Unexplained({ unexplained }: { unexplained: UnexplainedFailure }) {
  return (
    <section class="card-section" aria-label="What the browser reported">
      <h3>What the browser reported</h3>
      <p>
        <code>
          <Visible value={unexplained.error} />
        </code>
        : <Sentence text={unexplained.meaning} />
      </p>
      <p class="card-muted">
        No CORS rule explains this failure, so CORS Lens does not claim one did.
      </p>
      {unexplained.likelyCauses.length > 0 && (
        <>
          <h4>Likely causes</h4>
          <SentenceList items={unexplained.likelyCauses} testId="likely-causes" />
        </>
      )}
    </section>
  );
}
