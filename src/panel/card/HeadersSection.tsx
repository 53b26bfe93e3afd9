import type { ExchangeObservation, Verdict } from '../../cors';
import { headerSteps, type HeaderColumn, type HeaderStep } from './header-panels';
import { LongValue, Visible } from './Text';

function Column({ column, side }: { column: HeaderColumn; side: 'request' | 'response' }) {
  return (
    <div class={`card-headers-col card-headers-${side}`}>
      <h5>{column.title}</h5>
      {column.rows.length === 0 ? (
        <p class="card-muted">{column.absent ?? 'No headers.'}</p>
      ) : (
        <table class="card-header-table">
          <tbody>
            {column.rows.map((row, i) => (
              <tr
                key={i}
                class={row.ghost ? 'card-ghost' : row.relevant ? 'card-relevant' : undefined}
                data-ghost={row.ghost ? 'true' : undefined}
              >
                <th scope="row">
                  {row.relevant && (
                    <span class="card-mark" aria-hidden="true">
                      {row.ghost ? '○' : '●'}
                    </span>
                  )}
                  <span class="card-header-name">
                    <Visible value={row.name} />
                  </span>
                  {row.relevant && !row.ghost && <span class="card-visually-hidden"> (CORS)</span>}
                </th>
                <td>
                  {row.ghost ? (
                    <span class="card-ghost-note">— {row.note ?? 'missing'}</span>
                  ) : (
                    <LongValue value={row.value} />
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

function Step({ step }: { step: HeaderStep }) {
  return (
    <div class={`card-step${step.failed ? ' card-step-failed' : ''}`} data-step={step.key}>
      <h4>
        {step.title}: {step.method} <Visible value={step.url} />
        {step.failed && <span class="card-tag"> (failed the check)</span>}
      </h4>
      <div class="card-headers-pair">
        <Column column={step.request} side="request" />
        <Column column={step.response} side="response" />
      </div>
    </div>
  );
}

/** Request and response headers of every step, side by side. */
export function HeadersSection({
  observation,
  verdict,
}: {
  observation: ExchangeObservation;
  verdict: Verdict;
}) {
  const steps = headerSteps(observation, verdict);
  return (
    <section class="card-section" aria-label="Headers">
      <h3>Headers</h3>
      <p class="card-muted card-legend">
        <span aria-hidden="true">●</span> marks a line CORS looks at (Origin, Access-Control-*,
        Vary, Cookie, Authorization, Content-Type, Sec-Fetch-Mode);{' '}
        <span aria-hidden="true">○</span> a missing one. Duplicate lines are shown as sent.
      </p>
      {steps.map((step) => (
        <Step key={step.key} step={step} />
      ))}
    </section>
  );
}
