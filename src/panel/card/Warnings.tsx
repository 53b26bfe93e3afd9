import type { CorsWarning } from '../../cors';
import { Sentence } from './Text';

/** The engine's warnings, shown for allowed exchanges too, each with its stable id. */
export function Warnings({ warnings }: { warnings: readonly CorsWarning[] }) {
  if (warnings.length === 0) return null;
  return (
    <section class="card-section card-warnings" aria-label="Warnings">
      <h3>
        Warnings <span class="card-count">({warnings.length})</span>
      </h3>
      <ul class="card-list">
        {warnings.map((warning, i) => (
          <li key={i} data-warning={warning.id}>
            <span class="card-mark" aria-hidden="true">
              ⚠
            </span>{' '}
            <code class="card-warning-id">{warning.id}</code>: <Sentence text={warning.message} />
          </li>
        ))}
      </ul>
    </section>
  );
}
